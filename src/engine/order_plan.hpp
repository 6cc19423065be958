#pragma once
// From an accepted signal to the order a live strategy sends (domain.md "Bet sizing" and
// "Orders and fills"): the limit price is the entry price rounded down to the market's tick
// (so never above the slippage cap), the size is bet / limit price rounded down to the
// share lot (0.01); under the market's minimum order size it is refused. Pure.
#include "core/error.hpp"
#include "core/money.hpp"

namespace polycopy::engine {

inline constexpr std::int64_t kShareLotMicros = 10'000;  // 0.01 shares

struct OrderPlan {
  core::Price limit_price;
  core::Shares size;
};

// "price_below_tick" (the entry price rounds to 0), "below_min_order_size".
core::Result<OrderPlan> plan_order(core::Price entry_price, core::Usd bet, core::Price tick,
                                   core::Shares min_order_size);

}  // namespace polycopy::engine
