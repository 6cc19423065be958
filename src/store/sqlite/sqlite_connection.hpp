#pragma once
// The SQLite implementation of sql::Connection: WAL journal, 5 s busy timeout, foreign keys on.
#include <chrono>
#include <memory>
#include <string>

#include "store/sql/connection.hpp"

namespace polycopy::store::sqlite {

struct SqliteOptions {
  std::chrono::milliseconds busy_timeout{5'000};
};

// Opens (creating if needed) the database file. Error "db_open_failed" with SQLite's reason
// when the path cannot be opened or is not a database.
core::Result<std::unique_ptr<sql::Connection>> open_sqlite_connection(
    const std::string& path, const SqliteOptions& options = {});

}  // namespace polycopy::store::sqlite
