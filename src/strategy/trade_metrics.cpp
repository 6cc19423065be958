#include "strategy/trade_metrics.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace polycopy::strategy {
namespace {

using Wide = __int128;
constexpr std::int64_t kOne = core::kMicrosPerUnit;

std::int64_t saturate(Wide value) {
  return static_cast<std::int64_t>(std::clamp<Wide>(value, std::numeric_limits<std::int64_t>::min(),
                                                    std::numeric_limits<std::int64_t>::max()));
}

bool has_average(const std::optional<core::Usd>& average_usd) {
  return average_usd && average_usd->micros() > 0;
}

}  // namespace

core::Price entry_price(core::Price price, core::Ratio slippage) {
  const Wide scaled = Wide{price.micros()} * (Wide{kOne} + slippage.micros());
  Wide micros = scaled / kOne;
  if (scaled % kOne > 0) ++micros;  // round up; a negative remainder is clamped to 0 below
  return core::Price::from_micros(
             static_cast<std::int64_t>(std::clamp<Wide>(micros, 0, kMaxEntryPriceMicros)))
      .value();
}

core::Usd source_trade_usd(core::Price price, core::Shares size) {
  // |size| × price <= |size|: the product always fits.
  return core::notional(size, price, core::Rounding::down);
}

std::optional<core::Ratio> edge(const std::optional<core::Ratio>& win_rate,
                                core::Price entry_price) {
  if (!win_rate) return std::nullopt;
  return core::Ratio::from_micros(saturate(Wide{win_rate->micros()} - entry_price.micros()));
}

core::Ratio conviction(core::Usd source_usd, const std::optional<core::Usd>& average_usd) {
  if (!has_average(average_usd)) return core::Ratio::from_micros(kOne);
  const Wide numerator = Wide{source_usd.micros()} * kOne;
  Wide quotient = numerator / average_usd->micros();
  if (numerator % average_usd->micros() < 0) --quotient;  // round toward −inf
  return core::Ratio::from_micros(saturate(quotient));
}

std::strong_ordering compare_conviction(core::Usd source_usd,
                                        const std::optional<core::Usd>& average_usd,
                                        core::Ratio bound) {
  if (!has_average(average_usd)) return kOne <=> bound.micros();
  // source / average <=> bound  ⇔  source × 1e6 <=> bound × average (average > 0).
  return Wide{source_usd.micros()} * kOne <=> Wide{bound.micros()} * average_usd->micros();
}

}  // namespace polycopy::strategy
