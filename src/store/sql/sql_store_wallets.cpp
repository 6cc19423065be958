// Wallets: the signer, its sealed private key and its cached CLOB API credentials.
#include "store/sql/query.hpp"
#include "store/sql/row_reader.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sql/statement_error.hpp"
#include "store/sql/time_columns.hpp"

namespace polycopy::store::sql {
namespace {

using core::from_unix_ms;
using core::to_unix_ms;

constexpr std::string_view kColumns =
    "SELECT id, user_id, address, signature_type, funder, encrypted_private_key, created_at, "
    "api_key, api_secret_sealed, api_passphrase_sealed, api_credentials_at FROM wallets ";

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
  wallet.api_key = r.optional_text();
  wallet.api_secret_sealed = r.optional_text();
  wallet.api_passphrase_sealed = r.optional_text();
  wallet.api_credentials_at = optional_time(r.optional_int64());
  return wallet;
}

std::vector<Wallet> load(Connection& connection, std::string_view where, const Params& params) {
  std::vector<Wallet> out;
  for (const auto& row : require(
           query(connection, std::string(kColumns) + std::string(where), params), "load wallets"))
    out.push_back(read_wallet(row));
  return out;
}

std::optional<Wallet> first(std::vector<Wallet> wallets) {
  if (wallets.empty()) return std::nullopt;
  return std::move(wallets.front());
}

}  // namespace

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
    return first(load(*connection_, "WHERE user_id = ? AND id = ?", {user_id, id}));
  });
}

Result<std::vector<Wallet>> SqlStore::list_wallets(const std::string& user_id) {
  return transact(TransactionMode::read, [&]() -> Result<std::vector<Wallet>> {
    return load(*connection_, "WHERE user_id = ? ORDER BY created_at, id", {user_id});
  });
}

Result<std::optional<Wallet>> SqlStore::find_wallet(const std::string& id) {
  return transact(TransactionMode::read, [&]() -> Result<std::optional<Wallet>> {
    return first(load(*connection_, "WHERE id = ?", {id}));
  });
}

Status SqlStore::set_wallet_api_credentials(const std::string& wallet_id,
                                            const std::string& api_key,
                                            const std::string& secret_sealed,
                                            const std::string& passphrase_sealed,
                                            core::Timestamp at) {
  return transact(TransactionMode::write, [&]() -> Status {
    const auto changed = require(
        execute(*connection_,
                "UPDATE wallets SET api_key = ?, api_secret_sealed = ?, api_passphrase_sealed = ?, "
                "api_credentials_at = ? WHERE id = ?",
                {api_key, secret_sealed, passphrase_sealed, to_unix_ms(at), wallet_id}),
        "set_wallet_api_credentials");
    if (changed == 0) return core::Error{"not_found", "no wallet '" + wallet_id + "'"};
    return {};
  });
}

}  // namespace polycopy::store::sql
