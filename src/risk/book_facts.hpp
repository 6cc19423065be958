#pragma once
// What the slippage and depth checks read from an order book's ask side.
#include <optional>
#include <span>

#include "core/money.hpp"

namespace polycopy::risk {

struct AskLevel {
  core::Price price;
  core::Shares size;
};

struct BookFacts {
  std::optional<core::Price> best_ask;  // absent: no asks
  core::Usd depth_within_limit;         // USD of asks priced at or below the limit price
};

// Levels in any order; levels of zero size are ignored.
BookFacts book_facts(std::span<const AskLevel> asks, core::Price limit_price);

}  // namespace polycopy::risk
