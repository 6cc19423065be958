#pragma once
// Bet sizing (domain.md "Bet sizing"): a pure function of the strategy's settings and the
// evaluated trade. base = bet_size; by sizing_mode:
//
//   fixed        base
//   kelly        bankroll × kelly_fraction × edge / (1 − entry_price); 0 when edge <= 0
//   edge_scaled  base × (1 + 5 × edge)
//   tiered       base × 2 (edge >= 0.15), × 1.5 (>= 0.10), × 1 (>= 0.05), else × 0.5
//   conviction   base × clamp(conviction, 0.5, 3)
//   confidence   base × (0.5 + 1.5 × score),
//                score = 0.4 × edge_score + 0.3 × conviction_score + 0.3 × win_rate_score
//
// The confidence scores, each in [0, 1] (the project's definition):
//   edge_score       = clamp(edge / 0.2, 0, 1)                 edge 0.2 or more is full marks
//   conviction_score = clamp((conviction − 0.5) / 2.5, 0, 1)   0.5 → 0, 3 → 1
//   win_rate_score   = clamp((win_rate − 0.5) / 0.3, 0, 1)     50 % → 0, 80 % → 1
//
// Then, for every mode, clamp to [min_bet, max_bet] and round down to the cent. So a mode
// that gives 0 (kelly with edge <= 0) is lifted to min_bet: the doc applies the clamp
// after every mode, and the min_edge filter is the place to refuse such trades. If
// min_bet > max_bet (invalid settings) min_bet wins. A min_bet that is not whole cents is
// rounded down with the rest.
//
// Arithmetic: each mode is computed exactly in 128-bit integers and rounded down once, to
// the micro, before the clamp; no intermediate can overflow. An unknown edge (no win rate) counts
// as 0 and an unknown win rate scores 0. Inputs are held to their domains: edge to [−1, 1],
// kelly_fraction to [0, 1], entry_price to at most 0.9999, a bankroll <= 0 gives kelly 0.
#include <optional>

#include "core/money.hpp"
#include "store/records.hpp"

namespace polycopy::strategy {

struct SizingInputs {
  core::Price entry_price;
  std::optional<core::Ratio> edge;  // absent when the trader's win rate is unknown
  core::Ratio conviction;
  std::optional<core::Ratio> win_rate;  // the trader's overall win rate
  core::Usd bankroll;                   // the strategy's cash
};

// The bet in USD, whole cents, within [min_bet, max_bet].
core::Usd size_bet(const store::FtStrategyParams& params, const SizingInputs& inputs);

}  // namespace polycopy::strategy
