#pragma once
// A minimal SQL connection: prepare / bind / step over int64, text and NULL values, plus
// transactions. SQLite implements it now and PostgreSQL later; statements use `?` placeholders.
// Not thread-safe: the owner serialises access.
#include <memory>
#include <string_view>

#include "core/error.hpp"
#include "store/sql/value.hpp"

namespace polycopy::store::sql {

using core::Result;
using core::Status;

class Statement {
 public:
  virtual ~Statement() = default;
  // index is 1-based, as in SQL placeholders.
  virtual Status bind(int index, const Value& value) = 0;
  // True while a row is available; false when done.
  virtual Result<bool> step() = 0;
  virtual int column_count() const = 0;
  // index is 0-based.
  virtual Value column(int index) const = 0;
};

// Read transactions may share the database; write transactions take the write lock up front
// (SQLite BEGIN IMMEDIATE) so they never fail half-way on a lock upgrade.
enum class TransactionMode { read, write };

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Result<std::unique_ptr<Statement>> prepare(std::string_view sql) = 0;
  // Runs several ';'-separated statements without parameters (migrations).
  virtual Status execute_script(std::string_view sql) = 0;
  virtual Status begin(TransactionMode mode) = 0;
  virtual Status commit() = 0;
  virtual Status rollback() = 0;
  // Rows inserted, updated or deleted by the last finished statement.
  virtual std::int64_t changes() const = 0;
  virtual Result<bool> table_exists(std::string_view table) = 0;
};

}  // namespace polycopy::store::sql
