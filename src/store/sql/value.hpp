#pragma once
// Values that cross the SQL boundary: every column is an int64, a text or NULL, so the same
// code runs on SQLite and PostgreSQL (money is micro-units, time is unix milliseconds).
// A plain class rather than std::variant: GCC 12 reports false "maybe-uninitialized"
// errors on moved variants holding a string.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace polycopy::store::sql {

class Value {
 public:
  enum class Kind { null, integer, text };

  Value() = default;
  Value(std::nullptr_t) {}  // NOLINT(google-explicit-constructor)
  Value(std::int64_t integer) : kind_(Kind::integer), integer_(integer) {}  // NOLINT
  Value(int integer) : Value(std::int64_t{integer}) {}                      // NOLINT
  Value(std::string text) : kind_(Kind::text), text_(std::move(text)) {}    // NOLINT
  Value(std::string_view text) : Value(std::string(text)) {}                // NOLINT
  Value(const char* text) : Value(std::string(text)) {}                     // NOLINT
  Value(bool) = delete;  // booleans are stored as 0/1: convert explicitly

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::null; }
  bool is_integer() const { return kind_ == Kind::integer; }
  bool is_text() const { return kind_ == Kind::text; }
  std::int64_t integer() const { return integer_; }
  const std::string& text() const { return text_; }

  bool operator==(const Value&) const = default;

 private:
  Kind kind_ = Kind::null;
  std::int64_t integer_ = 0;
  std::string text_;
};

using Row = std::vector<Value>;
using Params = std::vector<Value>;

inline Value null_value() {
  return {};
}

// NULL when absent.
template <class T>
Value optional_value(const std::optional<T>& value) {
  if (!value) return {};
  return Value(*value);
}

}  // namespace polycopy::store::sql
