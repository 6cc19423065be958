// Trader statistics, kept up to date incrementally (domain.md "Trader statistics"). Only BUY
// source trades count. A trade is added to trade_count and total_trade_usd_micros when it is
// stored, and to the resolved figures (resolved_count, win_count, realised pnl and the
// per-day rows of trader_stats_daily) exactly once: when it is stored if its market has
// already resolved, else when the market's resolution is recorded. Both happen in the
// transaction that makes the trade or the resolution new, so a repeat changes nothing.
//
// A trade's outcome is its outcome_index, else the outcome index of its token (when the
// market's tokens are stored). It wins when that outcome's numerator equals the denominator
// (a 50/50 resolution is resolved, not won); its pnl is floor(size x numerator / denominator)
// micro-dollars minus its USD value. A trade whose outcome stays unknown counts as resolved,
// not won, with a payout of 0.
#include <algorithm>
#include <map>
#include <string>
#include <unordered_map>

#include "store/sql/query.hpp"
#include "store/sql/row_reader.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sql/statement_error.hpp"

namespace polycopy::store::sql {
namespace {

using core::to_unix_ms;

constexpr std::int64_t kMsPerDay = 86'400'000;
// The 30-day window: the day of `now` and the 29 days before it (UTC days).
constexpr std::int64_t kWindowDays = 30;

// The Unix day number of a time (floor division: also right before 1970).
std::int64_t day_of(std::int64_t unix_ms) {
  std::int64_t day = unix_ms / kMsPerDay;
  if (unix_ms % kMsPerDay < 0) --day;
  return day;
}

struct Payouts {
  std::int64_t numerator_0 = 0;
  std::int64_t numerator_1 = 0;
  std::int64_t denominator = 1;
  std::int64_t day = 0;
  std::int64_t recorded_at = 0;
};

// What a batch adds to one trader's row.
struct Delta {
  std::int64_t trades = 0;
  std::int64_t usd = 0;
  std::int64_t resolved = 0;
  std::int64_t wins = 0;
  std::int64_t pnl = 0;
  std::int64_t changed_at = 0;
  std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> days;  // day -> resolved, wins
};

// Adds one resolved trade. outcome_index unset: resolved, not won, pays nothing.
void add_resolved(Delta& delta, const Payouts& payouts, std::optional<std::int64_t> outcome_index,
                  std::int64_t size_micros, std::int64_t usd_micros) {
  std::int64_t numerator = 0;
  if (outcome_index == 0) numerator = payouts.numerator_0;
  if (outcome_index == 1) numerator = payouts.numerator_1;
  const bool won = outcome_index.has_value() && numerator == payouts.denominator;
  const std::int64_t payout =
      core::mul_div(size_micros, numerator, payouts.denominator, core::Rounding::down);
  delta.resolved += 1;
  delta.wins += won ? 1 : 0;
  delta.pnl = core::checked_add(delta.pnl, core::checked_sub(payout, usd_micros));
  auto& day = delta.days[payouts.day];
  day.first += 1;
  day.second += won ? 1 : 0;
}

std::optional<Payouts> load_payouts(Connection& connection, const std::string& condition_id) {
  const auto rows = require(query(connection,
                                  "SELECT payout_numerator_0, payout_numerator_1, "
                                  "payout_denominator, resolved_at, recorded_at FROM resolutions "
                                  "WHERE condition_id = ?",
                                  {condition_id}),
                            "load payouts");
  if (rows.empty()) return std::nullopt;
  RowReader r(rows.front());
  Payouts p;
  p.numerator_0 = r.int64();
  p.numerator_1 = r.int64();
  p.denominator = r.int64();
  p.day = day_of(r.int64());
  p.recorded_at = r.int64();
  return p;
}

std::optional<std::int64_t> token_outcome_index(Connection& connection,
                                                const std::string& condition_id,
                                                const std::string& token_id) {
  const auto rows = require(query(connection,
                                  "SELECT outcome_index FROM outcome_tokens WHERE token_id = ? AND "
                                  "condition_id = ?",
                                  {token_id, condition_id}),
                            "load token outcome");
  if (rows.empty()) return std::nullopt;
  return RowReader(rows.front()).int64();
}

std::optional<core::Ratio> rate(std::int64_t wins, std::int64_t resolved) {
  if (resolved <= 0) return std::nullopt;
  return core::Ratio::from_micros(
      core::mul_div(wins, core::kMicrosPerUnit, resolved, core::Rounding::down));
}

Value micros_or_null(const std::optional<core::Ratio>& ratio) {
  return ratio ? Value(ratio->micros()) : null_value();
}

// Adds the deltas to trader_stats (recomputing the derived columns) and trader_stats_daily.
void apply_deltas(Connection& connection, const std::map<std::string, Delta>& deltas) {
  for (const auto& [trader, d] : deltas) {
    require(
        execute(connection,
                "INSERT INTO trader_stats (trader_address, resolved_count, win_count, "
                "win_rate_micros, resolved_count_30d, win_rate_30d_micros, avg_trade_usd_micros, "
                "realised_pnl_usd_micros, refreshed_at, trade_count, total_trade_usd_micros) "
                "VALUES (?, ?, ?, ?, 0, NULL, ?, ?, ?, ?, ?) "
                "ON CONFLICT (trader_address) DO UPDATE SET "
                "resolved_count = trader_stats.resolved_count + excluded.resolved_count, "
                "win_count = trader_stats.win_count + excluded.win_count, "
                "win_rate_micros = CASE WHEN trader_stats.resolved_count + excluded.resolved_count "
                "> 0 THEN (trader_stats.win_count + excluded.win_count) * 1000000 / "
                "(trader_stats.resolved_count + excluded.resolved_count) ELSE NULL END, "
                "avg_trade_usd_micros = CASE WHEN trader_stats.trade_count + excluded.trade_count "
                "> 0 THEN (trader_stats.total_trade_usd_micros + excluded.total_trade_usd_micros) "
                "/ (trader_stats.trade_count + excluded.trade_count) ELSE NULL END, "
                "realised_pnl_usd_micros = trader_stats.realised_pnl_usd_micros + "
                "excluded.realised_pnl_usd_micros, "
                "refreshed_at = CASE WHEN excluded.refreshed_at > trader_stats.refreshed_at THEN "
                "excluded.refreshed_at ELSE trader_stats.refreshed_at END, "
                "trade_count = trader_stats.trade_count + excluded.trade_count, "
                "total_trade_usd_micros = trader_stats.total_trade_usd_micros + "
                "excluded.total_trade_usd_micros",
                {trader, d.resolved, d.wins, micros_or_null(rate(d.wins, d.resolved)),
                 d.trades > 0 ? Value(d.usd / d.trades) : null_value(), d.pnl, d.changed_at,
                 d.trades, d.usd}),
        "update trader stats");
    for (const auto& [day, counts] : d.days) {
      require(execute(connection,
                      "INSERT INTO trader_stats_daily (trader_address, day, resolved_count, "
                      "win_count) VALUES (?, ?, ?, ?) ON CONFLICT (trader_address, day) DO UPDATE "
                      "SET resolved_count = trader_stats_daily.resolved_count + "
                      "excluded.resolved_count, win_count = trader_stats_daily.win_count + "
                      "excluded.win_count",
                      {trader, day, counts.first, counts.second}),
              "update trader daily stats");
    }
  }
}

}  // namespace

void count_new_source_trades(Connection& connection, const std::vector<SourceTradeRecord>& trades,
                             const std::vector<std::string>& new_ids) {
  if (new_ids.empty()) return;
  // The stored row of a trade repeated within the batch is its first occurrence.
  std::unordered_map<std::string, const SourceTradeRecord*> by_id;
  for (const auto& t : trades) by_id.emplace(t.id, &t);
  std::map<std::string, std::optional<Payouts>> payouts;  // per condition, loaded once
  std::map<std::string, Delta> deltas;
  for (const auto& id : new_ids) {
    const auto found = by_id.find(id);
    if (found == by_id.end()) continue;
    const SourceTradeRecord& t = *found->second;
    if (t.side != TradeSide::buy) continue;
    Delta& d = deltas[t.trader_address];
    d.trades += 1;
    d.usd = core::checked_add(d.usd, t.usd.micros());
    d.changed_at = std::max(d.changed_at, to_unix_ms(t.received_at));
    auto known = payouts.find(t.condition_id);
    if (known == payouts.end())
      known = payouts.emplace(t.condition_id, load_payouts(connection, t.condition_id)).first;
    if (!known->second) continue;  // counted when the resolution is recorded
    auto outcome = t.outcome_index;
    if (!outcome) outcome = token_outcome_index(connection, t.condition_id, t.token_id);
    add_resolved(d, *known->second, outcome, t.size.micros(), t.usd.micros());
  }
  apply_deltas(connection, deltas);
}

void count_resolved_market(Connection& connection, const ResolutionRecord& resolution) {
  Payouts payouts;
  payouts.numerator_0 = resolution.payout_numerator_0;
  payouts.numerator_1 = resolution.payout_numerator_1;
  payouts.denominator = resolution.payout_denominator;
  payouts.day = day_of(to_unix_ms(resolution.resolved_at));
  payouts.recorded_at = to_unix_ms(resolution.recorded_at);
  std::map<std::string, Delta> deltas;
  for (const auto& row :
       require(query(connection,
                     "SELECT st.trader_address, COALESCE(st.outcome_index, ot.outcome_index), "
                     "st.size_micros, st.usd_micros FROM source_trades st LEFT JOIN "
                     "outcome_tokens ot ON ot.token_id = st.token_id AND ot.condition_id = "
                     "st.condition_id WHERE st.condition_id = ? AND st.side = 'BUY'",
                     {resolution.condition_id}),
               "load resolved trades")) {
    RowReader r(row);
    Delta& d = deltas[r.text()];
    const auto outcome = r.optional_int64();
    const auto size = r.int64();
    const auto usd = r.int64();
    d.changed_at = payouts.recorded_at;
    add_resolved(d, payouts, outcome, size, usd);
  }
  apply_deltas(connection, deltas);
}

Result<std::optional<TraderStatsRecord>> SqlStore::get_trader_stats(
    const std::string& trader_address, core::Timestamp now) {
  return transact(TransactionMode::read, [&]() -> Result<std::optional<TraderStatsRecord>> {
    const auto rows = require(query(*connection_,
                                    "SELECT trade_count, total_trade_usd_micros, resolved_count, "
                                    "win_count, realised_pnl_usd_micros FROM trader_stats "
                                    "WHERE trader_address = ?",
                                    {trader_address}),
                              "get_trader_stats");
    if (rows.empty()) return std::optional<TraderStatsRecord>{};
    RowReader r(rows.front());
    TraderStatsRecord s;
    s.trader_address = trader_address;
    s.trade_count = r.int64();
    const std::int64_t total = r.int64();
    s.resolved_count = r.int64();
    s.win_count = r.int64();
    s.realised_pnl = core::Usd::from_micros(r.int64());
    if (s.trade_count == 0) return std::optional<TraderStatsRecord>{};  // no BUY trade stored
    s.average_trade_usd =
        core::Usd::from_micros(core::mul_div(total, 1, s.trade_count, core::Rounding::down));
    s.win_rate = rate(s.win_count, s.resolved_count);
    const std::int64_t today = day_of(to_unix_ms(now));
    const auto window =
        require(query(*connection_,
                      "SELECT CAST(COALESCE(SUM(resolved_count), 0) AS BIGINT), "
                      "CAST(COALESCE(SUM(win_count), 0) AS BIGINT) FROM trader_stats_daily "
                      "WHERE trader_address = ? AND day >= ? AND day <= ?",
                      {trader_address, today - (kWindowDays - 1), today}),
                "get_trader_stats");
    RowReader w(window.front());
    s.resolved_count_30d = w.int64();
    s.win_count_30d = w.int64();
    s.win_rate_30d = rate(s.win_count_30d, s.resolved_count_30d);
    return std::optional<TraderStatsRecord>{std::move(s)};
  });
}

}  // namespace polycopy::store::sql
