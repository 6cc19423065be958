#include "strategy/sizing.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>

#include "strategy/trade_metrics.hpp"

namespace polycopy::strategy {
namespace {

using store::SizingMode;
using Wide = __int128;

constexpr Wide kOne = core::kMicrosPerUnit;

// Rounds toward −inf (divisor > 0), as "round down" means for a bet.
Wide floor_div(Wide numerator, Wide divisor) {
  Wide quotient = numerator / divisor;
  if (numerator % divisor < 0) --quotient;
  return quotient;
}

Wide clamp_micros(std::int64_t micros, Wide low, Wide high) {
  return std::clamp<Wide>(micros, low, high);
}

Wide edge_micros(const SizingInputs& in) {
  return in.edge ? clamp_micros(in.edge->micros(), -kOne, kOne) : 0;
}

Wide kelly(const store::FtStrategyParams& p, const SizingInputs& in) {
  const Wide edge = edge_micros(in);
  const Wide bankroll = in.bankroll.micros();
  if (edge <= 0 || bankroll <= 0) return 0;
  const Wide fraction = clamp_micros(p.kelly_fraction.micros(), 0, kOne);
  const Wide price = std::min<Wide>(in.entry_price.micros(), kMaxEntryPriceMicros);
  // bankroll × (fraction / 1e6) × (edge / 1e6) / ((1e6 − price) / 1e6), in micros.
  return floor_div(bankroll * fraction * edge, kOne * (kOne - price));
}

Wide edge_scaled(Wide base, const SizingInputs& in) {
  return floor_div(base * (kOne + 5 * edge_micros(in)), kOne);
}

Wide tiered(Wide base, const SizingInputs& in) {
  const Wide edge = edge_micros(in);
  const Wide tenths = edge >= 150'000 ? 20 : edge >= 100'000 ? 15 : edge >= 50'000 ? 10 : 5;
  return floor_div(base * tenths, 10);
}

Wide conviction(Wide base, const SizingInputs& in) {
  return floor_div(base * clamp_micros(in.conviction.micros(), kOne / 2, 3 * kOne), kOne);
}

// With the scores' numerators clamped to e ∈ [0, 0.2e6], c ∈ [0, 2.5e6], w ∈ [0, 0.3e6]:
//   score = 0.4·e/0.2e6 + 0.3·c/2.5e6 + 0.3·w/0.3e6 = (100e + 6c + 50w) / 5e7 =: S / 5e7
//   0.5 + 1.5 × score = (5e7 + 3S) / 1e8
// so the bet is base × (5e7 + 3S) / 1e8, exact until the one final rounding.
Wide confidence(Wide base, const SizingInputs& in) {
  const Wide e = std::clamp<Wide>(edge_micros(in), 0, 200'000);
  const Wide c = clamp_micros(in.conviction.micros(), kOne / 2, 3 * kOne) - kOne / 2;
  const Wide w =
      in.win_rate ? clamp_micros(in.win_rate->micros(), kOne / 2, 800'000) - kOne / 2 : 0;
  const Wide score = 100 * e + 6 * c + 50 * w;  // over 5e7
  return floor_div(base * (50'000'000 + 3 * score), 100'000'000);
}

Wide unclamped(const store::FtStrategyParams& p, const SizingInputs& in) {
  const Wide base = p.bet_size.micros();
  switch (p.sizing_mode) {
    case SizingMode::fixed:
      return base;
    case SizingMode::kelly:
      return kelly(p, in);
    case SizingMode::edge_scaled:
      return edge_scaled(base, in);
    case SizingMode::tiered:
      return tiered(base, in);
    case SizingMode::conviction:
      return conviction(base, in);
    case SizingMode::confidence:
      return confidence(base, in);
  }
  return base;
}

}  // namespace

core::Usd size_bet(const store::FtStrategyParams& params, const SizingInputs& inputs) {
  const Wide clamped = std::max<Wide>(
      params.min_bet.micros(), std::min<Wide>(unclamped(params, inputs), params.max_bet.micros()));
  return core::round_to_cent(core::Usd::from_micros(static_cast<std::int64_t>(clamped)),
                             core::Rounding::down);
}

}  // namespace polycopy::strategy
