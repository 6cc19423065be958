// Forward testing, engine side: storing evaluation outcomes (a signal and the paper position
// it opens, together or not at all), the strategy's book, and settling paper positions once
// their market has resolved.
#include <string>

#include "store/sql/money_columns.hpp"
#include "store/sql/query.hpp"
#include "store/sql/row_reader.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sql/statement_error.hpp"

namespace polycopy::store::sql {
namespace {

using core::Error;
using core::to_unix_ms;

Status invalid_outcome(std::size_t index, const std::string& why) {
  return Error{"invalid_outcome", "outcome " + std::to_string(index) + ": " + why};
}

// Accepted exactly when a position is given and no reason; the position belongs to the
// signal and is a fresh (open) one.
Status check_outcome(std::size_t i, const FtOutcome& o) {
  const auto& s = o.signal;
  if (s.id.empty()) return invalid_outcome(i, "the signal has no id");
  if (s.ft_strategy_id.empty()) return invalid_outcome(i, "the signal names no FT strategy");
  if (s.accepted) {
    if (s.reason_code) return invalid_outcome(i, "an accepted signal has a reason code");
    if (!o.position) return invalid_outcome(i, "an accepted signal opens no position");
  } else {
    if (!s.reason_code || s.reason_code->empty())
      return invalid_outcome(i, "a rejected signal needs a reason code");
    if (o.position) return invalid_outcome(i, "a rejected signal opens a position");
  }
  if (!o.position) return {};
  const auto& p = *o.position;
  if (p.id.empty()) return invalid_outcome(i, "the position has no id");
  if (p.ft_strategy_id != s.ft_strategy_id || p.source_trade_id != s.source_trade_id)
    return invalid_outcome(i, "the position belongs to another strategy or trade");
  if (p.status != PaperPositionStatus::open || p.payout || p.pnl || p.resolved_at)
    return invalid_outcome(i, "a new position must be open and unsettled");
  return {};
}

void insert_position(Connection& connection, const PaperPositionRecord& p) {
  require(execute(connection,
                  "INSERT INTO paper_positions (id, ft_strategy_id, source_trade_id, "
                  "condition_id, token_id, outcome_index, entry_price_micros, shares_micros, "
                  "cost_usd_micros, status, payout_usd_micros, pnl_usd_micros, opened_at, "
                  "resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', NULL, NULL, ?, NULL)",
                  {p.id, p.ft_strategy_id, p.source_trade_id, p.condition_id, p.token_id,
                   p.outcome_index, micros_value(p.entry_price), micros_value(p.shares),
                   micros_value(p.cost), to_unix_ms(p.opened_at)}),
          "record_ft_outcomes: position " + p.id);
}

}  // namespace

void insert_strategy_signal(Connection& connection, const StrategySignalRecord& s,
                            const std::optional<std::string>& lt_strategy_id, std::string_view op) {
  // Exactly one of the two strategy columns is set (a check constraint says so too).
  const Value ft = lt_strategy_id ? Value{} : Value{s.ft_strategy_id};
  require(execute(connection,
                  "INSERT INTO strategy_signals (id, ft_strategy_id, lt_strategy_id, "
                  "source_trade_id, accepted, reason_code, detail, entry_price_micros, "
                  "bet_usd_micros, edge_micros, conviction_micros, evaluated_at) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  {s.id, ft, optional_value(lt_strategy_id), s.source_trade_id,
                   std::int64_t{s.accepted ? 1 : 0}, optional_value(s.reason_code),
                   optional_value(s.detail), micros_value(s.entry_price), micros_value(s.bet_usd),
                   micros_value(s.edge), micros_value(s.conviction), to_unix_ms(s.evaluated_at)}),
          std::string(op) + ": signal " + s.id);
}

Status SqlStore::record_ft_outcomes(const std::vector<FtOutcome>& outcomes) {
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    if (auto ok = check_outcome(i, outcomes[i]); !ok) return ok;
  }
  if (outcomes.empty()) return {};
  return transact(TransactionMode::write, [&]() -> Status {
    for (const auto& o : outcomes) {
      // The unique key (ft_strategy_id, source_trade_id) refuses a second evaluation of a
      // trade with "conflict"; the thrown failure rolls the whole batch back.
      insert_strategy_signal(*connection_, o.signal, std::nullopt, "record_ft_outcomes");
      if (o.position) insert_position(*connection_, *o.position);
    }
    return {};
  });
}

Result<FtBook> SqlStore::get_ft_book(const std::string& ft_strategy_id) {
  return transact(TransactionMode::read, [&]() -> Result<FtBook> {
    const auto strategy = require(query(*connection_,
                                        "SELECT starting_cash_micros FROM ft_strategies "
                                        "WHERE id = ?",
                                        {ft_strategy_id}),
                                  "get_ft_book");
    if (strategy.empty())
      return Error{"not_found", "get_ft_book: no FT strategy '" + ft_strategy_id + "'"};
    const std::int64_t starting_cash = RowReader(strategy.front()).int64();
    const auto sums = require(
        query(*connection_,
              "SELECT CAST(COALESCE(SUM(cost_usd_micros), 0) AS BIGINT), "
              "CAST(COALESCE(SUM(CASE WHEN status = 'resolved' THEN payout_usd_micros ELSE 0 END), "
              "0) AS BIGINT) FROM paper_positions WHERE ft_strategy_id = ?",
              {ft_strategy_id}),
        "get_ft_book");
    RowReader r(sums.front());
    const std::int64_t cost = r.int64();
    const std::int64_t payout = r.int64();
    FtBook book;
    book.cash = core::Usd::from_micros(starting_cash) - core::Usd::from_micros(cost) +
                core::Usd::from_micros(payout);
    for (const auto& row :
         require(query(*connection_,
                       "SELECT DISTINCT token_id FROM paper_positions WHERE ft_strategy_id = ? "
                       "AND status = 'open' ORDER BY token_id",
                       {ft_strategy_id}),
                 "get_ft_book"))
      book.open_token_ids.push_back(RowReader(row).text());
    return book;
  });
}

Result<std::int64_t> SqlStore::settle_resolved_paper_positions(core::Timestamp now) {
  return transact(TransactionMode::write, [&]() -> Result<std::int64_t> {
    const auto rows =
        require(query(*connection_,
                      "SELECT p.id, p.outcome_index, p.shares_micros, p.cost_usd_micros, "
                      "r.payout_numerator_0, r.payout_numerator_1, r.payout_denominator "
                      "FROM paper_positions p JOIN resolutions r ON r.condition_id = "
                      "p.condition_id WHERE p.status = 'open' ORDER BY p.id"),
                "settle_resolved_paper_positions");
    std::int64_t settled = 0;
    for (const auto& row : rows) {
      RowReader r(row);
      const std::string id = r.text();
      const std::int64_t outcome_index = r.int64();
      const std::int64_t shares = r.int64();
      const std::int64_t cost = r.int64();
      const std::int64_t numerator_0 = r.int64();
      const std::int64_t numerator_1 = r.int64();
      const std::int64_t denominator = r.int64();
      const std::int64_t numerator = outcome_index == 0 ? numerator_0 : numerator_1;
      const std::int64_t payout =
          core::mul_div(shares, numerator, denominator, core::Rounding::down);
      const std::int64_t pnl = core::checked_sub(payout, cost);
      settled += require(execute(*connection_,
                                 "UPDATE paper_positions SET status = 'resolved', "
                                 "payout_usd_micros = ?, pnl_usd_micros = ?, resolved_at = ? "
                                 "WHERE id = ? AND status = 'open'",
                                 {payout, pnl, to_unix_ms(now), id}),
                         "settle_resolved_paper_positions");
    }
    return settled;
  });
}

}  // namespace polycopy::store::sql
