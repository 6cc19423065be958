#pragma once
// Requests and answers of the CLOB batch / maintenance endpoints (protocol doc sections 5, 6).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "core/money.hpp"
#include "polymarket/parse/types.hpp"

namespace polycopy::polymarket {

// POST /orders takes at most this many envelopes per request.
inline constexpr std::size_t kMaxBatchOrders = 15;

// One element of POST /prices: [{"token_id", "side"}].
struct PriceRequest {
  std::string token_id;
  parse::TradeSide side = parse::TradeSide::buy;
};

// One price of a POST /prices or POST /midpoints answer (side unset for midpoints).
struct TokenQuote {
  parse::TokenId token_id;
  std::optional<parse::TradeSide> side;
  core::Price value;
};

// DELETE /cancel-market-orders: a market, an asset, or both (at least one).
struct CancelMarketRequest {
  std::optional<std::string> market;    // condition id
  std::optional<std::string> asset_id;  // token id
};

// POST /v1/heartbeats answer.
struct HeartbeatResult {
  std::string heartbeat_id;
  std::optional<std::string> error_msg;  // set when the venue reports a problem
};

}  // namespace polycopy::polymarket
