// Alerts for people: raised once per episode by the rules, listed and acknowledged by their
// owner, and delivered to channels (one delivery per alert and channel, retried, counted for
// rate limits).
#include <string>

#include "core/ids.hpp"
#include "store/sql/query.hpp"
#include "store/sql/row_reader.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sql/statement_error.hpp"
#include "store/sql/time_columns.hpp"

namespace polycopy::store::sql {
namespace {

using core::from_unix_ms;
using core::to_unix_ms;

constexpr std::string_view kAlertColumns =
    "a.id, a.user_id, a.lt_strategy_id, a.severity, a.code, a.message, a.dedup_key, "
    "a.occurrences, a.created_at, a.last_seen_at, a.acknowledged_at";

AlertRecord read_alert(RowReader& r) {
  AlertRecord alert;
  alert.id = r.text();
  alert.user_id = r.optional_text();
  alert.lt_strategy_id = r.optional_text();
  alert.severity = r.text();
  alert.code = r.text();
  alert.message = r.text();
  alert.dedup_key = r.text();
  alert.occurrences = r.int64();
  alert.created_at = from_unix_ms(r.int64());
  alert.last_seen_at = from_unix_ms(r.int64());
  alert.acknowledged_at = optional_time(r.optional_int64());
  return alert;
}

std::vector<AlertRecord> read_alerts(const std::vector<Row>& rows) {
  std::vector<AlertRecord> out;
  for (const auto& row : rows) {
    RowReader r(row);
    out.push_back(read_alert(r));
  }
  return out;
}

constexpr std::string_view kDeliveryColumns =
    "d.id, d.alert_id, d.channel, d.state, d.attempts, d.next_attempt_at, d.last_error, "
    "d.sent_at, d.created_at";

AlertDelivery read_delivery(RowReader& r) {
  AlertDelivery d;
  d.id = r.text();
  d.alert_id = r.text();
  d.channel = r.text();
  d.state = r.text();
  d.attempts = r.int64();
  d.next_attempt_at = from_unix_ms(r.int64());
  d.last_error = r.optional_text();
  d.sent_at = optional_time(r.optional_int64());
  d.created_at = from_unix_ms(r.int64());
  return d;
}

// The alert if it is the user's or the system's.
std::optional<AlertRecord> alert_of(Connection& connection, const std::string& user_id,
                                    const std::string& alert_id, std::string_view op) {
  const auto rows = require(query(connection,
                                  "SELECT " + std::string(kAlertColumns) +
                                      " FROM alerts a WHERE a.id = ? AND (a.user_id = ? OR "
                                      "a.user_id IS NULL)",
                                  {alert_id, user_id}),
                            op);
  if (rows.empty()) return std::nullopt;
  RowReader r(rows.front());
  return read_alert(r);
}

// Severities from the least to the most urgent; an unknown one ranks as critical.
int severity_rank(std::string_view severity) {
  if (severity == "info") return 0;
  if (severity == "warning") return 1;
  return 2;
}

constexpr std::string_view kSeverityRankSql =
    "CASE a.severity WHEN 'info' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END";

}  // namespace

Result<std::vector<AlertRecord>> SqlStore::list_open_alerts(const std::string& user_id) {
  return transact(TransactionMode::read, [&]() -> Result<std::vector<AlertRecord>> {
    return read_alerts(require(query(*connection_,
                                     "SELECT " + std::string(kAlertColumns) +
                                         " FROM alerts a WHERE a.user_id = ? AND "
                                         "a.acknowledged_at IS NULL "
                                         "ORDER BY a.last_seen_at DESC, a.id DESC",
                                     {user_id}),
                               "list_open_alerts"));
  });
}

Result<std::int64_t> SqlStore::raise_alerts_once(const std::vector<RaisedAlert>& alerts,
                                                 core::Timestamp now) {
  constexpr std::string_view op = "raise_alerts_once";
  return transact(TransactionMode::write, [&]() -> Result<std::int64_t> {
    std::int64_t raised = 0;
    for (const auto& raise : alerts) {
      const auto seen = require(
          query(*connection_, "SELECT 1 FROM alerts WHERE dedup_key = ?", {raise.alert.dedup_key}),
          op);
      if (!seen.empty()) continue;
      raise_alert(*connection_, raise.user_id, raise.lt_strategy_id, raise.alert, now);
      ++raised;
    }
    return raised;
  });
}

Result<std::vector<AlertRecord>> SqlStore::list_alerts(const std::string& user_id,
                                                       const AlertListQuery& q) {
  std::string state_filter;
  if (q.state == AlertListState::open) state_filter = " AND a.acknowledged_at IS NULL";
  if (q.state == AlertListState::acknowledged) state_filter = " AND a.acknowledged_at IS NOT NULL";
  return transact(TransactionMode::read, [&]() -> Result<std::vector<AlertRecord>> {
    return read_alerts(
        require(query(*connection_,
                      "SELECT " + std::string(kAlertColumns) +
                          " FROM alerts a WHERE (a.user_id = ? OR a.user_id IS NULL)" +
                          state_filter + " ORDER BY a.last_seen_at DESC, a.id DESC LIMIT ?",
                      {user_id, q.limit}),
                "list_alerts"));
  });
}

Result<std::optional<AlertRecord>> SqlStore::find_alert(const std::string& user_id,
                                                        const std::string& alert_id) {
  return transact(TransactionMode::read, [&]() -> Result<std::optional<AlertRecord>> {
    return alert_of(*connection_, user_id, alert_id, "find_alert");
  });
}

Result<AlertRecord> SqlStore::acknowledge_alert(const std::string& user_id,
                                                const std::string& alert_id, core::Timestamp now) {
  constexpr std::string_view op = "acknowledge_alert";
  return transact(TransactionMode::write, [&]() -> Result<AlertRecord> {
    auto found = alert_of(*connection_, user_id, alert_id, op);
    if (!found) return core::Error{"not_found", "no alert '" + alert_id + "'"};
    auto alert = std::move(*found);
    if (alert.acknowledged_at) return alert;
    // Never before its own creation (the table's check): a clock behind the writer's.
    const auto at = std::max(now, alert.last_seen_at);
    require(execute(*connection_, "UPDATE alerts SET acknowledged_at = ? WHERE id = ?",
                    {to_unix_ms(at), alert_id}),
            op);
    alert.acknowledged_at = at;
    return alert;
  });
}

Result<std::int64_t> SqlStore::enqueue_alert_deliveries(
    const std::vector<AlertChannelRoute>& routes, core::Timestamp created_since,
    core::Timestamp now) {
  constexpr std::string_view op = "enqueue_alert_deliveries";
  return transact(TransactionMode::write, [&]() -> Result<std::int64_t> {
    std::int64_t added = 0;
    for (const auto& route : routes) {
      const auto rows = require(
          query(*connection_,
                "SELECT a.id FROM alerts a WHERE a.created_at >= ? AND " +
                    std::string(kSeverityRankSql) +
                    " >= ? AND NOT EXISTS (SELECT 1 FROM alert_deliveries d WHERE "
                    "d.alert_id = a.id AND d.channel = ?) ORDER BY a.created_at, a.id",
                {to_unix_ms(created_since),
                 static_cast<std::int64_t>(severity_rank(route.min_severity)), route.channel}),
          op);
      for (const auto& row : rows) {
        RowReader r(row);
        const auto alert_id = r.text();
        require(execute(*connection_,
                        "INSERT INTO alert_deliveries (id, alert_id, channel, state, attempts, "
                        "next_attempt_at, created_at, updated_at) "
                        "VALUES (?, ?, ?, 'pending', 0, ?, ?, ?)",
                        {core::new_id("dlv", *clock_), alert_id, route.channel, to_unix_ms(now),
                         to_unix_ms(now), to_unix_ms(now)}),
                op);
        ++added;
      }
    }
    return added;
  });
}

Result<std::vector<DueAlertDelivery>> SqlStore::list_due_alert_deliveries(core::Timestamp now,
                                                                          std::int64_t limit) {
  return transact(TransactionMode::read, [&]() -> Result<std::vector<DueAlertDelivery>> {
    const auto rows = require(
        query(*connection_,
              "SELECT " + std::string(kDeliveryColumns) + ", " + std::string(kAlertColumns) +
                  " FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id "
                  "WHERE d.state = 'pending' AND d.next_attempt_at <= ? ORDER BY " +
                  std::string(kSeverityRankSql) + " DESC, a.created_at, d.id LIMIT ?",
              {to_unix_ms(now), limit}),
        "list_due_alert_deliveries");
    std::vector<DueAlertDelivery> out;
    for (const auto& row : rows) {
      RowReader r(row);
      DueAlertDelivery due;
      due.delivery = read_delivery(r);
      due.alert = read_alert(r);
      out.push_back(std::move(due));
    }
    return out;
  });
}

Result<std::int64_t> SqlStore::count_alert_deliveries_sent(const std::string& channel,
                                                           core::Timestamp since) {
  return transact(TransactionMode::read, [&]() -> Result<std::int64_t> {
    const auto rows = require(query(*connection_,
                                    "SELECT COUNT(*) FROM alert_deliveries WHERE channel = ? AND "
                                    "state = 'sent' AND sent_at >= ?",
                                    {channel, to_unix_ms(since)}),
                              "count_alert_deliveries_sent");
    RowReader r(rows.front());
    return r.int64();
  });
}

Status SqlStore::record_alert_delivery(const std::string& delivery_id, const DeliveryResult& result,
                                       core::Timestamp now) {
  constexpr std::string_view op = "record_alert_delivery";
  if (result.outcome == DeliveryOutcome::retry && !result.next_attempt_at)
    return core::Error{"invalid_argument", "a retried delivery needs its next attempt time"};
  return transact(TransactionMode::write, [&]() -> Status {
    std::string state = "pending";
    if (result.outcome == DeliveryOutcome::sent) state = "sent";
    if (result.outcome == DeliveryOutcome::failed) state = "failed";
    const auto next = result.next_attempt_at.value_or(now);
    const auto changed =
        require(execute(*connection_,
                        "UPDATE alert_deliveries SET state = ?, attempts = attempts + 1, "
                        "next_attempt_at = ?, last_error = ?, sent_at = ?, updated_at = ? "
                        "WHERE id = ? AND state = 'pending'",
                        {state, to_unix_ms(next), optional_value(result.error),
                         result.outcome == DeliveryOutcome::sent ? Value{to_unix_ms(now)} : Value{},
                         to_unix_ms(now), delivery_id}),
                op);
    if (changed == 0)
      return core::Error{"conflict", "delivery '" + delivery_id + "' is not pending"};
    return {};
  });
}

Result<std::vector<AlertDelivery>> SqlStore::list_alert_deliveries(const std::string& alert_id) {
  return transact(TransactionMode::read, [&]() -> Result<std::vector<AlertDelivery>> {
    const auto rows =
        require(query(*connection_,
                      "SELECT " + std::string(kDeliveryColumns) +
                          " FROM alert_deliveries d WHERE d.alert_id = ? ORDER BY d.channel",
                      {alert_id}),
                "list_alert_deliveries");
    std::vector<AlertDelivery> out;
    for (const auto& row : rows) {
      RowReader r(row);
      out.push_back(read_delivery(r));
    }
    return out;
  });
}

}  // namespace polycopy::store::sql
