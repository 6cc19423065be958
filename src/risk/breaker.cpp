#include "risk/breaker.hpp"

namespace polycopy::risk {

std::int64_t drawdown_micros(core::Usd equity, core::Usd peak_equity) {
  if (equity >= peak_equity) return 0;
  if (peak_equity <= core::Usd{}) return core::kMicrosPerUnit;
  return core::mul_div((peak_equity - equity).micros(), core::kMicrosPerUnit, peak_equity.micros(),
                       core::Rounding::down);
}

std::optional<std::string> breaker_trip_reason(const store::RiskRules& rules,
                                               const store::RiskState& state) {
  if (rules.consecutive_loss_limit && state.consecutive_losses >= *rules.consecutive_loss_limit)
    return "consecutive_loss_limit: " + std::to_string(state.consecutive_losses) +
           " losses in a row (limit " + std::to_string(*rules.consecutive_loss_limit) + ")";
  if (rules.max_drawdown_pct) {
    const auto drawdown = drawdown_micros(state.equity, state.peak_equity);
    if (drawdown >= rules.max_drawdown_pct->micros())
      return "max_drawdown_pct: drawdown " + core::Ratio::from_micros(drawdown).to_string() +
             " (equity " + state.equity.to_string() + ", peak " + state.peak_equity.to_string() +
             ") reached the limit " + rules.max_drawdown_pct->to_string();
  }
  return std::nullopt;
}

}  // namespace polycopy::risk
