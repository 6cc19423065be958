#include "store/sql/sql_store.hpp"

#include "store/migrations/migration.hpp"
#include "store/migrations/migrator.hpp"

namespace polycopy::store::sql {

SqlStore::SqlStore(std::unique_ptr<Connection> connection, std::shared_ptr<const core::Clock> clock)
    : connection_(std::move(connection)),
      clock_(clock ? std::move(clock) : std::make_shared<core::SystemClock>()) {}

Result<std::vector<MigrationInfo>> SqlStore::migrate() {
  std::lock_guard lock(mutex_);
  return migrations::apply(*connection_, migrations::all(), clock_->now());
}

Result<int> SqlStore::schema_version() {
  std::lock_guard lock(mutex_);
  return migrations::current_version(*connection_);
}

int SqlStore::latest_schema_version() const {
  const auto all = migrations::all();
  return all.empty() ? 0 : all.back().version;
}

}  // namespace polycopy::store::sql
