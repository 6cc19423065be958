// The audit trail (rule_changes) and alerts: written inside the transaction of the change or
// event that causes them, read back scoped to their owner.
#include <string>

#include "store/sql/query.hpp"
#include "store/sql/row_reader.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sql/statement_error.hpp"

namespace polycopy::store::sql {

using core::from_unix_ms;
using core::to_unix_ms;

void insert_rule_change(Connection& connection, const RuleChange& change) {
  require(execute(connection,
                  "INSERT INTO rule_changes (id, user_id, actor, entity_type, entity_id, action, "
                  "before_json, after_json, reason, changed_at) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  {change.id, optional_value(change.user_id), change.actor, change.entity_type,
                   change.entity_id, change.action, optional_value(change.before_json),
                   optional_value(change.after_json), optional_value(change.reason),
                   to_unix_ms(change.changed_at)}),
          "insert_rule_change");
}

void raise_alert(Connection& connection, const std::optional<std::string>& user_id,
                 const std::optional<std::string>& lt_strategy_id, const RiskAlert& alert,
                 core::Timestamp now) {
  constexpr std::string_view op = "raise_alert";
  const auto bumped = require(
      execute(connection,
              "UPDATE alerts SET occurrences = occurrences + 1, last_seen_at = ?, message = ? "
              "WHERE dedup_key = ? AND acknowledged_at IS NULL",
              {to_unix_ms(now), alert.message, alert.dedup_key}),
      op);
  if (bumped > 0) return;
  require(
      execute(connection,
              "INSERT INTO alerts (id, user_id, lt_strategy_id, severity, code, message, "
              "dedup_key, occurrences, created_at, last_seen_at) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
              {alert.id, optional_value(user_id), optional_value(lt_strategy_id), alert.severity,
               alert.code, alert.message, alert.dedup_key, to_unix_ms(now), to_unix_ms(now)}),
      op);
}

Result<std::vector<RuleChange>> SqlStore::list_rule_changes(const std::string& user_id,
                                                            const std::string& entity_id,
                                                            std::int64_t limit) {
  return transact(TransactionMode::read, [&]() -> Result<std::vector<RuleChange>> {
    std::vector<RuleChange> out;
    const auto rows =
        require(query(*connection_,
                      "SELECT id, user_id, actor, entity_type, entity_id, action, before_json, "
                      "after_json, reason, changed_at FROM rule_changes WHERE user_id = ? AND "
                      "entity_id = ? ORDER BY changed_at DESC, id DESC LIMIT ?",
                      {user_id, entity_id, limit}),
                "list_rule_changes");
    for (const auto& row : rows) {
      RowReader r(row);
      RuleChange change;
      change.id = r.text();
      change.user_id = r.optional_text();
      change.actor = r.text();
      change.entity_type = r.text();
      change.entity_id = r.text();
      change.action = r.text();
      change.before_json = r.optional_text();
      change.after_json = r.optional_text();
      change.reason = r.optional_text();
      change.changed_at = from_unix_ms(r.int64());
      out.push_back(std::move(change));
    }
    return out;
  });
}

Result<std::vector<AlertRecord>> SqlStore::list_open_alerts(const std::string& user_id) {
  return transact(TransactionMode::read, [&]() -> Result<std::vector<AlertRecord>> {
    std::vector<AlertRecord> out;
    const auto rows =
        require(query(*connection_,
                      "SELECT id, user_id, lt_strategy_id, severity, code, message, dedup_key, "
                      "occurrences, created_at, last_seen_at FROM alerts WHERE user_id = ? AND "
                      "acknowledged_at IS NULL ORDER BY last_seen_at DESC, id DESC",
                      {user_id}),
                "list_open_alerts");
    for (const auto& row : rows) {
      RowReader r(row);
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
      out.push_back(std::move(alert));
    }
    return out;
  });
}

}  // namespace polycopy::store::sql
