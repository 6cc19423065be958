#include "sim/venue/order_book.hpp"

#include "core/money.hpp"

namespace polycopy::sim {

OrderBook::Queue::iterator OrderBook::add(polymarket::Side side, std::int64_t price,
                                          BookEntry entry) {
  Level& level = levels(side)[key_of(side, price)];
  level.total += entry.remaining;
  return level.queue.insert(level.queue.end(), entry);
}

void OrderBook::take(polymarket::Side side, std::int64_t price, Queue::iterator entry,
                     std::int64_t amount) {
  Levels& side_levels = levels(side);
  auto level = side_levels.find(key_of(side, price));
  if (level == side_levels.end()) return;
  entry->remaining -= amount;
  level->second.total -= amount;
  if (entry->remaining <= 0) level->second.queue.erase(entry);
  if (level->second.queue.empty()) side_levels.erase(level);
}

void OrderBook::remove(polymarket::Side side, std::int64_t price, Queue::iterator entry) {
  take(side, price, entry, entry->remaining);
}

void OrderBook::set_market_maker(polymarket::Side side, std::int64_t price, std::int64_t size) {
  Level& level = levels(side)[key_of(side, price)];
  for (auto it = level.queue.begin(); it != level.queue.end(); ++it) {
    if (it->order != nullptr) continue;
    level.total += size - it->remaining;
    it->remaining = size;
    if (size <= 0) level.queue.erase(it);
    if (level.queue.empty()) levels(side).erase(key_of(side, price));
    return;
  }
  if (size > 0) {
    level.queue.push_back(BookEntry{nullptr, size});
    level.total += size;
  } else if (level.queue.empty()) {
    levels(side).erase(key_of(side, price));
  }
}

void OrderBook::clear() {
  bids_.clear();
  asks_.clear();
}

std::int64_t OrderBook::level_size(polymarket::Side side, std::int64_t price) const {
  const Levels& side_levels = levels(side);
  auto level = side_levels.find(key_of(side, price));
  return level == side_levels.end() ? 0 : level->second.total;
}

std::optional<std::int64_t> OrderBook::best_price(polymarket::Side side) const {
  const Levels& side_levels = levels(side);
  if (side_levels.empty()) return std::nullopt;
  return price_of(side, side_levels.begin()->first);
}

std::vector<BookLevel> OrderBook::levels_best_first(polymarket::Side side) const {
  std::vector<BookLevel> out;
  out.reserve(levels(side).size());
  for (const auto& [key, level] : levels(side)) {
    out.push_back(BookLevel{core::Price::from_micros(price_of(side, key)).value(),
                            core::Shares::from_micros(level.total)});
  }
  return out;
}

}  // namespace polycopy::sim
