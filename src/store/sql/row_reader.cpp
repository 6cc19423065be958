#include "store/sql/row_reader.hpp"

#include "core/error.hpp"

namespace polycopy::store::sql {
namespace {

[[noreturn]] void type_mismatch(std::size_t index, std::string_view expected) {
  throw core::Failure("db_error", "column " + std::to_string(index) + " is not " +
                                      std::string(expected) + " as the schema requires");
}

}  // namespace

const Value& RowReader::next() {
  if (index_ >= row_.size())
    throw core::Failure("db_error", "row has only " + std::to_string(row_.size()) + " columns");
  return row_[index_++];
}

std::int64_t RowReader::int64() {
  const Value& value = next();
  if (value.is_integer()) return value.integer();
  type_mismatch(index_ - 1, "an integer");
}

std::string RowReader::text() {
  const Value& value = next();
  if (value.is_text()) return value.text();
  type_mismatch(index_ - 1, "a text");
}

bool RowReader::boolean() {
  const std::int64_t number = int64();
  if (number != 0 && number != 1) type_mismatch(index_ - 1, "a boolean (0 or 1)");
  return number == 1;
}

std::optional<std::int64_t> RowReader::optional_int64() {
  if (index_ < row_.size() && row_[index_].is_null()) {
    ++index_;
    return std::nullopt;
  }
  return int64();
}

std::optional<std::string> RowReader::optional_text() {
  if (index_ < row_.size() && row_[index_].is_null()) {
    ++index_;
    return std::nullopt;
  }
  return text();
}

}  // namespace polycopy::store::sql
