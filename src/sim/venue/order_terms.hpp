#pragma once
// What a signed order asks for, in exact integers: how many shares, at which limit price (a
// rational: pUSD micro-units per share micro-units), and the arithmetic of filling it.
// BUY gives maker_amount pUSD for taker_amount shares; SELL gives maker_amount shares for
// taker_amount pUSD (protocol doc 7.1). No double anywhere.
#include <cstdint>
#include <optional>

#include "core/money.hpp"
#include "polymarket/orders/order.hpp"
#include "polymarket/orders/types.hpp"

namespace polycopy::sim {

struct OrderTerms {
  polymarket::Side side = polymarket::Side::buy;
  std::int64_t usd = 0;     // pUSD micro-units on the pUSD side of the order
  std::int64_t shares = 0;  // share micro-units: the order's quantity

  static OrderTerms of(const polymarket::Order& order);

  bool amounts_positive() const { return usd > 0 && shares > 0; }
  // The limit price in micro-units when usd/shares is a whole number of micros.
  std::optional<std::int64_t> exact_price_micros() const;
  // The limit price rounded to the nearest micro and kept inside [0, 1] (for display: market
  // orders' amounts need not give a whole price).
  std::int64_t display_price_micros() const;
  // True when a resting level at price_micros on the other side is within this limit.
  bool crosses(std::int64_t price_micros) const;
};

// A Price from micro-units, kept inside [0, 1].
core::Price clamped_price(std::int64_t micros);

// A price is on the tick grid when it is a multiple of the tick inside [tick, 1 - tick].
bool on_tick_grid(std::int64_t price_micros, polymarket::TickSize tick);

// What a fill of `shares` at `price_micros` costs the buyer and pays the seller. Rounded
// down, once, so both sides see the same number and a buyer never pays above its limit.
std::int64_t fill_cost(std::int64_t shares, std::int64_t price_micros);

// pUSD a resting BUY must still hold back for `remaining` shares: its maker amount pro rata,
// rounded up. Releasing the difference after each fill never frees more than was paid for.
std::int64_t buy_reserve(const OrderTerms& terms, std::int64_t remaining);

}  // namespace polycopy::sim
