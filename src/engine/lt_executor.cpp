#include "engine/lt_executor.hpp"

#include "engine/ft_runner.hpp"
#include "engine/trade_evaluation.hpp"
#include "strategy/id_set.hpp"

namespace polycopy::engine {
namespace {

store::LtSignalRecord lt_signal(const store::LtStrategy& strategy,
                                store::StrategySignalRecord outcome) {
  store::LtSignalRecord signal;
  signal.lt_strategy_id = strategy.id;
  signal.outcome = std::move(outcome);
  return signal;
}

// The signal of a trade whose order already exists (placed before a crash, or found by the
// reconciler): accepted, at the order's limit price.
store::StrategySignalRecord signal_of_order(const store::SourceTradeRecord& trade,
                                            const store::OrderRecord& order,
                                            const core::Clock& clock, core::Timestamp now) {
  strategy::EvaluationResult result;
  result.accepted = true;
  result.entry_price = order.limit_price;
  return signal_of(trade, result, clock, now);
}

}  // namespace

LtExecutor::LtExecutor(store::Store& store, OrderPlacer& placer, const core::Clock& clock,
                       std::int64_t batch_size)
    : store_(store), placer_(placer), clock_(clock), batch_size_(batch_size) {}

core::Result<LtRun> LtExecutor::run(const store::LtStrategy& strategy,
                                    const store::FtStrategy& twin, const store::Wallet& wallet,
                                    const std::vector<std::string>& discovered,
                                    std::optional<core::Timestamp> at) {
  LtRun run;
  const auto ready = prepared_for(twin.params, discovered);
  if (!ready) return run;
  const strategy::PreparedStrategy& prepared = *ready;

  auto stored_through = store_.latest_source_trade_seq();
  if (!stored_through) return stored_through.error();

  std::vector<store::LtSignalRecord> pending;
  const auto flush = [&]() -> core::Status {
    if (pending.empty()) return {};
    if (auto stored = store_.record_lt_signals(pending); !stored) return stored.error();
    run.evaluated += static_cast<std::int64_t>(pending.size());
    pending.clear();
    return {};
  };

  std::optional<store::SourceTradeKey> after;
  while (true) {
    auto trades = store_.unprocessed_source_trades_for_lt(strategy.id, batch_size_, after);
    if (!trades) return trades.error();
    if (trades->empty()) break;
    after = store::SourceTradeKey{trades->back().traded_at, trades->back().id};
    const core::Timestamp now = at.value_or(clock_.now());
    BatchInputs inputs(store_, now);
    // The book as stored now (the batches before it reserved their budget); which tokens
    // are held matters only to a strategy that does not add to a position.
    std::vector<std::string> asked;
    if (!prepared.params().allow_adding)
      for (const auto& record : *trades) asked.push_back(record.token_id);
    auto book = store_.get_lt_book(strategy.id, asked);
    if (!book) return book.error();
    strategy::IdSet held(book->open_token_ids);
    core::Usd cash = book->cash;

    for (const auto& record : *trades) {
      auto existing =
          store_.find_order_by_key(store::order_idempotency_key(strategy.id, record.id));
      if (!existing) return existing.error();
      if (*existing) {
        ++run.already_placed;
        run.order_ids.push_back((*existing)->id);
        pending.push_back(lt_signal(strategy, signal_of_order(record, **existing, clock_, now)));
        continue;
      }

      auto evaluated = evaluate_trade(prepared, record, inputs, {cash, held}, now);
      if (!evaluated) return evaluated.error();
      auto signal = signal_of(record, *evaluated, clock_, now);
      if (!evaluated->accepted) {
        pending.push_back(lt_signal(strategy, std::move(signal)));
        continue;
      }
      ++run.accepted;

      PlacementRequest request;
      request.source_trade_id = record.id;
      request.condition_id = record.condition_id;
      request.token_id = record.token_id;
      request.entry_price = *evaluated->entry_price;
      request.bet = *evaluated->bet;
      request.signal_price = record.price;
      auto placed = placer_.place(strategy, wallet, request);
      if (!placed) {
        // Nothing was decided for this trade: it keeps no signal and is tried again.
        if (auto stored = flush(); !stored) return stored.error();
        run.stopped = placed.error();
        return run;
      }
      if (placed->order_id) run.order_ids.push_back(*placed->order_id);
      switch (placed->placement) {
        case Placement::posted:
        case Placement::unknown_outcome:
          ++(placed->placement == Placement::posted ? run.posted : run.unknown_outcome);
          cash = cash - request.bet;
          held.insert(record.token_id);
          break;
        case Placement::already_placed:
          ++run.already_placed;
          break;
        case Placement::rejected:
          ++run.rejected;  // the order exists, ended: its signal stays accepted
          break;
        case Placement::refused_by_risk:
        case Placement::not_placeable:
          ++(placed->placement == Placement::refused_by_risk ? run.refused_by_risk
                                                             : run.not_placeable);
          signal.accepted = false;
          signal.reason_code = placed->code.value_or(std::string(to_string(placed->placement)));
          signal.detail = placed->message;
          break;
      }
      pending.push_back(lt_signal(strategy, std::move(signal)));
      // Stored at once: the order and the signal that explains it stay close together.
      if (auto stored = flush(); !stored) return stored.error();
    }
    if (auto stored = flush(); !stored) return stored.error();
    if (static_cast<std::int64_t>(trades->size()) < batch_size_) break;
  }
  if (auto marked = store_.mark_lt_evaluated_through(strategy.id, *stored_through); !marked)
    return marked.error();
  return run;
}

}  // namespace polycopy::engine
