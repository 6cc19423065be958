// Users, API keys and wallets.
#include "store/sql/query.hpp"
#include "store/sql/row_reader.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sql/statement_error.hpp"

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

Wallet read_wallet(const Row& row) {
  RowReader r(row);
  Wallet wallet;
  wallet.id = r.text();
  wallet.user_id = r.text();
  wallet.address = r.text();
  wallet.signature_type = r.int64();
  wallet.funder = r.optional_text();
  wallet.encrypted_private_key = r.optional_text();
  wallet.created_at = from_unix_ms(r.int64());
  return wallet;
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
                     key.revoked_at ? Value{to_unix_ms(*key.revoked_at)} : null_value()}),
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

Status SqlStore::insert_wallet(const Wallet& wallet) {
  return transact(TransactionMode::write, [&]() -> Status {
    require(execute(*connection_,
                    "INSERT INTO wallets (id, user_id, address, signature_type, funder, "
                    "encrypted_private_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    {wallet.id, wallet.user_id, wallet.address, wallet.signature_type,
                     optional_value(wallet.funder), optional_value(wallet.encrypted_private_key),
                     to_unix_ms(wallet.created_at)}),
            "insert_wallet");
    return {};
  });
}

Result<std::optional<Wallet>> SqlStore::get_wallet(const std::string& user_id,
                                                   const std::string& id) {
  return transact(TransactionMode::read, [&]() -> Result<std::optional<Wallet>> {
    auto rows = require(query(*connection_,
                              "SELECT id, user_id, address, signature_type, funder, "
                              "encrypted_private_key, created_at FROM wallets "
                              "WHERE user_id = ? AND id = ?",
                              {user_id, id}),
                        "get_wallet");
    if (rows.empty()) return std::optional<Wallet>{};
    return std::optional<Wallet>{read_wallet(rows.front())};
  });
}

}  // namespace polycopy::store::sql
