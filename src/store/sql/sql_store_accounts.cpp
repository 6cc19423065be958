// Users and API keys.
#include "store/sql/query.hpp"
#include "store/sql/row_reader.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sql/statement_error.hpp"
#include "store/sql/time_columns.hpp"

namespace polycopy::store::sql {
namespace {

using core::from_unix_ms;
using core::to_unix_ms;

constexpr std::string_view kUserColumns = "u.id, u.name, u.created_at";

User read_user(const Row& row) {
  RowReader r(row);
  User user;
  user.id = r.text();
  user.name = r.text();
  user.created_at = from_unix_ms(r.int64());
  return user;
}

Result<std::optional<User>> first_user(Result<std::vector<Row>> rows) {
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<User>{};
  return std::optional<User>{read_user(rows->front())};
}

}  // namespace

Status SqlStore::insert_user(const User& user) {
  return transact(TransactionMode::write, [&]() -> Status {
    require(execute(*connection_, "INSERT INTO users (id, name, created_at) VALUES (?, ?, ?)",
                    {user.id, user.name, to_unix_ms(user.created_at)}),
            "insert_user");
    return {};
  });
}

Result<std::optional<User>> SqlStore::find_user_by_name(const std::string& name) {
  return transact(TransactionMode::read, [&] {
    return first_user(
        query(*connection_,
              "SELECT " + std::string(kUserColumns) + " FROM users u WHERE u.name = ?", {name}));
  });
}

Status SqlStore::insert_api_key(const ApiKey& key) {
  return transact(TransactionMode::write, [&]() -> Status {
    require(execute(*connection_,
                    "INSERT INTO api_keys (id, user_id, key_hash, label, created_at, revoked_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    {key.id, key.user_id, key.key_hash, key.label, to_unix_ms(key.created_at),
                     optional_time_value(key.revoked_at)}),
            "insert_api_key");
    return {};
  });
}

Result<std::optional<User>> SqlStore::find_user_by_api_key_hash(const std::string& key_hash) {
  return transact(TransactionMode::read, [&] {
    return first_user(query(*connection_,
                            "SELECT " + std::string(kUserColumns) +
                                " FROM api_keys k JOIN users u ON u.id = k.user_id"
                                " WHERE k.key_hash = ? AND k.revoked_at IS NULL",
                            {key_hash}));
  });
}

}  // namespace polycopy::store::sql
