#include "polymarket/clients/clob_trading_client.hpp"

#include <cctype>
#include <set>

#include <nlohmann/json.hpp>

#include "polymarket/clients/query.hpp"
#include "polymarket/parse/parsers.hpp"

namespace polycopy::polymarket {
namespace {

using parse::Fields;
using parse::JsonNode;

const core::Clock& clock_or_system(const core::Clock* clock) {
  static const core::SystemClock system;
  return clock ? *clock : system;
}

const char* method_name(net::HttpMethod method) {
  switch (method) {
    case net::HttpMethod::post:
      return "POST";
    case net::HttpMethod::delete_:
      return "DELETE";
    default:
      return "GET";
  }
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// A placement refusal as an Error: the doc's code in lower case, or "order_rejected".
core::Error rejection(const parse::OrderPostResult& result) {
  std::string code = result.error_code ? lower(*result.error_code) : "order_rejected";
  std::string message = result.error_msg.empty() ? "order not placed" : result.error_msg;
  return core::Error{std::move(code), std::move(message)};
}

core::Result<parse::OrderPostResult> order_answer(const core::Result<std::string>& body,
                                                  const std::string& error_body) {
  if (body) {
    auto parsed = decode_one(*body, parse::parse_order_post);
    if (!parsed) return parsed.error();
    if (!parsed->success) return rejection(*parsed);
    return parsed;
  }
  // A 4xx whose text is a known placement error gets that error's code.
  if (!error_body.empty()) {
    auto parsed = decode_one(error_body, parse::parse_order_post);
    if (parsed && parsed->error_code) return rejection(*parsed);
  }
  return body.error();
}

template <class T, class PageFn>
core::Result<std::vector<T>> all_pages(PageFn page_fn, int max_pages) {
  std::vector<T> out;
  std::string cursor(kFirstCursor);
  std::set<std::string> seen{cursor};
  for (int i = 0; i < max_pages; ++i) {
    auto page = page_fn(cursor);
    if (!page) return page.error();
    for (auto& item : page.value().items) out.push_back(std::move(item));
    cursor = page->next_cursor;
    if (cursor.empty() || cursor == kEndCursor) return out;
    // A cursor seen before would loop; stopping there would hide the rows after it (an
    // open order the reconciler never sees).
    if (!seen.insert(cursor).second)
      return core::Error{"cursor_loop", "the venue sent a cursor it had already sent"};
  }
  return core::Error{"too_many_pages", "more than " + std::to_string(max_pages) + " pages"};
}

}  // namespace

ClobTradingClient::ClobTradingClient(net::HttpClient& http, std::string base_url,
                                     L2Identity identity, const core::Clock* clock)
    : rest_(http, std::move(base_url), "clob"),
      identity_(std::move(identity)),
      clock_(clock_or_system(clock)) {}

core::Result<std::string> ClobTradingClient::send(net::HttpMethod method, const std::string& path,
                                                  const std::string& query, const std::string& body,
                                                  const std::string& rate_bucket) const {
  L2Request signed_part;
  signed_part.timestamp_s = static_cast<std::uint64_t>(core::to_unix_ms(clock_.now()) / 1000);
  signed_part.method = method_name(method);
  signed_part.path = path;
  if (!body.empty()) signed_part.body = body;
  auto headers = l2_headers(identity_.address, identity_.credentials, signed_part);
  if (!headers) return headers.error();
  RestCall c;
  c.method = method;
  c.path_and_query = path + query;
  c.body = body;
  c.rate_bucket = rate_bucket;
  c.headers = {{"POLY_ADDRESS", headers->poly_address},
               {"POLY_SIGNATURE", headers->poly_signature},
               {"POLY_TIMESTAMP", headers->poly_timestamp},
               {"POLY_API_KEY", headers->poly_api_key},
               {"POLY_PASSPHRASE", headers->poly_passphrase}};
  return rest_.call(c);
}

core::Result<parse::OrderPostResult> ClobTradingClient::post_order(const SignedOrder& order,
                                                                   PostOptions options) const {
  options.owner = identity_.credentials.key;
  return post_order_body(polymarket::post_order_body(order, options));
}

core::Result<parse::OrderPostResult> ClobTradingClient::post_order_body(
    const std::string& body) const {
  auto answer = send(net::HttpMethod::post, "/order", "", body, "order-post");
  if (answer) return order_answer(answer, "");
  // Only a complete 4xx answer may carry a placement error; the message holds its text.
  const std::string& code = answer.error().code;
  if (code == "bad_request" || code == "http_status" || code == "forbidden")
    return order_answer(answer, nlohmann::json{{"error", answer.error().message}}.dump());
  return answer.error();
}

core::Result<CancelResult> ClobTradingClient::cancel_order(const std::string& order_id) const {
  return cancel("/order", nlohmann::json{{"orderID", order_id}}.dump());
}

core::Result<CancelResult> ClobTradingClient::cancel_orders(
    const std::vector<std::string>& order_ids) const {
  return cancel("/orders", nlohmann::json(order_ids).dump());
}

core::Result<CancelResult> ClobTradingClient::cancel_all() const {
  return cancel("/cancel-all", "");
}

core::Result<CancelResult> ClobTradingClient::cancel(const std::string& path,
                                                     const std::string& body) const {
  auto answer = send(net::HttpMethod::delete_, path, "", body, "order-delete");
  if (!answer) return answer.error();
  return decode(*answer, [](const JsonNode& root) {
    Fields f(root, "");
    CancelResult out;
    if (const JsonNode* list = f.find({"canceled"})) {
      parse::expect_array(*list, "canceled");
      for (const auto& item : list->items) out.canceled.push_back(item.text);
    }
    if (const JsonNode* map = f.find({"not_canceled"})) {
      parse::expect_object(*map, "not_canceled");
      for (const auto& [id, reason] : map->members) out.not_canceled[id] = reason.text;
    }
    return out;
  });
}

core::Result<CursorPage<parse::OpenOrder>> ClobTradingClient::open_orders_page(
    const OpenOrderFilter& filter, std::string_view cursor) const {
  Query q;
  q.add_opt("id", filter.id).add_opt("market", filter.market).add_opt("asset_id", filter.asset_id);
  q.add("next_cursor", cursor);
  auto answer = send(net::HttpMethod::get, "/data/orders", q.str(), "", "data/orders");
  if (!answer) return answer.error();
  return decode_cursor_page(*answer, parse::parse_open_order);
}

core::Result<std::vector<parse::OpenOrder>> ClobTradingClient::open_orders(
    const OpenOrderFilter& filter, int max_pages) const {
  return all_pages<parse::OpenOrder>(
      [&](const std::string& cursor) { return open_orders_page(filter, cursor); }, max_pages);
}

core::Result<std::optional<parse::OpenOrder>> ClobTradingClient::find_order(
    const std::string& order_id) const {
  auto answer =
      send(net::HttpMethod::get, "/data/order/" + url_encode(order_id), "", "", "data/orders");
  if (!answer) return answer.error();
  std::string_view body = *answer;
  while (!body.empty() && std::isspace(static_cast<unsigned char>(body.front())))
    body.remove_prefix(1);
  while (!body.empty() && std::isspace(static_cast<unsigned char>(body.back())))
    body.remove_suffix(1);
  if (body == "null" || body.empty()) return std::optional<parse::OpenOrder>{};
  auto order = decode_one(*answer, parse::parse_open_order);
  if (!order) return order.error();
  return std::optional<parse::OpenOrder>{std::move(*order)};
}

core::Result<parse::OpenOrder> ClobTradingClient::order(const std::string& order_id) const {
  auto answer =
      send(net::HttpMethod::get, "/data/order/" + url_encode(order_id), "", "", "data/orders");
  if (!answer) return answer.error();
  return decode_one(*answer, parse::parse_open_order);
}

core::Result<CursorPage<parse::ClobTrade>> ClobTradingClient::trades_page(
    const TradeFilter& filter, std::string_view cursor) const {
  Query q;
  q.add_opt("id", filter.id)
      .add_opt("maker_address", filter.maker_address)
      .add_opt("market", filter.market)
      .add_opt("asset_id", filter.asset_id)
      .add_opt_int("before", filter.before)
      .add_opt_int("after", filter.after)
      .add("next_cursor", cursor);
  auto answer = send(net::HttpMethod::get, "/data/trades", q.str(), "", "data/trades");
  if (!answer) return answer.error();
  return decode_cursor_page(*answer, parse::parse_clob_trade);
}

core::Result<std::vector<parse::ClobTrade>> ClobTradingClient::trades(const TradeFilter& filter,
                                                                      int max_pages) const {
  return all_pages<parse::ClobTrade>(
      [&](const std::string& cursor) { return trades_page(filter, cursor); }, max_pages);
}

core::Result<BalanceAllowance> ClobTradingClient::balance_allowance(
    const BalanceAllowanceQuery& query) const {
  Query q;
  q.add("asset_type", query.asset_type == AssetType::collateral ? "COLLATERAL" : "CONDITIONAL");
  q.add_opt("token_id", query.token_id);
  if (query.signature_type) q.add_int("signature_type", *query.signature_type);
  auto answer = send(net::HttpMethod::get, "/balance-allowance", q.str(), "", "balance-allowance");
  if (!answer) return answer.error();
  return decode(*answer, [](const JsonNode& root) {
    Fields f(root, "");
    BalanceAllowance out;
    const JsonNode* balance = f.find({"balance"});
    if (!balance || !(balance->is_string() || balance->is_number()))
      parse::fail("missing_field", "balance", "expected the balance in units");
    out.balance = balance->text;
    if (const JsonNode* map = f.find({"allowances"})) {
      parse::expect_object(*map, "allowances");
      for (const auto& [spender, amount] : map->members) out.allowances[spender] = amount.text;
    }
    return out;
  });
}

}  // namespace polycopy::polymarket
