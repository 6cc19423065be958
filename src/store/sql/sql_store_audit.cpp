// The audit trail (rule_changes, audit_log) and alerts: written inside the transaction of the
// change or event that causes them, read back scoped to their owner.
#include <string>

#include <nlohmann/json.hpp>

#include "core/ids.hpp"
#include "store/sql/query.hpp"
#include "store/sql/row_reader.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sql/statement_error.hpp"
#include "store/sql/time_columns.hpp"

namespace polycopy::store::sql {

using core::from_unix_ms;
using core::to_unix_ms;

namespace {

void insert_audit_row(Connection& connection, const AuditEntry& e, std::string_view op) {
  require(execute(connection,
                  "INSERT INTO audit_log (id, user_id, actor, kind, action, entity_type, "
                  "entity_id, status, detail_json, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  {e.id, optional_value(e.user_id), e.actor, e.kind, e.action,
                   optional_value(e.entity_type), optional_value(e.entity_id),
                   optional_value(e.status), optional_value(e.detail_json), to_unix_ms(e.at)}),
          op);
}

}  // namespace

void insert_order_audit(Connection& connection, const OrderRecord& order,
                        const std::optional<std::string>& previous_state, std::string_view op) {
  const auto owner = require(
      query(connection, "SELECT user_id FROM lt_strategies WHERE id = ?", {order.lt_strategy_id}),
      op);
  AuditEntry e;
  const auto at = previous_state ? order.updated_at : order.created_at;
  const core::ManualClock clock(at);
  e.id = core::new_id("aud", clock);
  if (!owner.empty()) e.user_id = RowReader(owner.front()).text();
  e.actor = "engine";
  e.kind = "order";
  e.entity_type = "order";
  e.entity_id = order.id;
  e.at = at;
  nlohmann::json detail = {{"lt_strategy_id", order.lt_strategy_id}};
  if (!previous_state) {
    e.action = "order_intent";
    detail["side"] = order.side;
    detail["token_id"] = order.token_id;
    detail["limit_price"] = order.limit_price.to_string();
    detail["size"] = order.size.to_string();
    detail["order_type"] = std::string(to_string(order.order_type));
    detail["idempotency_key"] = order.idempotency_key;
  } else {
    e.action = "order_" + std::string(to_string(order.state));
    detail["from_state"] = *previous_state;
    detail["state"] = std::string(to_string(order.state));
    detail["filled_size"] = order.filled_size.to_string();
    if (order.venue_order_id) detail["venue_order_id"] = *order.venue_order_id;
    if (order.venue_message) detail["venue_message"] = *order.venue_message;
  }
  e.detail_json = detail.dump();
  insert_audit_row(connection, e, op);
}

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

Status SqlStore::record_audit(const AuditEntry& entry) {
  return transact(TransactionMode::write, [&]() -> Status {
    insert_audit_row(*connection_, entry, "record_audit");
    return {};
  });
}

Result<std::vector<AuditEntry>> SqlStore::list_audit(const std::string& user_id,
                                                     const AuditQuery& q) {
  // Rule changes are the audit of rules and pauses: listed with the rest as kind rule_change.
  std::string sql =
      "SELECT * FROM (SELECT id, user_id, actor, kind, action, entity_type, entity_id, status, "
      "detail_json, at FROM audit_log WHERE (user_id = ? OR user_id IS NULL) UNION ALL SELECT id, "
      "user_id, actor, "
      "'rule_change', action, entity_type, entity_id, NULL, "
      "COALESCE(after_json, before_json), changed_at FROM rule_changes WHERE user_id = ?) e "
      "WHERE 1 = 1";
  Params params{user_id, user_id};
  if (q.kind) {
    sql += " AND e.kind = ?";
    params.emplace_back(*q.kind);
  }
  if (q.entity_id) {
    sql += " AND e.entity_id = ?";
    params.emplace_back(*q.entity_id);
  }
  if (q.before && q.before_id) {
    sql += " AND (e.at < ? OR (e.at = ? AND e.id < ?))";
    params.emplace_back(to_unix_ms(*q.before));
    params.emplace_back(to_unix_ms(*q.before));
    params.emplace_back(*q.before_id);
  } else if (q.before) {
    sql += " AND e.at < ?";
    params.emplace_back(to_unix_ms(*q.before));
  }
  sql += " ORDER BY e.at DESC, e.id DESC LIMIT ?";
  params.emplace_back(q.limit);
  return transact(TransactionMode::read, [&]() -> Result<std::vector<AuditEntry>> {
    std::vector<AuditEntry> out;
    for (const auto& row : require(query(*connection_, sql, params), "list_audit")) {
      RowReader r(row);
      AuditEntry e;
      e.id = r.text();
      e.user_id = r.optional_text();
      e.actor = r.text();
      e.kind = r.text();
      e.action = r.text();
      e.entity_type = r.optional_text();
      e.entity_id = r.optional_text();
      e.status = r.optional_int64();
      e.detail_json = r.optional_text();
      e.at = from_unix_ms(r.int64());
      out.push_back(std::move(e));
    }
    return out;
  });
}

}  // namespace polycopy::store::sql
