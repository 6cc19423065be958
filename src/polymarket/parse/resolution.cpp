#include "polymarket/parse/resolution.hpp"

namespace polycopy::polymarket::parse {

const char* to_string(ResolutionState state) {
  switch (state) {
    case ResolutionState::resolved:
      return "resolved";
    case ResolutionState::not_closed:
      return "not_closed";
    case ResolutionState::no_clean_winner:
      return "no_clean_winner";
    case ResolutionState::no_prices:
      return "no_prices";
  }
  return "unknown";
}

Resolution resolve_from_gamma(std::optional<bool> closed,
                              const std::optional<std::vector<core::Price>>& outcome_prices,
                              bool prices_exact) {
  if (!closed.value_or(false)) return {ResolutionState::not_closed, std::nullopt};
  if (!outcome_prices || outcome_prices->empty()) return {ResolutionState::no_prices, std::nullopt};
  std::optional<std::size_t> winner;
  for (std::size_t i = 0; i < outcome_prices->size(); ++i) {
    const auto micros = (*outcome_prices)[i].micros();
    if (micros == core::kMicrosPerUnit && !winner) {
      winner = i;
    } else if (micros != 0) {
      return {ResolutionState::no_clean_winner, std::nullopt};
    }
  }
  if (!winner || !prices_exact || outcome_prices->size() < 2)
    return {ResolutionState::no_clean_winner, std::nullopt};
  return {ResolutionState::resolved, winner};
}

}  // namespace polycopy::polymarket::parse
