#include "engine/ft_runner.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include "core/ids.hpp"
#include "engine/venue_mapping.hpp"
#include "strategy/evaluation.hpp"
#include "strategy/reason_codes.hpp"

namespace polycopy::engine {

bool uses_discovery(const store::FtStrategyParams& params) {
  return params.discover_month_pnl || params.discover_month_volume || params.discover_week_pnl;
}

std::vector<std::string> followed_traders(const store::FtStrategyParams& params,
                                          const std::vector<std::string>& discovered) {
  std::vector<std::string> out = params.target_traders;
  out.insert(out.end(), discovered.begin(), discovered.end());
  for (auto& address : out) std::ranges::transform(address, address.begin(), ::tolower);
  std::ranges::sort(out);
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

FtRunner::FtRunner(store::Store& store, const core::Clock& clock, std::int64_t batch_size)
    : store_(store), clock_(clock), batch_size_(batch_size) {}

namespace {

// Market info and trader statistics read once per batch.
class BatchInputs {
 public:
  BatchInputs(store::Store& store, core::Timestamp now) : store_(store), now_(now) {}

  core::Result<const strategy::MarketInfo*> market(const std::string& condition_id) {
    auto it = markets_.find(condition_id);
    if (it == markets_.end()) {
      auto stored = store_.get_market(condition_id);
      if (!stored) return stored.error();
      std::optional<strategy::MarketInfo> info;
      if (*stored) {
        auto resolution = store_.get_resolution(condition_id);
        if (!resolution) return resolution.error();
        info = to_market_info(**stored, resolution->has_value());
      }
      it = markets_.emplace(condition_id, std::move(info)).first;
    }
    return it->second ? &*it->second : nullptr;
  }

  core::Result<const strategy::TraderStats*> trader(const std::string& address) {
    auto it = traders_.find(address);
    if (it == traders_.end()) {
      auto stats = store_.get_trader_stats(address, now_);
      if (!stats) return stats.error();
      it = traders_.emplace(address, to_trader_stats(*stats)).first;
    }
    return &it->second;
  }

 private:
  store::Store& store_;
  core::Timestamp now_;
  std::map<std::string, std::optional<strategy::MarketInfo>> markets_;
  std::map<std::string, strategy::TraderStats> traders_;
};

store::StrategySignalRecord signal_of(const store::FtStrategy& strategy,
                                      const store::SourceTradeRecord& trade,
                                      const strategy::EvaluationResult& result,
                                      const core::Clock& clock, core::Timestamp now) {
  store::StrategySignalRecord s;
  s.id = core::new_id("sig", clock);
  s.ft_strategy_id = strategy.id;
  s.source_trade_id = trade.id;
  s.accepted = result.accepted;
  if (!result.accepted) s.reason_code = std::string(result.reason);
  // The entry price is stored only where the schema allows it (strictly inside (0, 1)).
  if (result.entry_price && result.entry_price->micros() > 0 &&
      result.entry_price->micros() < core::kMicrosPerUnit) {
    s.entry_price = result.entry_price;
  }
  s.bet_usd = result.bet;
  s.edge = result.edge;
  s.conviction = result.conviction;
  s.evaluated_at = now;
  return s;
}

}  // namespace

core::Result<FtRun> FtRunner::run(const store::FtStrategy& strategy,
                                  const std::vector<std::string>& discovered,
                                  std::optional<core::Timestamp> at) {
  FtRun run;
  store::FtStrategyParams params = strategy.params;
  if (uses_discovery(params)) {
    if (params.target_traders.empty() && discovered.empty()) return run;
    params.target_traders = followed_traders(params, discovered);
  }
  const strategy::PreparedStrategy prepared(std::move(params));

  // Every trade stored by now is evaluated when the loop below ends (it walks until nothing
  // is left), so the strategy's mark can then move here.
  auto stored_through = store_.latest_source_trade_seq();
  if (!stored_through) return stored_through.error();

  // The book is read once; cash and held tokens then move with the outcomes stored.
  auto book = store_.get_ft_book(strategy.id);
  if (!book) return book.error();
  strategy::IdSet held(book->open_token_ids);
  core::Usd cash = book->cash;
  std::optional<store::SourceTradeKey> after;

  while (true) {
    auto trades = store_.unprocessed_source_trades_for_ft(strategy.id, batch_size_, after);
    if (!trades) return trades.error();
    if (trades->empty()) break;
    after = store::SourceTradeKey{trades->back().traded_at, trades->back().id};

    const core::Timestamp now = at.value_or(clock_.now());
    BatchInputs inputs(store_, now);
    std::vector<store::FtOutcome> outcomes;
    outcomes.reserve(trades->size());
    for (const auto& record : *trades) {
      auto market = inputs.market(record.condition_id);
      if (!market) return market.error();
      auto trader = inputs.trader(record.trader_address);
      if (!trader) return trader.error();
      const strategy::SourceTrade trade = to_evaluation_trade(record);
      const strategy::StrategyState state{cash, held};
      const strategy::EvaluationInput input{trade, *market, **trader, state, std::nullopt, now};
      auto result = strategy::evaluate(prepared, input);
      // A bet that rounds to nothing cannot open a position (only with min_bet = 0).
      if (result.accepted &&
          (result.bet->micros() <= 0 ||
           core::shares_for(*result.bet, *result.entry_price, core::Rounding::down).micros() <=
               0)) {
        result.accepted = false;
        result.reason = strategy::reason::zero_bet;
      }

      store::FtOutcome outcome{signal_of(strategy, record, result, clock_, now), std::nullopt};
      if (result.accepted) {
        const core::Price entry = *result.entry_price;
        const core::Usd bet = *result.bet;
        store::PaperPositionRecord position;
        position.id = core::new_id("pp", clock_);
        position.ft_strategy_id = strategy.id;
        position.source_trade_id = record.id;
        position.condition_id = record.condition_id;
        position.token_id = record.token_id;
        position.outcome_index = 0;
        const auto& tokens = (*market)->token_ids;
        for (std::size_t index = 0; index < tokens.size(); ++index) {
          if (tokens[index] == record.token_id) {
            position.outcome_index = static_cast<std::int64_t>(index);
          }
        }
        position.entry_price = entry;
        position.shares = core::shares_for(bet, entry, core::Rounding::down);
        position.cost = bet;
        position.opened_at = now;
        outcome.position = std::move(position);
        cash = cash - bet;
        held.insert(record.token_id);
        ++run.accepted;
      }
      outcomes.push_back(std::move(outcome));
    }
    if (auto status = store_.record_ft_outcomes(outcomes); !status) return status.error();
    run.evaluated += static_cast<std::int64_t>(outcomes.size());
    if (static_cast<std::int64_t>(trades->size()) < batch_size_) break;
  }
  if (auto marked = store_.mark_ft_evaluated_through(strategy.id, *stored_through); !marked) {
    return marked.error();
  }
  return run;
}

}  // namespace polycopy::engine
