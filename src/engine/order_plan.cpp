#include "engine/order_plan.hpp"

namespace polycopy::engine {

core::Result<OrderPlan> plan_order(core::Price entry_price, core::Usd bet, core::Price tick,
                                   core::Shares min_order_size) {
  const core::Price limit = entry_price.round_to(tick, core::Rounding::down);
  if (limit.micros() <= 0)
    return core::Error{"price_below_tick", "entry price " + entry_price.to_string() +
                                               " is under one tick (" + tick.to_string() + ")"};
  const core::Shares size =
      core::shares_for(bet, limit, core::Rounding::down)
          .round_to(core::Shares::from_micros(kShareLotMicros), core::Rounding::down);
  if (size <= core::Shares{} || size < min_order_size)
    return core::Error{"below_min_order_size", "a bet of " + bet.to_string() + " at " +
                                                   limit.to_string() + " buys " + size.to_string() +
                                                   " shares, under the market's minimum of " +
                                                   min_order_size.to_string()};
  return OrderPlan{limit, size};
}

}  // namespace polycopy::engine
