#pragma once
// Reads a result row column by column, in SELECT order. A column of an unexpected type means
// the schema and the code disagree: it throws core::Failure("db_error"), which the transaction
// helper turns back into an error value.
#include <cstdint>
#include <optional>
#include <string>

#include "store/sql/value.hpp"

namespace polycopy::store::sql {

class RowReader {
 public:
  explicit RowReader(const Row& row) : row_(row) {}

  std::int64_t int64();
  std::string text();
  bool boolean();
  std::optional<std::int64_t> optional_int64();
  std::optional<std::string> optional_text();

 private:
  const Value& next();
  const Row& row_;
  std::size_t index_ = 0;
};

}  // namespace polycopy::store::sql
