#pragma once
// Market resolution from Gamma (a hint; the chain is the authority). Domain rule: only a
// CLOSED market whose outcome prices are exactly 1 for one outcome and 0 for the others has
// a winner. Legacy ["0","0"], 50/50 splits and near-1 prices before close are not
// resolutions.
#include <optional>
#include <vector>

#include "core/money.hpp"
#include "polymarket/parse/types.hpp"

namespace polycopy::polymarket::parse {

// prices_exact is false when a price had to be rounded to 6 decimals: then "exactly 1" is
// unknowable and the answer is no_clean_winner.
Resolution resolve_from_gamma(std::optional<bool> closed,
                              const std::optional<std::vector<core::Price>>& outcome_prices,
                              bool prices_exact = true);

}  // namespace polycopy::polymarket::parse
