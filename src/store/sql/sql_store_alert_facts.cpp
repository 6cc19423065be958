// What the alert rules read, in one consistent snapshot: streaks of rejected orders, recent
// fill rates, budget refusals, failed redemptions and components whose checks keep failing.
#include <string>

#include "store/sql/query.hpp"
#include "store/sql/row_reader.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sql/statement_error.hpp"
#include "store/sql/time_columns.hpp"

namespace polycopy::store::sql {
namespace {

using core::from_unix_ms;
using core::to_unix_ms;

constexpr std::string_view op = "alert_facts";

// The newest orders of each strategy that were rejected with no other order after them.
std::vector<RejectionStreak> rejection_streaks(Connection& connection) {
  const auto rows = require(
      query(connection,
            "SELECT o.lt_strategy_id, s.user_id, o.id, o.venue_message FROM orders o "
            "JOIN lt_strategies s ON s.id = o.lt_strategy_id WHERE o.state = 'rejected' AND "
            "o.created_at > COALESCE((SELECT MAX(p.created_at) FROM orders p WHERE "
            "p.lt_strategy_id = o.lt_strategy_id AND p.state <> 'rejected'), -1) "
            "ORDER BY o.lt_strategy_id, o.created_at, o.id"),
      op);
  std::vector<RejectionStreak> out;
  for (const auto& row : rows) {
    RowReader r(row);
    auto strategy = r.text();
    auto user = r.text();
    auto order_id = r.text();
    auto message = r.optional_text();
    if (out.empty() || out.back().lt_strategy_id != strategy) {
      out.push_back({std::move(strategy), std::move(user), 0, std::move(order_id), {}});
    }
    ++out.back().length;
    out.back().last_message = std::move(message);
  }
  return out;
}

// Per strategy, its newest `sample` orders that ended (filled, cancelled or expired; a
// rejection never reached the book, and has its own rule).
std::vector<FillRateSample> fill_rates(Connection& connection, std::int64_t sample) {
  const auto rows = require(
      query(connection,
            "SELECT e.lt_strategy_id, s.user_id, COUNT(*), "
            "SUM(CASE WHEN e.filled_size_micros > 0 THEN 1 ELSE 0 END) FROM "
            "(SELECT o.lt_strategy_id, o.filled_size_micros, ROW_NUMBER() OVER (PARTITION BY "
            "o.lt_strategy_id ORDER BY o.updated_at DESC, o.id DESC) AS n FROM orders o WHERE "
            "o.state IN ('filled', 'cancelled', 'expired')) e "
            "JOIN lt_strategies s ON s.id = e.lt_strategy_id WHERE e.n <= ? "
            "GROUP BY e.lt_strategy_id, s.user_id ORDER BY e.lt_strategy_id",
            {sample}),
      op);
  std::vector<FillRateSample> out;
  for (const auto& row : rows) {
    RowReader r(row);
    FillRateSample s;
    s.lt_strategy_id = r.text();
    s.user_id = r.text();
    s.ended_orders = r.int64();
    s.filled_orders = r.int64();
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<BudgetRefusals> budget_refusals(Connection& connection, core::Timestamp since) {
  const auto rows = require(
      query(connection,
            "SELECT g.lt_strategy_id, s.user_id, s.time_zone, g.reason_code, COUNT(*), "
            "MAX(g.evaluated_at) FROM strategy_signals g JOIN lt_strategies s ON "
            "s.id = g.lt_strategy_id WHERE g.accepted = 0 AND g.reason_code IN "
            "('daily_budget_exceeded', 'weekly_budget_exceeded', 'monthly_budget_exceeded') "
            "AND g.evaluated_at >= ? GROUP BY g.lt_strategy_id, s.user_id, s.time_zone, "
            "g.reason_code ORDER BY g.lt_strategy_id, g.reason_code",
            {to_unix_ms(since)}),
      op);
  std::vector<BudgetRefusals> out;
  for (const auto& row : rows) {
    RowReader r(row);
    BudgetRefusals b;
    b.lt_strategy_id = r.text();
    b.user_id = r.text();
    b.time_zone = r.text();
    b.reason_code = r.text();
    b.refusals = r.int64();
    b.last_refused_at = from_unix_ms(r.int64());
    out.push_back(std::move(b));
  }
  return out;
}

std::vector<FailedRedemption> failed_redemptions(Connection& connection) {
  const auto rows =
      require(query(connection,
                    "SELECT r.id, p.lt_strategy_id, s.user_id, r.condition_id, r.attempts, "
                    "r.last_error, r.next_attempt_at FROM redemptions r JOIN lt_positions p ON "
                    "p.id = r.lt_position_id JOIN lt_strategies s ON s.id = p.lt_strategy_id "
                    "WHERE r.state = 'failed' ORDER BY r.updated_at, r.id"),
              op);
  std::vector<FailedRedemption> out;
  for (const auto& row : rows) {
    RowReader r(row);
    FailedRedemption f;
    f.redemption_id = r.text();
    f.lt_strategy_id = r.text();
    f.user_id = r.text();
    f.condition_id = r.text();
    f.attempts = r.int64();
    f.last_error = r.optional_text();
    f.next_attempt_at = optional_time(r.optional_int64());
    out.push_back(std::move(f));
  }
  return out;
}

// Components whose checks since their last passing one all fail (degraded counts as
// passing: the component still works).
std::vector<FailingComponent> failing_components(Connection& connection) {
  const auto rows = require(
      query(connection,
            "SELECT h.component, h.id, h.checked_at, h.detail FROM health_checks h WHERE "
            "h.status = 'failing' AND h.checked_at > COALESCE((SELECT MAX(k.checked_at) FROM "
            "health_checks k WHERE k.component = h.component AND k.status <> 'failing'), -1) "
            "ORDER BY h.component, h.checked_at, h.id"),
      op);
  std::vector<FailingComponent> out;
  for (const auto& row : rows) {
    RowReader r(row);
    auto component = r.text();
    auto id = r.text();
    const auto at = from_unix_ms(r.int64());
    auto detail = r.optional_text();
    if (out.empty() || out.back().component != component)
      out.push_back({std::move(component), std::move(id), at, {}});
    out.back().detail = std::move(detail);
  }
  return out;
}

}  // namespace

Result<AlertFacts> SqlStore::alert_facts(const AlertFactsQuery& q) {
  return transact(TransactionMode::read, [&]() -> Result<AlertFacts> {
    AlertFacts facts;
    facts.rejection_streaks = rejection_streaks(*connection_);
    facts.fill_rates = fill_rates(*connection_, q.fill_rate_orders);
    facts.budget_refusals = budget_refusals(*connection_, q.refusals_since);
    facts.failed_redemptions = failed_redemptions(*connection_);
    facts.failing_components = failing_components(*connection_);
    return facts;
  });
}

}  // namespace polycopy::store::sql
