#include "store/migrations/migrator.hpp"

#include <map>
#include <string>

#include "store/sql/query.hpp"
#include "store/sql/row_reader.hpp"
#include "store/sql/transaction.hpp"

namespace polycopy::store::migrations {
namespace {

using core::Error;

constexpr std::string_view kCreateLedger = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
  version     INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  applied_at  BIGINT NOT NULL
))sql";

Result<std::map<int, std::string>> applied_versions(sql::Connection& connection) {
  auto rows = sql::query(connection, "SELECT version, name FROM schema_migrations");
  if (!rows) return rows.error();
  std::map<int, std::string> applied;
  for (const auto& row : *rows) {
    sql::RowReader reader(row);
    const auto version = static_cast<int>(reader.int64());
    applied[version] = reader.text();
  }
  return applied;
}

// Refuses a database this binary does not understand.
Status check_known(const std::map<int, std::string>& applied,
                   std::span<const Migration> migrations) {
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  if (!applied.empty() && applied.rbegin()->first > latest)
    return Error{"schema_too_new", "database schema version " +
                                       std::to_string(applied.rbegin()->first) +
                                       " is newer than this binary's " + std::to_string(latest) +
                                       "; upgrade polycopy"};
  for (const auto& migration : migrations) {
    auto found = applied.find(migration.version);
    if (found != applied.end() && found->second != migration.name)
      return Error{"migration_mismatch", "database records migration " +
                                             std::to_string(migration.version) + " as '" +
                                             found->second + "' but this binary has '" +
                                             std::string(migration.name) + "'"};
  }
  return {};
}

// One migration in one write transaction; applied flag false when another process won.
Result<bool> apply_one(sql::Connection& connection, const Migration& migration,
                       std::span<const Migration> migrations, core::Timestamp now) {
  return sql::in_transaction(connection, sql::TransactionMode::write, [&]() -> Result<bool> {
    // Re-read under the write lock: a concurrent migrator may have been first.
    auto applied = applied_versions(connection);
    if (!applied) return applied.error();
    if (auto known = check_known(*applied, migrations); !known) return known.error();
    if (applied->contains(migration.version)) return false;
    const std::string label =
        "migration " + std::to_string(migration.version) + " (" + std::string(migration.name) + ")";
    if (auto ran = connection.execute_script(migration.sql); !ran)
      return Error{"migration_failed", label + ": " + ran.error().message};
    auto recorded = sql::execute(
        connection, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
        {std::int64_t{migration.version}, std::string(migration.name), core::to_unix_ms(now)});
    if (!recorded) return Error{"migration_failed", label + ": " + recorded.error().message};
    return true;
  });
}

}  // namespace

Result<std::vector<MigrationInfo>> apply(sql::Connection& connection,
                                         std::span<const Migration> migrations,
                                         core::Timestamp now) {
  auto ledger = sql::in_transaction(connection, sql::TransactionMode::write, [&]() -> Status {
    auto created = sql::execute(connection, kCreateLedger);
    if (!created) return created.error();
    return {};
  });
  if (!ledger) return Error{"migration_failed", ledger.error().message};

  std::vector<MigrationInfo> applied_now;
  for (const auto& migration : migrations) {
    auto applied = apply_one(connection, migration, migrations, now);
    if (!applied) return applied.error();
    if (*applied) applied_now.push_back({migration.version, std::string(migration.name)});
  }
  // Also refuses a too-new database when every known migration was already applied.
  auto versions = sql::in_transaction(connection, sql::TransactionMode::read,
                                      [&] { return applied_versions(connection); });
  if (!versions) return versions.error();
  if (auto known = check_known(*versions, migrations); !known) return known.error();
  return applied_now;
}

Result<int> current_version(sql::Connection& connection) {
  return sql::in_transaction(connection, sql::TransactionMode::read, [&]() -> Result<int> {
    auto exists = connection.table_exists("schema_migrations");
    if (!exists) return exists.error();
    if (!*exists) return 0;
    auto rows = sql::query(connection, "SELECT MAX(version) FROM schema_migrations");
    if (!rows) return rows.error();
    if (rows->empty()) return 0;
    sql::RowReader reader(rows->front());
    return static_cast<int>(reader.optional_int64().value_or(0));
  });
}

}  // namespace polycopy::store::migrations
