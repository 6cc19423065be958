#pragma once
// The risk checks of one order (domain.md "Risk rules"): a pure function of the strategy's
// rules, its state (windows already rolled), the positions counted from the store and the
// order book. Limits may be reached, not passed: an order that brings a budget exactly to
// its limit passes. Ratios and USD are compared exactly, in integers.
#include <cstdint>
#include <optional>

#include "risk/book_facts.hpp"
#include "store/records_risk.hpp"

namespace polycopy::risk {

struct OrderCheck {
  core::Usd amount;  // what the order holds: size x limit price, rounded up
  core::Price limit_price;
  std::int64_t open_positions = 0;            // live orders + open positions, counted
  std::int64_t open_positions_in_market = 0;  // the same in the order's market
  BookFacts book;
};

// The first failing rule (kInCheckOrder), or nullopt when every rule holds.
std::optional<store::RiskRefusal> check_order(const store::LtStrategy& strategy,
                                              const store::RiskState& state,
                                              const OrderCheck& order);

// Slippage of the best ask over the limit price, as a fraction rounded up (0 when the ask
// is at or under the limit).
std::int64_t slippage_micros(core::Price best_ask, core::Price limit_price);

}  // namespace polycopy::risk
