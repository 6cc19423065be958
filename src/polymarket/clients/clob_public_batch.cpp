// ClobPublicClient batch quotes and the fee rate (protocol doc section 5). The batch forms
// are POSTs that change nothing, so they are marked idempotent and retried like GETs.
#include <nlohmann/json.hpp>

#include "polymarket/clients/clob_public_client.hpp"
#include "polymarket/clients/query.hpp"
#include "polymarket/parse/parsers.hpp"

namespace polycopy::polymarket {
namespace {

using parse::Fields;
using parse::JsonNode;

std::string token_list_body(const std::vector<std::string>& token_ids) {
  nlohmann::json body = nlohmann::json::array();
  for (const auto& id : token_ids) body.push_back({{"token_id", id}});
  return body.dump();
}

core::Result<std::string> post_quotes(const RestEndpoint& rest, const char* path, std::string body,
                                      const char* bucket) {
  RestCall c;
  c.method = net::HttpMethod::post;
  c.path_and_query = path;
  c.body = std::move(body);
  c.rate_bucket = bucket;
  c.idempotent = true;
  return rest.call(c);
}

parse::TradeSide side_from_key(const std::string& key, const std::string& path) {
  if (key == "BUY" || key == "buy") return parse::TradeSide::buy;
  if (key == "SELL" || key == "sell") return parse::TradeSide::sell;
  parse::fail("invalid_side", path, "expected BUY or SELL");
}

const std::string& price_text(const JsonNode& node, const std::string& path) {
  if (!node.is_string() && !node.is_number()) parse::fail("wrong_type", path, "expected a price");
  return node.text;
}

}  // namespace

core::Result<std::vector<parse::OrderBook>> ClobPublicClient::books(
    const std::vector<std::string>& token_ids) const {
  auto body = post_quotes(rest_, "/books", token_list_body(token_ids), "books");
  if (!body) return body.error();
  return decode_list(*body, parse::parse_order_book);
}

core::Result<std::vector<TokenQuote>> ClobPublicClient::prices(
    const std::vector<PriceRequest>& requests) const {
  nlohmann::ordered_json request = nlohmann::ordered_json::array();
  for (const auto& r : requests)
    request.push_back({{"token_id", r.token_id}, {"side", parse::to_string(r.side)}});
  auto body = post_quotes(rest_, "/prices", request.dump(), "prices");
  if (!body) return body.error();
  return decode(*body, [](const JsonNode& root) {
    parse::expect_object(root, "");
    std::vector<TokenQuote> out;
    for (const auto& [token, sides] : root.members) {
      parse::expect_object(sides, token);
      for (const auto& [side, price] : sides.members) {
        const std::string path = token + "." + side;
        out.push_back(
            {parse::token_id_from_text(token, token), side_from_key(side, path),
             parse::price_from_text(price_text(price, path), parse::Precision::exact, path)});
      }
    }
    return out;
  });
}

core::Result<std::vector<TokenQuote>> ClobPublicClient::midpoints(
    const std::vector<std::string>& token_ids) const {
  auto body = post_quotes(rest_, "/midpoints", token_list_body(token_ids), "midpoints");
  if (!body) return body.error();
  return decode(*body, [](const JsonNode& root) {
    parse::expect_object(root, "");
    std::vector<TokenQuote> out;
    for (const auto& [token, mid] : root.members)
      out.push_back(
          {parse::token_id_from_text(token, token), std::nullopt,
           parse::price_from_text(price_text(mid, token), parse::Precision::exact, token)});
    return out;
  });
}

core::Result<std::int64_t> ClobPublicClient::fee_rate_bps(const std::string& token_id) const {
  auto body = rest_.get(Query().add("token_id", token_id).with_path("/fee-rate"));
  if (!body) return body.error();
  return decode(*body, [](const JsonNode& root) {
    const std::int64_t bps = Fields(root, "").integer({"base_fee"});
    if (bps < 0) parse::fail("invalid_integer", "base_fee", "negative fee rate");
    return bps;
  });
}

}  // namespace polycopy::polymarket
