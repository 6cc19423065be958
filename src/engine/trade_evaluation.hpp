#pragma once
// What FT and LT evaluation share: the market and trader inputs read once per batch, one
// trade through the strategy's evaluate() (a bet that rounds to nothing is no signal), and
// the signal record of an outcome.
#include <map>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "store/store.hpp"
#include "strategy/evaluation.hpp"
#include "strategy/prepared_strategy.hpp"

namespace polycopy::engine {

// Market info and trader statistics read once per batch.
class BatchInputs {
 public:
  BatchInputs(store::Store& store, core::Timestamp now) : store_(store), now_(now) {}

  // nullptr when the market is not stored (yet).
  core::Result<const strategy::MarketInfo*> market(const std::string& condition_id);
  core::Result<const strategy::TraderStats*> trader(const std::string& address);

 private:
  store::Store& store_;
  core::Timestamp now_;
  std::map<std::string, std::optional<strategy::MarketInfo>> markets_;
  std::map<std::string, strategy::TraderStats> traders_;
};

// evaluate() on one stored trade with the strategy's current cash and held tokens.
core::Result<strategy::EvaluationResult> evaluate_trade(const strategy::PreparedStrategy& prepared,
                                                        const store::SourceTradeRecord& record,
                                                        BatchInputs& inputs,
                                                        const strategy::StrategyState& state,
                                                        core::Timestamp now);

// The stored form of an outcome (ft_strategy_id left for the caller to set or not).
store::StrategySignalRecord signal_of(const store::SourceTradeRecord& trade,
                                      const strategy::EvaluationResult& result,
                                      const core::Clock& clock, core::Timestamp now);

// The outcome index of a token in its market (0 when not found).
std::int64_t outcome_index_of(const strategy::MarketInfo& market, const std::string& token_id);

}  // namespace polycopy::engine
