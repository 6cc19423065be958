#pragma once
// The Store port. Backends (SQLite now, PostgreSQL later) implement it; nothing here names
// a database library. Every call is one transaction. Callers supply ids and timestamps.
// Errors carry codes: "not_found", "conflict" (unique key), "constraint_violation",
// "foreign_key", "db_error", "migration_failed".
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/records.hpp"

namespace polycopy::store {

using core::Result;
using core::Status;

struct MigrationInfo {
  int version;
  std::string name;
};

class Store {
 public:
  virtual ~Store() = default;

  // Applies pending migrations in order, each in its own transaction; re-running is a no-op.
  virtual Result<std::vector<MigrationInfo>> migrate() = 0;  // returns those applied now
  virtual Result<int> schema_version() = 0;
  // The newest migration this binary knows.
  virtual int latest_schema_version() const = 0;

  // Users and API keys.
  virtual Status insert_user(const User& user) = 0;
  virtual Result<std::optional<User>> find_user_by_name(const std::string& name) = 0;
  virtual Status insert_api_key(const ApiKey& key) = 0;
  // The user owning a live (not revoked) key with this hash.
  virtual Result<std::optional<User>> find_user_by_api_key_hash(const std::string& key_hash) = 0;

  // Wallets, scoped to their owner.
  virtual Status insert_wallet(const Wallet& wallet) = 0;
  virtual Result<std::optional<Wallet>> get_wallet(const std::string& user_id,
                                                   const std::string& id) = 0;

  // FT strategies, always scoped to their owner: another user's id reads as absent.
  virtual Status insert_ft_strategy(const FtStrategy& strategy) = 0;
  virtual Result<std::vector<FtStrategy>> list_ft_strategies(const std::string& user_id) = 0;
  virtual Result<std::optional<FtStrategy>> get_ft_strategy(const std::string& user_id,
                                                            const std::string& id) = 0;
  // Replaces params and paused/updated_at of an existing row ("not_found" otherwise).
  virtual Status update_ft_strategy(const FtStrategy& strategy) = 0;

  // LT strategies (with their risk rules), scoped the same way.
  virtual Status insert_lt_strategy(const LtStrategy& strategy) = 0;
  virtual Result<std::vector<LtStrategy>> list_lt_strategies(const std::string& user_id) = 0;
  virtual Result<std::optional<LtStrategy>> get_lt_strategy(const std::string& user_id,
                                                            const std::string& id) = 0;
  virtual Status update_lt_strategy(const LtStrategy& strategy) = 0;
};

// Opens (creating if needed) a SQLite database file; does not migrate.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path);

}  // namespace polycopy::store
