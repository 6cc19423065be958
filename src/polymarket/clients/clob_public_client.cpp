#include "polymarket/clients/clob_public_client.hpp"

#include "polymarket/clients/query.hpp"
#include "polymarket/parse/parsers.hpp"

namespace polycopy::polymarket {
namespace {

using parse::Fields;
using parse::JsonNode;

std::string token_query(std::string_view path, const std::string& token_id) {
  return Query().add("token_id", token_id).with_path(path);
}

}  // namespace

ClobPublicClient::ClobPublicClient(net::HttpClient& http, std::string base_url)
    : rest_(http, std::move(base_url), "clob") {}

core::Result<parse::OrderBook> ClobPublicClient::book(const std::string& token_id) const {
  auto body = rest_.get(token_query("/book", token_id), "book");
  if (!body) return body.error();
  return decode_one(*body, parse::parse_order_book);
}

core::Result<parse::ClobQuote> ClobPublicClient::price(const std::string& token_id,
                                                       parse::TradeSide side) const {
  auto body = rest_.get(
      Query().add("token_id", token_id).add("side", parse::to_string(side)).with_path("/price"),
      "price");
  if (!body) return body.error();
  auto quote = decode_one(*body, parse::parse_clob_quote);
  if (quote) quote.value().side = side;
  return quote;
}

core::Result<parse::ClobQuote> ClobPublicClient::midpoint(const std::string& token_id) const {
  auto body = rest_.get(token_query("/midpoint", token_id), "midpoint");
  if (!body) return body.error();
  return decode_one(*body, parse::parse_clob_quote);
}

core::Result<parse::ClobQuote> ClobPublicClient::spread(const std::string& token_id) const {
  auto body = rest_.get(token_query("/spread", token_id), "spread");
  if (!body) return body.error();
  return decode_one(*body, parse::parse_clob_quote);
}

core::Result<core::Price> ClobPublicClient::tick_size(const std::string& token_id) const {
  auto body = rest_.get(token_query("/tick-size", token_id), "tick-size");
  if (!body) return body.error();
  return decode(*body, [](const JsonNode& root) {
    return Fields(root, "").price({"minimum_tick_size"}, parse::Precision::exact);
  });
}

core::Result<bool> ClobPublicClient::neg_risk(const std::string& token_id) const {
  auto body = rest_.get(token_query("/neg-risk", token_id), "neg-risk");
  if (!body) return body.error();
  return decode(*body, [](const JsonNode& root) { return Fields(root, "").boolean({"neg_risk"}); });
}

core::Result<parse::ClobMarket> ClobPublicClient::market(const std::string& condition_id) const {
  auto body = rest_.get("/markets/" + url_encode(condition_id), "markets");
  if (!body) return body.error();
  return decode_one(*body, parse::parse_clob_market);
}

core::Result<CursorPage<parse::ClobMarket>> ClobPublicClient::markets_page(
    std::string_view cursor) const {
  auto body = rest_.get(Query().add("next_cursor", cursor).with_path("/markets"), "markets");
  if (!body) return body.error();
  return decode_cursor_page(*body, parse::parse_clob_market);
}

core::Result<std::int64_t> ClobPublicClient::server_time() const {
  auto body = rest_.get("/time");
  if (!body) return body.error();
  return decode(*body, [](const JsonNode& root) -> std::int64_t {
    if (!root.is_number() && !root.is_string())
      parse::fail("wrong_type", "", "expected a number of seconds");
    std::size_t used = 0;
    std::int64_t value = 0;
    try {
      value = std::stoll(root.text, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != root.text.size() || value <= 0)
      parse::fail("invalid_timestamp", "", "not a whole number of seconds");
    return value;
  });
}

core::Result<int> ClobPublicClient::version() const {
  auto body = rest_.get("/version");
  if (!body) return body.error();
  return decode(*body, [](const JsonNode& root) {
    return static_cast<int>(Fields(root, "").opt_integer({"version"}).value_or(2));
  });
}

}  // namespace polycopy::polymarket
