#include "store/sqlite/sqlite_error.hpp"

#include <sqlite3.h>

#include <string>

namespace polycopy::store::sqlite {

std::string_view reason_code_for(int extended_rc) {
  switch (extended_rc) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
    case SQLITE_CONSTRAINT_ROWID:
      return "conflict";
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return "foreign_key";
    default:
      break;
  }
  if ((extended_rc & 0xff) == SQLITE_CONSTRAINT) return "constraint_violation";
  return "db_error";
}

core::Error sqlite_error(sqlite3* db, int rc, std::string_view context) {
  std::string detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  return core::Error{std::string(reason_code_for(rc)), std::string(context) + ": " + detail};
}

}  // namespace polycopy::store::sqlite
