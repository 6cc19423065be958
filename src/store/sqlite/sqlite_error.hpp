#pragma once
// Maps SQLite result codes to the store's reason codes: "conflict" (unique / primary key),
// "foreign_key", "constraint_violation" (CHECK, NOT NULL); anything else, including a lock
// still held after the busy timeout, is "db_error".
#include <string_view>

#include "core/error.hpp"

struct sqlite3;

namespace polycopy::store::sqlite {

// rc is the extended result code of the failed call; the message names the table or
// constraint when SQLite says which.
core::Error sqlite_error(sqlite3* db, int rc, std::string_view context);
std::string_view reason_code_for(int extended_rc);

}  // namespace polycopy::store::sqlite
