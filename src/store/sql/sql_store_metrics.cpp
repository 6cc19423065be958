// Aggregates for GET /metrics: GROUP BY counts and sums over signals, orders, fills and
// paper positions, and latency buckets chosen by a CASE in SQL, so a scrape reads a bounded
// number of rows whatever the size of the tables.
#include <string>

#include "store/sql/query.hpp"
#include "store/sql/row_reader.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sql/statement_error.hpp"

namespace polycopy::store::sql {
namespace {

constexpr std::string_view kOp = "metrics_counts";

std::vector<Row> rows_of(Connection& connection, const std::string& sql) {
  return require(query(connection, sql, {}), kOp);
}

// The index of the first bound a duration `d` is at most (Prometheus "le"), or bounds.size().
// The bounds are the caller's integers: written into the statement, not user input.
std::string bucket_case(const std::vector<std::int64_t>& bounds) {
  std::string sql = "CASE";
  for (std::size_t i = 0; i < bounds.size(); ++i)
    sql += " WHEN d <= " + std::to_string(bounds[i]) + " THEN " + std::to_string(i);
  return sql + " ELSE " + std::to_string(bounds.size()) + " END";
}

// Buckets of (strategy, d) pairs produced by `pairs` (columns sid, d); a negative d (clocks
// of two processes) counts as 0.
std::vector<LatencyBuckets> latency(Connection& connection, const std::string& pairs,
                                    const std::vector<std::int64_t>& bounds) {
  const auto rows = rows_of(connection, "SELECT sid, " + bucket_case(bounds) +
                                            " AS bucket, COUNT(*), SUM(d) FROM (SELECT sid, "
                                            "CASE WHEN raw < 0 THEN 0 ELSE raw END AS d FROM (" +
                                            pairs + ") p) q GROUP BY sid, bucket ORDER BY sid");
  std::vector<LatencyBuckets> out;
  for (const auto& row : rows) {
    RowReader r(row);
    std::string sid = r.text();
    const auto bucket = r.int64();
    const auto count = r.int64();
    const auto sum = r.int64();
    if (out.empty() || out.back().lt_strategy_id != sid) {
      out.push_back(
          LatencyBuckets{std::move(sid), std::vector<std::int64_t>(bounds.size() + 1, 0), 0, 0});
    }
    if (bucket < 0 || bucket > static_cast<std::int64_t>(bounds.size()))
      throw core::Failure("db_error", "latency bucket out of range");
    out.back().counts[static_cast<std::size_t>(bucket)] += count;
    out.back().count += count;
    out.back().sum_ms += sum;
  }
  return out;
}

}  // namespace

Result<MetricsCounts> SqlStore::metrics_counts(const std::vector<std::int64_t>& latency_bounds_ms) {
  return transact(TransactionMode::read, [&]() -> Result<MetricsCounts> {
    MetricsCounts out;
    for (const auto& row : rows_of(*connection_,
                                   "SELECT CASE WHEN ft_strategy_id IS NULL THEN 'lt' ELSE 'ft' "
                                   "END AS mode, COALESCE(ft_strategy_id, lt_strategy_id) AS sid, "
                                   "accepted, COALESCE(reason_code, 'accepted') AS reason, "
                                   "COUNT(*) FROM strategy_signals GROUP BY mode, sid, accepted, "
                                   "reason ORDER BY mode, sid, reason")) {
      RowReader r(row);
      SignalCount c;
      c.mode = r.text();
      c.strategy_id = r.text();
      c.accepted = r.boolean();
      c.reason = r.text();
      c.count = r.int64();
      out.signals.push_back(std::move(c));
    }
    for (const auto& row : rows_of(*connection_,
                                   "SELECT lt_strategy_id, state, COUNT(*) FROM orders GROUP BY "
                                   "lt_strategy_id, state ORDER BY lt_strategy_id, state")) {
      RowReader r(row);
      OrderStateCount c;
      c.lt_strategy_id = r.text();
      c.state = r.text();
      c.count = r.int64();
      out.orders.push_back(std::move(c));
    }
    for (const auto& row :
         rows_of(*connection_,
                 "SELECT o.lt_strategy_id, COUNT(*), SUM(f.size_micros), "
                 "SUM((f.price_micros * f.size_micros + 999999) / 1000000) FROM fills f JOIN "
                 "orders o ON o.id = f.order_id GROUP BY o.lt_strategy_id ORDER BY "
                 "o.lt_strategy_id")) {
      RowReader r(row);
      FillTotals t;
      t.lt_strategy_id = r.text();
      t.fills = r.int64();
      t.shares = Shares::from_micros(r.int64());
      t.usd = Usd::from_micros(r.int64());
      out.fills.push_back(std::move(t));
    }
    for (const auto& row : rows_of(*connection_,
                                   "SELECT ft_strategy_id, status, COUNT(*), "
                                   "SUM(cost_usd_micros), COALESCE(SUM(pnl_usd_micros), 0) FROM "
                                   "paper_positions GROUP BY ft_strategy_id, status ORDER BY "
                                   "ft_strategy_id, status")) {
      RowReader r(row);
      PaperPositionCount c;
      c.ft_strategy_id = r.text();
      c.status = r.text();
      c.count = r.int64();
      c.cost = Usd::from_micros(r.int64());
      c.pnl = Usd::from_micros(r.int64());
      out.paper_positions.push_back(std::move(c));
    }
    // The order of a signal is the strategy's order for the same source trade.
    out.signal_to_order = latency(*connection_,
                                  "SELECT o.lt_strategy_id AS sid, o.created_at - s.evaluated_at "
                                  "AS raw FROM orders o JOIN strategy_signals s ON "
                                  "s.lt_strategy_id = o.lt_strategy_id AND s.source_trade_id = "
                                  "o.source_trade_id",
                                  latency_bounds_ms);
    out.order_to_fill = latency(*connection_,
                                "SELECT o.lt_strategy_id AS sid, f.filled_at - o.created_at AS "
                                "raw FROM fills f JOIN orders o ON o.id = f.order_id",
                                latency_bounds_ms);
    for (const auto& row :
         rows_of(*connection_, "SELECT id, user_id FROM lt_strategies ORDER BY id")) {
      RowReader r(row);
      LtStrategyOwner owner;
      owner.id = r.text();
      owner.user_id = r.text();
      out.lt_strategies.push_back(std::move(owner));
    }
    return out;
  });
}

}  // namespace polycopy::store::sql
