// JSON numbers are never read as doubles into money: a float is printed in its shortest
// round-trip form (what the JSON text most likely said) and that decimal is parsed exactly.
#include "core/json_money.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace polycopy::core {
namespace {

Error overflow() {
  return Error{"overflow", "JSON number out of range for 6-decimal fixed point"};
}

Result<std::int64_t> from_float(double value) {
  if (!std::isfinite(value)) return Error{"invalid_decimal", "JSON number is not finite"};
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (ec != std::errc{}) return Error{"invalid_decimal", "JSON number could not be formatted"};
  return parse_micros(std::string_view(buffer, static_cast<std::size_t>(end - buffer)));
}

Result<std::int64_t> from_integer(std::int64_t value) {
  std::int64_t micros = 0;
  if (__builtin_mul_overflow(value, kMicrosPerUnit, &micros)) return overflow();
  return micros;
}

}  // namespace

Result<std::int64_t> micros_from_json(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::string:
      return parse_micros(value.get_ref<const std::string&>());
    case nlohmann::json::value_t::number_integer:
      return from_integer(value.get<std::int64_t>());
    case nlohmann::json::value_t::number_unsigned: {
      const auto unsigned_value = value.get<std::uint64_t>();
      if (unsigned_value > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        return overflow();
      }
      return from_integer(static_cast<std::int64_t>(unsigned_value));
    }
    case nlohmann::json::value_t::number_float:
      return from_float(value.get<double>());
    default:
      return Error{"wrong_type",
                   std::string("expected a decimal string or number, got ") + value.type_name()};
  }
}

Result<Usd> usd_from_json(const nlohmann::json& value) {
  const auto micros = micros_from_json(value);
  if (!micros) return micros.error();
  return Usd::from_micros(*micros);
}

Result<Shares> shares_from_json(const nlohmann::json& value) {
  const auto micros = micros_from_json(value);
  if (!micros) return micros.error();
  return Shares::from_micros(*micros);
}

Result<Price> price_from_json(const nlohmann::json& value) {
  const auto micros = micros_from_json(value);
  if (!micros) return micros.error();
  return Price::from_micros(*micros);
}

}  // namespace polycopy::core
