#include "sim/http/route_helpers.hpp"

#include <charconv>

#include "chain/hex.hpp"
#include "polymarket/auth/base64.hpp"

namespace polycopy::sim {
namespace {

constexpr std::string_view kEndCursor = "LTE=";

std::optional<std::size_t> parse_size(std::string_view text) {
  std::size_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string encode_offset(std::size_t offset) {
  const std::string digits = std::to_string(offset);
  auto text = polymarket::base64url_keep_padding(
      chain::ByteView(reinterpret_cast<const std::uint8_t*>(digits.data()), digits.size()));
  for (auto& c : text) {  // the CLOB's cursors are standard base64 ("MA==")
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  return text;
}

std::optional<std::size_t> decode_offset(std::string_view cursor) {
  const auto bytes = polymarket::decode_api_secret(cursor);
  if (!bytes) return std::nullopt;
  return parse_size(std::string_view(reinterpret_cast<const char*>(bytes->data()), bytes->size()));
}

}  // namespace

core::Result<chain::Uint256> parse_token(std::string_view text) {
  const auto value = chain::Uint256::parse_decimal(text);
  if (!value || value->to_decimal() != text)
    return core::Error{"invalid_token_id", "Invalid token id"};
  return *value;
}

core::Result<chain::Bytes32> parse_condition(std::string_view text) {
  const auto value = chain::parse_bytes32(text);
  if (!value) return core::Error{"invalid_condition_id", "Invalid condition id"};
  return *value;
}

std::optional<MarketState> find_market(SimContext& ctx, std::string_view condition_id) {
  const auto id = parse_condition(condition_id);
  if (!id) return std::nullopt;
  return ctx.venue.market_by_condition(*id);
}

std::optional<nlohmann::json> json_body(const service::HttpRequest& request) {
  auto body = nlohmann::json::parse(request.body, nullptr, false);
  if (body.is_discarded()) return std::nullopt;
  return body;
}

service::HttpResponse cursor_page(const service::HttpRequest& request,
                                  std::vector<nlohmann::json> items, std::size_t page_size) {
  std::size_t offset = 0;
  const auto cursor = request.query.find("next_cursor");
  if (cursor != request.query.end() && !cursor->second.empty()) {
    if (cursor->second == kEndCursor) return venue_error(400, "invalid next_cursor");
    const auto decoded = decode_offset(cursor->second);
    if (!decoded) return venue_error(400, "invalid next_cursor");
    offset = *decoded;
  }
  nlohmann::json data = nlohmann::json::array();
  for (std::size_t i = offset; i < items.size() && i < offset + page_size; ++i)
    data.push_back(std::move(items[i]));
  const std::size_t next = offset + data.size();
  return service::json_response(
      200, {{"limit", page_size},
            {"count", data.size()},
            {"next_cursor", next >= items.size() ? std::string(kEndCursor) : encode_offset(next)},
            {"data", std::move(data)}});
}

service::HttpResponse markets_page(SimContext& ctx, const service::HttpRequest& request,
                                   const std::function<nlohmann::json(const MarketState&)>& shape) {
  std::vector<nlohmann::json> items;
  for (const auto& market : ctx.venue.markets()) items.push_back(shape(market));
  return cursor_page(request, std::move(items), 500);
}

core::Result<LimitOffset> limit_offset(const service::HttpRequest& request,
                                       std::size_t default_limit, std::size_t max_limit,
                                       std::size_t max_offset) {
  LimitOffset out{default_limit, 0};
  if (const auto it = request.query.find("limit"); it != request.query.end()) {
    const auto limit = parse_size(it->second);
    if (!limit) return core::Error{"invalid_limit", "limit must be a non-negative integer"};
    out.limit = std::min(*limit, max_limit);
  }
  if (const auto it = request.query.find("offset"); it != request.query.end()) {
    const auto offset = parse_size(it->second);
    if (!offset) return core::Error{"invalid_offset", "offset must be a non-negative integer"};
    if (*offset > max_offset)
      return core::Error{"invalid_offset", "max historical activity offset of " +
                                               std::to_string(max_offset) + " exceeded"};
    out.offset = *offset;
  }
  return out;
}

service::HttpResponse venue_error(int status, std::string text) {
  return service::json_response(status, {{"error", std::move(text)}});
}

}  // namespace polycopy::sim
