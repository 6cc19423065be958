#pragma once
// The numbers the evaluation and the bet sizing share (domain.md "Evaluation", definitions).
// Integer micro-units only; none of these throws: values that would overflow saturate.
#include <compare>
#include <optional>

#include "core/money.hpp"

namespace polycopy::strategy {

// The paper fill price and the live limit ceiling: the highest price the cap allows.
inline constexpr std::int64_t kMaxEntryPriceMicros = 999'900;  // 0.9999

// min(0.9999, price × (1 + slippage)), rounded UP to the micro: a price ceiling that is
// never below the exact value. Kept >= 0 whatever the slippage.
core::Price entry_price(core::Price price, core::Ratio slippage);

// The USD the trader spent: price × size, rounded DOWN to the micro (USDC has six decimals,
// so the exact amount paid is a whole number of micros).
core::Usd source_trade_usd(core::Price price, core::Shares size);

// win_rate − entry_price in probability points (negative when the price is above the win
// rate); absent when the win rate is unknown.
std::optional<core::Ratio> edge(const std::optional<core::Ratio>& win_rate,
                                core::Price entry_price);

// source USD / the trader's average trade USD, rounded DOWN to the micro; 1 when the average
// is unknown or not positive.
core::Ratio conviction(core::Usd source_usd, const std::optional<core::Usd>& average_usd);

// The exact conviction (no rounding) compared with a bound, for the filter: a trade exactly
// at a bound passes, one a fraction of a micro outside does not.
std::strong_ordering compare_conviction(core::Usd source_usd,
                                        const std::optional<core::Usd>& average_usd,
                                        core::Ratio bound);

}  // namespace polycopy::strategy
