#pragma once
// Live trading: one LT strategy evaluates, oldest first, every stored source trade it has
// not evaluated yet with its FT twin's rules (the shared evaluate()) on its own book (cash
// = equity − open cost − held budget; tokens held by live orders or open positions), and
// places an order for each accepted one (order_placer: risk check and reservation, intent
// written ahead, signed, posted once).
//
// Its signal records what became of the trade for this strategy: accepted (an order exists,
// whatever the venue answered), or the reason it was not: the evaluation's, the risk rule
// that refused it, or the order rule (below_min_order_size). A trade whose placement could
// not be decided (the venue's book unreadable) gets no signal and is tried again on the next
// pass. A crash between an order and its signal is repaired by the idempotency key: the
// order is found again, and its signal recorded as accepted without a second order.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "engine/order_placer.hpp"
#include "store/store.hpp"

namespace polycopy::engine {

struct LtRun {
  std::int64_t evaluated = 0;  // signals stored
  std::int64_t accepted = 0;   // by evaluate()
  std::int64_t posted = 0;
  std::int64_t already_placed = 0;
  std::int64_t refused_by_risk = 0;
  std::int64_t not_placeable = 0;
  std::int64_t rejected = 0;           // by the venue or while signing
  std::int64_t unknown_outcome = 0;    // for the reconciler
  std::vector<std::string> order_ids;  // orders placed (or found again) this run
  // Set when the run stopped early (a placement failed without an answer): the trades from
  // that one on are evaluated again next pass.
  std::optional<core::Error> stopped;
};

class LtExecutor {
 public:
  LtExecutor(store::Store& store, OrderPlacer& placer, const core::Clock& clock,
             std::int64_t batch_size = 200);

  // `twin`: the FT strategy whose rules it mirrors; `discovered`: the twin's leaderboard
  // traders (a twin that discovers traders and has none yet evaluates nothing).
  core::Result<LtRun> run(const store::LtStrategy& strategy, const store::FtStrategy& twin,
                          const store::Wallet& wallet, const std::vector<std::string>& discovered,
                          std::optional<core::Timestamp> at = std::nullopt);

 private:
  store::Store& store_;
  OrderPlacer& placer_;
  const core::Clock& clock_;
  std::int64_t batch_size_;
};

}  // namespace polycopy::engine
