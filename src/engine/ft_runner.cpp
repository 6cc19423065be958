#include "engine/ft_runner.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include "core/ids.hpp"
#include "engine/trade_evaluation.hpp"

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

std::optional<strategy::PreparedStrategy> prepared_for(store::FtStrategyParams params,
                                                       const std::vector<std::string>& discovered) {
  if (uses_discovery(params)) {
    if (params.target_traders.empty() && discovered.empty()) return std::nullopt;
    params.target_traders = followed_traders(params, discovered);
  }
  return strategy::PreparedStrategy(std::move(params));
}

FtRunner::FtRunner(store::Store& store, const core::Clock& clock, std::int64_t batch_size)
    : store_(store), clock_(clock), batch_size_(batch_size) {}

core::Result<FtRun> FtRunner::run(const store::FtStrategy& strategy,
                                  const std::vector<std::string>& discovered,
                                  std::optional<core::Timestamp> at) {
  FtRun run;
  const auto ready = prepared_for(strategy.params, discovered);
  if (!ready) return run;
  const strategy::PreparedStrategy& prepared = *ready;

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
      const strategy::StrategyState state{cash, held};
      auto evaluated = evaluate_trade(prepared, record, inputs, state, now);
      if (!evaluated) return evaluated.error();
      const auto& result = *evaluated;
      auto signal = signal_of(record, result, clock_, now);
      signal.ft_strategy_id = strategy.id;
      store::FtOutcome outcome{std::move(signal), std::nullopt};
      if (result.accepted) {
        const core::Price entry = *result.entry_price;
        const core::Usd bet = *result.bet;
        store::PaperPositionRecord position;
        position.id = core::new_id("pp", clock_);
        position.ft_strategy_id = strategy.id;
        position.source_trade_id = record.id;
        position.condition_id = record.condition_id;
        position.token_id = record.token_id;
        // Accepted implies the market is stored (evaluate() rejects unknown markets).
        auto market = inputs.market(record.condition_id);
        if (!market) return market.error();
        position.outcome_index = *market ? outcome_index_of(**market, record.token_id) : 0;
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
