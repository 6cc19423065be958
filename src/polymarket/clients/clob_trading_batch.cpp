// ClobTradingClient batch placement, market cancels and heartbeats (protocol doc section 6).
#include <nlohmann/json.hpp>

#include "polymarket/clients/clob_trading_client.hpp"
#include "polymarket/parse/parsers.hpp"

namespace polycopy::polymarket {

core::Result<std::vector<parse::OrderPostResult>> ClobTradingClient::post_orders(
    const std::vector<SignedOrder>& orders, PostOptions options) const {
  options.owner = identity_.credentials.key;
  std::vector<std::string> envelopes;
  envelopes.reserve(orders.size());
  for (const auto& order : orders) envelopes.push_back(polymarket::post_order_body(order, options));
  return post_orders_body(envelopes);
}

core::Result<std::vector<parse::OrderPostResult>> ClobTradingClient::post_orders_body(
    const std::vector<std::string>& envelopes) const {
  if (envelopes.empty() || envelopes.size() > kMaxBatchOrders)
    return core::Error{"invalid_argument",
                       "a batch holds 1 to " + std::to_string(kMaxBatchOrders) + " orders"};
  std::string body = "[";
  for (std::size_t i = 0; i < envelopes.size(); ++i) {
    if (i > 0) body += ',';
    body += envelopes[i];
  }
  body += ']';
  // POST is not idempotent: a lost answer or a 5xx is unknown_outcome, never re-sent.
  auto answer = send(net::HttpMethod::post, "/orders", "", body, "order-batch");
  if (!answer) return answer.error();
  return decode(*answer, [&](const parse::JsonNode& root) {
    parse::expect_array(root, "");
    std::vector<parse::OrderPostResult> out;
    out.reserve(root.items.size());
    for (std::size_t i = 0; i < root.items.size(); ++i)
      out.push_back(parse::parse_order_post(root.items[i], "[" + std::to_string(i) + "]"));
    return out;
  });
}

core::Result<CancelResult> ClobTradingClient::cancel_market_orders(
    const CancelMarketRequest& request) const {
  if (!request.market && !request.asset_id)
    return core::Error{"invalid_argument", "cancel-market-orders needs a market or an asset_id"};
  nlohmann::ordered_json body = nlohmann::ordered_json::object();
  if (request.market) body["market"] = *request.market;
  if (request.asset_id) body["asset_id"] = *request.asset_id;
  return cancel("/cancel-market-orders", body.dump());
}

core::Result<HeartbeatResult> ClobTradingClient::heartbeat(const std::string& heartbeat_id) const {
  const std::string body = nlohmann::json{{"heartbeat_id", heartbeat_id}}.dump();
  auto answer = send(net::HttpMethod::post, "/v1/heartbeats", "", body, "");
  if (!answer) return answer.error();
  return decode(*answer, [](const parse::JsonNode& root) {
    parse::Fields f(root, "");
    HeartbeatResult out;
    out.heartbeat_id = f.str({"heartbeat_id"});
    out.error_msg = f.opt_str({"error_msg"});
    if (out.error_msg && out.error_msg->empty()) out.error_msg.reset();
    return out;
  });
}

}  // namespace polycopy::polymarket
