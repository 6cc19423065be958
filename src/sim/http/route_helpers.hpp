#pragma once
// Small pieces the simulator's route files share: reading ids from requests, the venue's
// standard texts, cursor paging.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "sim/http/sim_context.hpp"
#include "sim/http/sim_json.hpp"

namespace polycopy::sim {

inline constexpr std::string_view kNoOrderbook = "No orderbook exists for the requested token id";
inline constexpr std::string_view kUnauthorized = "Unauthorized/Invalid api key";

// A decimal token id, canonical (no sign, no leading zeros). Errors: "invalid_token_id".
core::Result<chain::Uint256> parse_token(std::string_view text);
// 0x + 64 hex. Errors: "invalid_condition_id".
core::Result<chain::Bytes32> parse_condition(std::string_view text);
std::optional<MarketState> find_market(SimContext& ctx, std::string_view condition_id);

// The request's JSON body, or nullopt when it is not JSON.
std::optional<nlohmann::json> json_body(const service::HttpRequest& request);

// The CLOB's cursor paging over a list: next_cursor is base64 of the next offset, "LTE="
// at the end; {limit, count, next_cursor, data}. A bad cursor answers 400.
service::HttpResponse cursor_page(const service::HttpRequest& request,
                                  std::vector<nlohmann::json> items, std::size_t page_size);
service::HttpResponse markets_page(SimContext& ctx, const service::HttpRequest& request,
                                   const std::function<nlohmann::json(const MarketState&)>& shape);

// Runs f(key) when the request carries valid L2 headers, else answers 401.
template <class F>
service::HttpResponse with_l2(SimContext& ctx, const service::HttpRequest& r, F f) {
  const auto key = authenticate_l2(r, ctx);
  if (!key) return venue_error(401, std::string(kUnauthorized));
  return f(*key);
}

// Gamma's and the Data API's limit/offset: bounded, defaults as the venue's.
struct LimitOffset {
  std::size_t limit = 100;
  std::size_t offset = 0;
};
core::Result<LimitOffset> limit_offset(const service::HttpRequest& request,
                                       std::size_t default_limit, std::size_t max_limit,
                                       std::size_t max_offset);

}  // namespace polycopy::sim
