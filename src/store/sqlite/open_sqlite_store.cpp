// open_sqlite_store (declared in store/store.hpp): the SQL store over a SQLite connection.
#include "store/sql/sql_store.hpp"
#include "store/sqlite/sqlite_connection.hpp"
#include "store/store.hpp"

namespace polycopy::store {

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path) {
  auto connection = sqlite::open_sqlite_connection(path);
  if (!connection) return connection.error();
  return std::unique_ptr<Store>(std::make_unique<sql::SqlStore>(std::move(connection).value()));
}

}  // namespace polycopy::store
