#pragma once
// Money and ratio columns: BIGINT micro-units, NULL for an unset optional.
#include <optional>

#include "core/error.hpp"
#include "core/money.hpp"
#include "store/sql/value.hpp"

namespace polycopy::store::sql {

template <class Tag>
Value micros_value(core::Fixed<Tag> amount) {
  return amount.micros();
}
inline Value micros_value(core::Price price) {
  return price.micros();
}

template <class T>
Value micros_value(const std::optional<T>& amount) {
  if (!amount) return {};
  return micros_value(*amount);
}

template <class Fixed>
std::optional<Fixed> optional_fixed(std::optional<std::int64_t> micros) {
  if (!micros) return std::nullopt;
  return Fixed::from_micros(*micros);
}

// A stored price outside [0, 1] is corrupt data: "db_error".
inline core::Price price_column(std::int64_t micros) {
  auto price = core::Price::from_micros(micros);
  if (!price)
    throw core::Failure("db_error",
                        "stored price " + std::to_string(micros) + " micros is invalid");
  return *price;
}

}  // namespace polycopy::store::sql
