#pragma once
// Paper trading: one FT strategy evaluates, oldest first, every stored source trade it has
// not evaluated yet (strategy/evaluation.hpp) and stores each outcome; an accepted signal
// opens a paper position at entry_price and debits the bet from the strategy's cash. A batch
// of outcomes is one transaction, so a crash loses or repeats no trade: what was not stored
// is evaluated again after the restart.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "store/store.hpp"
#include "strategy/prepared_strategy.hpp"

namespace polycopy::engine {

struct FtRun {
  std::int64_t evaluated = 0;
  std::int64_t accepted = 0;
};

class FtRunner {
 public:
  FtRunner(store::Store& store, const core::Clock& clock, std::int64_t batch_size = 500);

  // `followed`: the traders the strategy follows besides its explicit list (leaderboard
  // discovery). A strategy that discovers traders and has none yet waits (evaluates nothing)
  // rather than copying everybody.
  // `at`: the evaluation time (default: the clock's now, read per batch).
  core::Result<FtRun> run(const store::FtStrategy& strategy,
                          const std::vector<std::string>& discovered,
                          std::optional<core::Timestamp> at = std::nullopt);

 private:
  store::Store& store_;
  const core::Clock& clock_;
  std::int64_t batch_size_;
};

// A strategy's followed traders: its explicit list plus the discovered ones, distinct.
std::vector<std::string> followed_traders(const store::FtStrategyParams& params,
                                          const std::vector<std::string>& discovered);
bool uses_discovery(const store::FtStrategyParams& params);
// The strategy ready to evaluate with its followed traders, or nullopt when it follows only
// discovered traders and none is discovered yet (nothing to evaluate).
std::optional<strategy::PreparedStrategy> prepared_for(store::FtStrategyParams params,
                                                       const std::vector<std::string>& discovered);

}  // namespace polycopy::engine
