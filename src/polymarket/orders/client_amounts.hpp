#pragma once
// VENUE COMPATIBILITY: the official client's maker/taker amounts, reproduced bit for bit.
//
// Polymarket's TypeScript clients (clob-client-v2 1.1.0, clob-client 5.8.1) compute the
// amounts in IEEE-754 doubles, rounding by the number of decimals JavaScript prints for a
// number (protocol doc 7.2). An order whose amounts differ from the client's by one micro
// is still valid, but cross-checks, replays and the simulator need exact agreement, so
// this one function repeats that computation exactly. Inputs are decimal texts (exact
// core types print themselves; the CLI passes JavaScript's form of the JSON number), the
// doubles live only inside, and the output is integer micro-units.
#include <cstdint>
#include <string_view>

#include "core/error.hpp"
#include "polymarket/orders/types.hpp"

namespace polycopy::polymarket {

struct ClientAmountsInput {
  OrderKind kind = OrderKind::limit;
  Side side = Side::buy;
  std::string_view price;  // a decimal number as JavaScript's Number() reads it
  std::string_view size;   // shares; USD for a market BUY
  TickSize tick = TickSize::t0_01;
};

// makerAmount / takerAmount in micro-units (6 decimals) as the client signs them.
struct RawAmounts {
  std::int64_t maker = 0;
  std::int64_t taker = 0;
  auto operator<=>(const RawAmounts&) const = default;
};

// Refuses what the client refuses: "price_out_of_range" (outside [tick, 1 - tick], the
// client's priceValid, same message), "market_price_required" (a market order without a
// price makes the client walk the book). Also "invalid_number" (not a number), and amounts
// the client cannot sign or polycopy cannot hold: "invalid_amount" (negative),
// "amount_not_representable" (exponent form, the client's parseUnits throws),
// "amount_out_of_range" (beyond int64 micros).
core::Result<RawAmounts> client_order_amounts(const ClientAmountsInput& input);

}  // namespace polycopy::polymarket
