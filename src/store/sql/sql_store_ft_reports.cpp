// Forward testing, user side: paper positions, signals and performance of one FT strategy,
// scoped to its owner (another user's strategy reads as "not_found"). Lists are newest first.
#include <algorithm>
#include <string>

#include "store/sql/money_columns.hpp"
#include "store/sql/query.hpp"
#include "store/sql/row_reader.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sql/statement_error.hpp"
#include "store/sql/time_columns.hpp"

namespace polycopy::store::sql {
namespace {

using core::Error;
using core::from_unix_ms;
using core::Usd;

constexpr std::string_view kAccepted = "accepted";

Status check_page(std::int64_t limit, std::int64_t offset) {
  if (limit <= 0) return Error{"invalid_limit", "limit must be positive"};
  if (offset < 0) return Error{"invalid_offset", "offset must not be negative"};
  return {};
}

// The strategy's starting cash when it belongs to the user; throws "not_found" otherwise.
std::int64_t owned_strategy_cash(Connection& connection, const std::string& user_id,
                                 const std::string& ft_strategy_id, std::string_view operation) {
  const auto rows = require(query(connection,
                                  "SELECT starting_cash_micros FROM ft_strategies "
                                  "WHERE id = ? AND user_id = ?",
                                  {ft_strategy_id, user_id}),
                            operation);
  if (rows.empty())
    throw core::Failure("not_found", std::string(operation) + ": no FT strategy '" +
                                         ft_strategy_id + "' for this user");
  return RowReader(rows.front()).int64();
}

PaperPositionRecord read_position(RowReader& r) {
  PaperPositionRecord p;
  p.id = r.text();
  p.ft_strategy_id = r.text();
  p.source_trade_id = r.text();
  p.condition_id = r.text();
  p.token_id = r.text();
  p.outcome_index = r.int64();
  p.entry_price = price_column(r.int64());
  p.shares = core::Shares::from_micros(r.int64());
  p.cost = Usd::from_micros(r.int64());
  const std::string status = r.text();
  const auto parsed = paper_position_status_from_string(status);
  if (!parsed)
    throw core::Failure("db_error", "stored paper position status '" + status + "' is unknown");
  p.status = *parsed;
  p.payout = optional_fixed<Usd>(r.optional_int64());
  p.pnl = optional_fixed<Usd>(r.optional_int64());
  p.opened_at = from_unix_ms(r.int64());
  p.resolved_at = optional_time(r.optional_int64());
  return p;
}

StrategySignalRecord read_signal(RowReader& r) {
  StrategySignalRecord s;
  s.id = r.text();
  s.ft_strategy_id = r.text();
  s.source_trade_id = r.text();
  s.accepted = r.boolean();
  s.reason_code = r.optional_text();
  s.detail = r.optional_text();
  if (auto price = r.optional_int64()) s.entry_price = price_column(*price);
  s.bet_usd = optional_fixed<Usd>(r.optional_int64());
  s.edge = optional_fixed<core::Ratio>(r.optional_int64());
  s.conviction = optional_fixed<core::Ratio>(r.optional_int64());
  s.evaluated_at = from_unix_ms(r.int64());
  return s;
}

}  // namespace

Result<std::vector<PaperPositionRecord>> SqlStore::list_paper_positions(
    const std::string& user_id, const std::string& ft_strategy_id, const PaperPositionQuery& page) {
  if (auto ok = check_page(page.limit, page.offset); !ok) return ok.error();
  return transact(TransactionMode::read, [&]() -> Result<std::vector<PaperPositionRecord>> {
    owned_strategy_cash(*connection_, user_id, ft_strategy_id, "list_paper_positions");
    std::string sql =
        "SELECT id, ft_strategy_id, source_trade_id, condition_id, token_id, outcome_index, "
        "entry_price_micros, shares_micros, cost_usd_micros, status, payout_usd_micros, "
        "pnl_usd_micros, opened_at, resolved_at FROM paper_positions WHERE ft_strategy_id = ?";
    Params params{ft_strategy_id};
    if (page.status) {
      sql += " AND status = ?";
      params.emplace_back(to_string(*page.status));
    }
    sql += " ORDER BY opened_at DESC, id DESC LIMIT ? OFFSET ?";
    params.emplace_back(page.limit);
    params.emplace_back(page.offset);
    std::vector<PaperPositionRecord> out;
    for (const auto& row : require(query(*connection_, sql, params), "list_paper_positions")) {
      RowReader r(row);
      out.push_back(read_position(r));
    }
    return out;
  });
}

Result<std::vector<StrategySignalRecord>> SqlStore::list_ft_signals(
    const std::string& user_id, const std::string& ft_strategy_id, const SignalQuery& page) {
  if (auto ok = check_page(page.limit, page.offset); !ok) return ok.error();
  return transact(TransactionMode::read, [&]() -> Result<std::vector<StrategySignalRecord>> {
    owned_strategy_cash(*connection_, user_id, ft_strategy_id, "list_ft_signals");
    std::string sql =
        "SELECT id, ft_strategy_id, source_trade_id, accepted, reason_code, detail, "
        "entry_price_micros, bet_usd_micros, edge_micros, conviction_micros, evaluated_at "
        "FROM strategy_signals WHERE ft_strategy_id = ?";
    Params params{ft_strategy_id};
    if (page.reason == kAccepted) {
      sql += " AND accepted = 1";
    } else if (page.reason) {
      sql += " AND reason_code = ?";
      params.emplace_back(*page.reason);
    }
    sql += " ORDER BY evaluated_at DESC, id DESC LIMIT ? OFFSET ?";
    params.emplace_back(page.limit);
    params.emplace_back(page.offset);
    std::vector<StrategySignalRecord> out;
    for (const auto& row : require(query(*connection_, sql, params), "list_ft_signals")) {
      RowReader r(row);
      out.push_back(read_signal(r));
    }
    return out;
  });
}

Result<FtPerformanceRecord> SqlStore::get_ft_performance(const std::string& user_id,
                                                         const std::string& ft_strategy_id) {
  return transact(TransactionMode::read, [&]() -> Result<FtPerformanceRecord> {
    FtPerformanceRecord out;
    out.starting_cash = Usd::from_micros(
        owned_strategy_cash(*connection_, user_id, ft_strategy_id, "get_ft_performance"));
    const auto sums = require(
        query(*connection_,
              "SELECT "
              "CAST(COALESCE(SUM(CASE WHEN status = 'open' THEN 1 ELSE 0 END), 0) AS BIGINT), "
              "CAST(COALESCE(SUM(CASE WHEN status = 'open' THEN cost_usd_micros ELSE 0 END), 0) "
              "AS BIGINT), "
              "CAST(COALESCE(SUM(CASE WHEN status = 'resolved' THEN 1 ELSE 0 END), 0) AS BIGINT), "
              "CAST(COALESCE(SUM(CASE WHEN status = 'resolved' THEN cost_usd_micros ELSE 0 END), "
              "0) AS BIGINT), "
              "CAST(COALESCE(SUM(CASE WHEN status = 'resolved' THEN payout_usd_micros ELSE 0 "
              "END), 0) AS BIGINT), "
              "CAST(COALESCE(SUM(CASE WHEN status = 'resolved' AND pnl_usd_micros > 0 THEN 1 "
              "ELSE 0 END), 0) AS BIGINT), "
              "CAST(COALESCE(SUM(CASE WHEN status = 'resolved' AND pnl_usd_micros < 0 THEN 1 "
              "ELSE 0 END), 0) AS BIGINT) "
              "FROM paper_positions WHERE ft_strategy_id = ?",
              {ft_strategy_id}),
        "get_ft_performance");
    RowReader r(sums.front());
    out.open_positions = r.int64();
    out.open_cost = Usd::from_micros(r.int64());
    out.resolved_positions = r.int64();
    out.resolved_cost = Usd::from_micros(r.int64());
    out.resolved_payout = Usd::from_micros(r.int64());
    out.winning_positions = r.int64();
    out.losing_positions = r.int64();
    out.realised_pnl = out.resolved_payout - out.resolved_cost;
    out.cash = out.starting_cash - out.open_cost - out.resolved_cost + out.resolved_payout;
    // Accepted signals have no reason code: they are counted under "accepted".
    for (const auto& row : require(query(*connection_,
                                         "SELECT accepted, reason_code, COUNT(*) FROM "
                                         "strategy_signals WHERE ft_strategy_id = ? "
                                         "GROUP BY accepted, reason_code",
                                         {ft_strategy_id}),
                                   "get_ft_performance")) {
      RowReader s(row);
      const bool accepted = s.boolean();
      const auto reason = s.optional_text();
      const std::int64_t count = s.int64();
      const std::string name = accepted ? std::string(kAccepted) : reason.value_or("");
      out.signals += count;
      auto same = std::find_if(out.by_reason.begin(), out.by_reason.end(),
                               [&](const ReasonCount& c) { return c.reason == name; });
      if (same == out.by_reason.end()) {
        out.by_reason.push_back(ReasonCount{name, count});
      } else {
        same->count += count;
      }
    }
    // Byte order, the same on every backend whatever its collation.
    std::sort(out.by_reason.begin(), out.by_reason.end(),
              [](const ReasonCount& a, const ReasonCount& b) { return a.reason < b.reason; });
    return out;
  });
}

}  // namespace polycopy::store::sql
