#pragma once
// Applies versioned migrations over any sql::Connection and reads the schema version.
#include <span>
#include <vector>

#include "core/clock.hpp"
#include "store/migrations/migration.hpp"
#include "store/sql/connection.hpp"
#include "store/store.hpp"

namespace polycopy::store::migrations {

// Applies the pending migrations in order, each in its own write transaction, and records
// them in schema_migrations. Errors: "schema_too_new" (the database has a version this list
// lacks), "migration_mismatch" (a recorded version has another name), "migration_failed".
Result<std::vector<MigrationInfo>> apply(sql::Connection& connection,
                                         std::span<const Migration> migrations,
                                         core::Timestamp now);

// The highest applied version; 0 for an empty database.
Result<int> current_version(sql::Connection& connection);

}  // namespace polycopy::store::migrations
