#include "risk/checks.hpp"

#include <string>

#include "risk/reason_codes.hpp"

namespace polycopy::risk {
namespace {

using core::Usd;
using store::RiskRefusal;

RiskRefusal refusal(std::string_view code, std::string message, std::string unit,
                    std::int64_t limit, std::int64_t current, std::int64_t requested) {
  return RiskRefusal{std::string(code), std::move(message), std::move(unit), limit,
                     current,           requested};
}

std::string usd(Usd amount) {
  return amount.to_string();
}

// current + requested over the limit?
std::optional<RiskRefusal> budget(std::string_view code, std::string_view what,
                                  const std::optional<Usd>& limit, Usd current, Usd requested) {
  if (!limit || current + requested <= *limit) return std::nullopt;
  return refusal(code,
                 std::string(what) + ": " + usd(current) + " used + " + usd(requested) +
                     " requested > limit " + usd(*limit),
                 "usd", limit->micros(), current.micros(), requested.micros());
}

std::optional<RiskRefusal> slots(std::string_view code, std::string_view what,
                                 const std::optional<std::int64_t>& limit, std::int64_t current) {
  if (!limit || current + 1 <= *limit) return std::nullopt;
  return refusal(
      code,
      std::string(what) + ": " + std::to_string(current) + " open, limit " + std::to_string(*limit),
      "count", *limit, current, 1);
}

}  // namespace

std::int64_t slippage_micros(core::Price best_ask, core::Price limit_price) {
  if (best_ask <= limit_price || limit_price.micros() <= 0) return 0;
  return core::mul_div(best_ask.micros() - limit_price.micros(), core::kMicrosPerUnit,
                       limit_price.micros(), core::Rounding::up);
}

std::optional<RiskRefusal> check_order(const store::LtStrategy& strategy,
                                       const store::RiskState& state, const OrderCheck& order) {
  const store::RiskRules& rules = strategy.params.risk;
  if (state.breaker_open)
    return refusal(reason::circuit_breaker_open,
                   "circuit breaker open: " + state.breaker_reason.value_or("no reason recorded"),
                   "count", 0, 0, 0);
  if (strategy.paused)
    return refusal(reason::strategy_paused,
                   "strategy paused: " + strategy.pause_reason.value_or("no reason recorded"),
                   "count", 0, 0, 0);
  if (rules.max_position_usd && order.amount > *rules.max_position_usd)
    return refusal(
        reason::position_too_large,
        "order of " + usd(order.amount) + " > max_position_usd " + usd(*rules.max_position_usd),
        "usd", rules.max_position_usd->micros(), 0, order.amount.micros());
  if (auto r = budget(reason::daily_budget_exceeded, "daily budget", rules.daily_budget_usd,
                      state.day_spent + state.day_reserved, order.amount))
    return r;
  if (auto r = budget(reason::weekly_budget_exceeded, "weekly budget", rules.weekly_budget_usd,
                      state.week_spent + state.week_reserved, order.amount))
    return r;
  if (auto r = budget(reason::monthly_budget_exceeded, "monthly budget", rules.monthly_budget_usd,
                      state.month_spent + state.month_reserved, order.amount))
    return r;
  if (auto r = budget(reason::exposure_limit, "exposure (open positions + reserved orders)",
                      rules.max_total_exposure_usd, state.exposure + state.reserved, order.amount))
    return r;
  if (auto r = slots(reason::max_open_positions, "open positions and live orders",
                     rules.max_open_positions, order.open_positions))
    return r;
  if (auto r = slots(reason::max_positions_per_market, "positions in this market",
                     rules.max_positions_per_market, order.open_positions_in_market))
    return r;
  if (rules.max_slippage_pct && order.book.best_ask) {
    const auto slip = slippage_micros(*order.book.best_ask, order.limit_price);
    if (slip > rules.max_slippage_pct->micros())
      return refusal(reason::slippage_too_high,
                     "best ask " + order.book.best_ask->to_string() + " is " +
                         core::Ratio::from_micros(slip).to_string() + " above the limit " +
                         order.limit_price.to_string() + " (max " +
                         rules.max_slippage_pct->to_string() + ")",
                     "ratio", rules.max_slippage_pct->micros(), slip, order.limit_price.micros());
  }
  if (rules.min_order_book_depth_usd &&
      order.book.depth_within_limit < *rules.min_order_book_depth_usd)
    return refusal(reason::insufficient_liquidity,
                   "ask depth within the limit price " + usd(order.book.depth_within_limit) +
                       " < min_order_book_depth_usd " + usd(*rules.min_order_book_depth_usd),
                   "usd", rules.min_order_book_depth_usd->micros(),
                   order.book.depth_within_limit.micros(), order.amount.micros());
  return std::nullopt;
}

}  // namespace polycopy::risk
