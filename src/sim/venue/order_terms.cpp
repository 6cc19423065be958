#include "sim/venue/order_terms.hpp"

#include <algorithm>

#include "core/money.hpp"

namespace polycopy::sim {

using i128 = __int128;

OrderTerms OrderTerms::of(const polymarket::Order& order) {
  OrderTerms terms;
  terms.side = order.side;
  if (order.side == polymarket::Side::buy) {
    terms.usd = order.maker_amount;
    terms.shares = order.taker_amount;
  } else {
    terms.usd = order.taker_amount;
    terms.shares = order.maker_amount;
  }
  return terms;
}

std::optional<std::int64_t> OrderTerms::exact_price_micros() const {
  if (!amounts_positive()) return std::nullopt;
  const i128 scaled = static_cast<i128>(usd) * core::kMicrosPerUnit;
  if (scaled % shares != 0) return std::nullopt;
  const i128 price = scaled / shares;
  if (price > core::kMicrosPerUnit) return std::nullopt;  // above 1: never a valid price
  return static_cast<std::int64_t>(price);
}

std::int64_t OrderTerms::display_price_micros() const {
  if (!amounts_positive()) return 0;
  const i128 scaled = static_cast<i128>(usd) * core::kMicrosPerUnit;
  const i128 price = (scaled + shares / 2) / shares;
  return static_cast<std::int64_t>(std::min<i128>(price, core::kMicrosPerUnit));
}

bool OrderTerms::crosses(std::int64_t price_micros) const {
  const i128 level_value = static_cast<i128>(price_micros) * shares;
  const i128 limit_value = static_cast<i128>(usd) * core::kMicrosPerUnit;
  return side == polymarket::Side::buy ? level_value <= limit_value : level_value >= limit_value;
}

core::Price clamped_price(std::int64_t micros) {
  return core::Price::from_micros(std::clamp<std::int64_t>(micros, 0, core::kMicrosPerUnit))
      .value();
}

bool on_tick_grid(std::int64_t price_micros, polymarket::TickSize tick) {
  const std::int64_t step = polymarket::tick_price(tick).micros();
  return price_micros % step == 0 && price_micros >= step &&
         price_micros <= core::kMicrosPerUnit - step;
}

std::int64_t fill_cost(std::int64_t shares, std::int64_t price_micros) {
  return core::mul_div(shares, price_micros, core::kMicrosPerUnit, core::Rounding::down);
}

std::int64_t buy_reserve(const OrderTerms& terms, std::int64_t remaining) {
  if (remaining <= 0) return 0;
  return core::mul_div(terms.usd, remaining, terms.shares, core::Rounding::up);
}

}  // namespace polycopy::sim
