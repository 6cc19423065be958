#pragma once
// The crash test's judgement, pure over the facts read between runs: the invariants that
// must hold once a restart has run to completion (no duplicate order, no lost intent,
// reservations matching live orders), and where in the order flow a kill landed.
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/lt_crash_facts.hpp"

namespace polycopy::engine::testing {

// Each broken invariant as one sentence naming the records involved; empty when all hold.
std::vector<std::string> check_after_restart(const StoreFacts& store, const VenueFacts& venue,
                                             const std::string& lt_strategy_id);

// Where a killed run stopped, judged from what it left behind (the first that applies).
enum class KillPoint {
  exited,                // the run ended before the kill
  before_trades_stored,  // start-up or the FT tick: the run's new source trades not stored
  before_reservation,    // evaluation or the venue's book: a trade without signal or hold
  reserved_no_intent,    // a hold without its intent: between check-and-reserve and intent
  intent_not_sent,       // an intent the venue never got: between the intent and POST
  intent_on_venue,       // the venue took it, the answer was not recorded
  order_no_signal,       // the order recorded, its signal not yet
  after_placements,      // every new trade had its signal: tracking, resolving, exiting
};
inline constexpr int kKillPoints = 8;
std::string_view to_string(KillPoint point);

// `before`: the facts after the previous (complete) run; `after`: right after the kill.
KillPoint classify_kill(const StoreFacts& before, const StoreFacts& after,
                        const std::vector<std::string>& venue_placed);

}  // namespace polycopy::engine::testing
