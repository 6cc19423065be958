#pragma once
// One outcome token's book: price levels (std::map, best first) of FIFO queues, so matching
// is price-time and a resting order can leave its queue in O(1) through its iterator.
#include <algorithm>
#include <cstdint>
#include <iterator>
#include <list>
#include <map>
#include <optional>
#include <vector>

#include "polymarket/orders/types.hpp"
#include "sim/scenario/scenario.hpp"

namespace polycopy::sim {

struct OrderState;  // a user's order (venue_state.hpp); the book only points at it

struct BookEntry {
  OrderState* order = nullptr;  // nullptr: the simulated market maker's liquidity
  std::int64_t remaining = 0;   // share micro-units
};

class OrderBook {
 public:
  using Queue = std::list<BookEntry>;
  struct Level {
    Queue queue;
    std::int64_t total = 0;
  };
  // Keyed so that begin() is the best level on both sides: bids by -price, asks by price.
  using Levels = std::map<std::int64_t, Level>;

  // Appends to the back of the price's queue (time priority) and returns where it sits.
  Queue::iterator add(polymarket::Side side, std::int64_t price, BookEntry entry);
  // Takes `amount` from a resting entry; an emptied entry, then an emptied level, leaves.
  void take(polymarket::Side side, std::int64_t price, Queue::iterator entry, std::int64_t amount);
  void remove(polymarket::Side side, std::int64_t price, Queue::iterator entry);
  // Sets the market maker's entry at a level to `size` (adds it at the back if it is gone).
  void set_market_maker(polymarket::Side side, std::int64_t price, std::int64_t size);
  void clear();

  // Takes up to `want` from the levels of `side`, best first, while crosses(price) holds,
  // skipping entries for which eligible(entry) is false (a user's own orders). For each take
  // calls on_fill(price, entry, amount) with entry.remaining already reduced (0 = the entry
  // leaves the book; on_fill must not touch the book). Returns the amount taken; `touched`
  // gets the price of every level that changed, best first.
  template <class Crosses, class Eligible, class OnFill>
  std::int64_t consume(polymarket::Side side, std::int64_t want, Crosses&& crosses,
                       Eligible&& eligible, OnFill&& on_fill, std::vector<std::int64_t>& touched);
  // What consume() would take, without taking it (FOK's all-or-nothing test).
  template <class Crosses, class Eligible>
  std::int64_t fillable(polymarket::Side side, std::int64_t want, Crosses&& crosses,
                        Eligible&& eligible) const;

  std::int64_t level_size(polymarket::Side side, std::int64_t price) const;
  std::optional<std::int64_t> best_price(polymarket::Side side) const;
  std::vector<BookLevel> levels_best_first(polymarket::Side side) const;

  Levels& levels(polymarket::Side side) { return side == polymarket::Side::buy ? bids_ : asks_; }
  const Levels& levels(polymarket::Side side) const {
    return side == polymarket::Side::buy ? bids_ : asks_;
  }
  static std::int64_t key_of(polymarket::Side side, std::int64_t price) {
    return side == polymarket::Side::buy ? -price : price;
  }
  static std::int64_t price_of(polymarket::Side side, std::int64_t key) {
    return side == polymarket::Side::buy ? -key : key;
  }

 private:
  Levels bids_;
  Levels asks_;
};

template <class Crosses, class Eligible, class OnFill>
std::int64_t OrderBook::consume(polymarket::Side side, std::int64_t want, Crosses&& crosses,
                                Eligible&& eligible, OnFill&& on_fill,
                                std::vector<std::int64_t>& touched) {
  Levels& side_levels = levels(side);
  std::int64_t taken = 0;
  for (auto level = side_levels.begin(); level != side_levels.end() && taken < want;) {
    const std::int64_t price = price_of(side, level->first);
    if (!crosses(price)) break;
    Queue& queue = level->second.queue;
    bool changed = false;
    for (auto entry = queue.begin(); entry != queue.end() && taken < want;) {
      if (!eligible(*entry)) {
        ++entry;
        continue;
      }
      const std::int64_t amount = std::min(want - taken, entry->remaining);
      entry->remaining -= amount;
      level->second.total -= amount;
      taken += amount;
      changed = true;
      on_fill(price, *entry, amount);
      entry = entry->remaining == 0 ? queue.erase(entry) : std::next(entry);
    }
    if (changed) touched.push_back(price);
    level = queue.empty() ? side_levels.erase(level) : std::next(level);
  }
  return taken;
}

template <class Crosses, class Eligible>
std::int64_t OrderBook::fillable(polymarket::Side side, std::int64_t want, Crosses&& crosses,
                                 Eligible&& eligible) const {
  std::int64_t found = 0;
  for (const auto& [key, level] : levels(side)) {
    if (found >= want || !crosses(price_of(side, key))) break;
    for (const BookEntry& entry : level.queue) {
      if (found >= want) break;
      if (eligible(entry)) found += entry.remaining;
    }
  }
  return std::min(found, want);
}

inline polymarket::Side opposite(polymarket::Side side) {
  return side == polymarket::Side::buy ? polymarket::Side::sell : polymarket::Side::buy;
}

}  // namespace polycopy::sim
