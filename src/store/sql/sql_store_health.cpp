// Health checks recorded over time: written per monitor run (old rows pruned in the same
// transaction), read as the latest per component or one component's history.
#include <string>

#include "store/sql/query.hpp"
#include "store/sql/row_reader.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sql/statement_error.hpp"

namespace polycopy::store::sql {
namespace {

using core::from_unix_ms;
using core::to_unix_ms;

constexpr std::string_view kColumns = "id, component, status, detail, latency_ms, checked_at";

HealthCheckRecord read_check(const Row& row) {
  RowReader r(row);
  HealthCheckRecord check;
  check.id = r.text();
  check.component = r.text();
  const auto status = r.text();
  const auto parsed = health_status_from_string(status);
  if (!parsed) throw core::Failure("db_error", "unknown health status '" + status + "'");
  check.status = *parsed;
  check.detail = r.optional_text();
  check.latency_ms = r.optional_int64();
  check.checked_at = from_unix_ms(r.int64());
  return check;
}

}  // namespace

Status SqlStore::record_health_checks(const std::vector<HealthCheckRecord>& checks,
                                      core::Timestamp keep_after) {
  constexpr std::string_view op = "record_health_checks";
  return transact(TransactionMode::write, [&]() -> Status {
    for (const auto& check : checks)
      require(execute(*connection_,
                      "INSERT INTO health_checks (" + std::string(kColumns) +
                          ") VALUES (?, ?, ?, ?, ?, ?)",
                      {check.id, check.component, std::string(to_string(check.status)),
                       optional_value(check.detail), optional_value(check.latency_ms),
                       to_unix_ms(check.checked_at)}),
              op);
    require(execute(*connection_, "DELETE FROM health_checks WHERE checked_at < ?",
                    {to_unix_ms(keep_after)}),
            op);
    return {};
  });
}

Result<std::vector<HealthCheckRecord>> SqlStore::latest_health_checks() {
  return transact(TransactionMode::read, [&]() -> Result<std::vector<HealthCheckRecord>> {
    // Per component, the row with the newest time (the index on (component, checked_at)).
    const auto rows = require(
        query(*connection_,
              "SELECT " + std::string(kColumns) +
                  " FROM health_checks h WHERE h.id = (SELECT i.id FROM health_checks i WHERE "
                  "i.component = h.component ORDER BY i.checked_at DESC, i.id DESC LIMIT 1) "
                  "ORDER BY h.component",
              {}),
        "latest_health_checks");
    std::vector<HealthCheckRecord> out;
    for (const auto& row : rows) out.push_back(read_check(row));
    return out;
  });
}

Result<std::vector<HealthCheckRecord>> SqlStore::list_health_checks(const std::string& component,
                                                                    std::int64_t limit) {
  return transact(TransactionMode::read, [&]() -> Result<std::vector<HealthCheckRecord>> {
    const auto rows = require(query(*connection_,
                                    "SELECT " + std::string(kColumns) +
                                        " FROM health_checks WHERE component = ? ORDER BY "
                                        "checked_at DESC, id DESC LIMIT ?",
                                    {component, limit}),
                              "list_health_checks");
    std::vector<HealthCheckRecord> out;
    for (const auto& row : rows) out.push_back(read_check(row));
    return out;
  });
}

}  // namespace polycopy::store::sql
