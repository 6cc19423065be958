#include "risk/book_facts.hpp"

namespace polycopy::risk {

BookFacts book_facts(std::span<const AskLevel> asks, core::Price limit_price) {
  BookFacts facts;
  for (const auto& level : asks) {
    if (level.size <= core::Shares{}) continue;
    if (!facts.best_ask || level.price < *facts.best_ask) facts.best_ask = level.price;
    // Rounded down: depth is what can surely be bought.
    if (level.price <= limit_price)
      facts.depth_within_limit += core::notional(level.size, level.price, core::Rounding::down);
  }
  return facts;
}

}  // namespace polycopy::risk
