#pragma once
// Drawdown and the circuit breaker (domain.md "Risk rules"). Equity moves only on realised
// PnL, so money locked in orders or positions is never counted as a loss. Both breaker
// rules trip on reaching their limit: consecutive losses >= consecutive_loss_limit, or
// drawdown >= max_drawdown_pct.
#include <cstdint>
#include <optional>
#include <string>

#include "store/records_risk.hpp"

namespace polycopy::risk {

// (peak - equity) / peak as a fraction in micros, rounded down (so comparing it with a limit
// is exact); 0 at or above the peak; 1 (100 %) below a peak of zero or less.
std::int64_t drawdown_micros(core::Usd equity, core::Usd peak_equity);

// Why the breaker must open for this state, or nullopt. Looks at the rules only, not at
// whether the breaker is open already.
std::optional<std::string> breaker_trip_reason(const store::RiskRules& rules,
                                               const store::RiskState& state);

}  // namespace polycopy::risk
