#include "polymarket/orders/json_fields.hpp"

#include <algorithm>
#include <cmath>

#include "chain/address.hpp"
#include "chain/hex.hpp"
#include "polymarket/orders/js_number.hpp"

namespace polycopy::polymarket::json_fields {

core::Result<nlohmann::json> parse_object(std::string_view text) {
  nlohmann::json value = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return core::Error{"invalid_json", "input is not valid JSON"};
  if (!value.is_object()) return core::Error{"invalid_json", "input must be a JSON object"};
  return value;
}

core::Status check_keys(const nlohmann::json& object,
                        std::initializer_list<std::string_view> allowed,
                        std::initializer_list<std::string_view> also_allowed) {
  for (const auto& [key, value] : object.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end() &&
        std::find(also_allowed.begin(), also_allowed.end(), key) == also_allowed.end()) {
      return core::Error{"unknown_field", "unknown field '" + key + "'"};
    }
  }
  return {};
}

const nlohmann::json* find(const nlohmann::json& object, std::string_view name) {
  const auto it = object.find(name);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

core::Error missing(std::string_view name) {
  return {"missing_field", "missing field '" + std::string(name) + "'"};
}

core::Error wrong_type(std::string_view name, std::string_view expected) {
  return {"wrong_type", "field '" + std::string(name) + "' must be " + std::string(expected)};
}

core::Result<std::optional<std::string>> string_field(const nlohmann::json& o,
                                                      std::string_view name, bool required) {
  const auto* v = find(o, name);
  if (v == nullptr) {
    if (required) return missing(name);
    return std::optional<std::string>{};
  }
  if (!v->is_string()) return wrong_type(name, "a string");
  return std::optional<std::string>(v->get<std::string>());
}

core::Result<std::string> required_string(const nlohmann::json& o, std::string_view name) {
  const auto* v = find(o, name);
  if (v == nullptr) return missing(name);
  if (!v->is_string()) return wrong_type(name, "a string");
  return v->get<std::string>();
}

core::Result<std::string> required_js_number(const nlohmann::json& o, std::string_view name) {
  const auto* v = find(o, name);
  if (v == nullptr) return missing(name);
  if (v->is_string()) return v->get<std::string>();
  if (v->is_number()) return js::number_to_string(v->get<double>());
  return wrong_type(name, "a number");
}

core::Result<std::optional<bool>> bool_field(const nlohmann::json& o, std::string_view name) {
  const auto* v = find(o, name);
  if (v == nullptr) return std::optional<bool>{};
  if (!v->is_boolean()) return wrong_type(name, "true or false");
  return std::optional<bool>(v->get<bool>());
}

core::Result<std::optional<std::uint64_t>> u64_field(const nlohmann::json& o, std::string_view name,
                                                     bool required, std::uint64_t max) {
  const auto* v = find(o, name);
  if (v == nullptr) {
    if (required) return missing(name);
    return std::optional<std::uint64_t>{};
  }
  const std::string expected = "a non-negative integer up to " + std::to_string(max);
  std::uint64_t value = 0;
  if (v->is_number_unsigned()) {
    value = v->get<std::uint64_t>();
  } else if (v->is_number_float()) {
    // 1e3 is an integer to JavaScript; fractions and values past 2^53 are not exact.
    const double d = v->get<double>();
    if (!(d >= 0 && d <= 9007199254740991.0 && std::trunc(d) == d))
      return wrong_type(name, expected);
    value = static_cast<std::uint64_t>(d);
  } else if (v->is_string()) {
    const auto parsed = chain::Uint256::parse_decimal(v->get_ref<const std::string&>());
    if (!parsed || !parsed->to_u64()) return wrong_type(name, expected);
    value = *parsed->to_u64();
  } else {
    return wrong_type(name, expected);
  }
  if (value > max) return wrong_type(name, expected);
  return std::optional<std::uint64_t>(value);
}

core::Result<std::optional<chain::Uint256>> uint256_field(const nlohmann::json& o,
                                                          std::string_view name, bool required) {
  const auto* v = find(o, name);
  if (v == nullptr) {
    if (required) return missing(name);
    return std::optional<chain::Uint256>{};
  }
  if (v->is_number_unsigned())
    return std::optional<chain::Uint256>(chain::Uint256(v->get<std::uint64_t>()));
  if (v->is_string()) {
    const auto& text = v->get_ref<const std::string&>();
    const auto parsed = chain::Uint256::parse_decimal(text);
    if (parsed) return std::optional<chain::Uint256>(*parsed);
  }
  return wrong_type(name, "a decimal uint256 (string or integer)");
}

core::Result<chain::Uint256> echoed_uint256_field(const nlohmann::json& o, std::string_view name) {
  const auto value = uint256_field(o, name, true);
  if (!value) return value.error();
  const auto* v = find(o, name);
  // The client copies the text into the body: only the canonical form matches ours.
  if (v->is_string() && v->get_ref<const std::string&>() != (*value)->to_decimal())
    return core::Error{"non_canonical",
                       "field '" + std::string(name) + "' must be written without leading zeros"};
  return **value;
}

core::Result<std::optional<std::string>> js_number_field(const nlohmann::json& o,
                                                         std::string_view name, bool required) {
  const auto* v = find(o, name);
  if (v == nullptr) {
    if (required) return missing(name);
    return std::optional<std::string>{};
  }
  if (v->is_string()) return std::optional<std::string>(v->get<std::string>());
  if (v->is_number()) return std::optional<std::string>(js::number_to_string(v->get<double>()));
  return wrong_type(name, "a number");
}

core::Result<std::optional<chain::Bytes32>> bytes32_field(const nlohmann::json& o,
                                                          std::string_view name) {
  const auto* v = find(o, name);
  if (v == nullptr) return std::optional<chain::Bytes32>{};
  if (v->is_string()) {
    const auto& text = v->get_ref<const std::string&>();
    const auto parsed = chain::parse_bytes32(text);
    // The client copies the text into the body: only the lower-case form matches ours.
    if (parsed && text == chain::to_hex(*parsed)) return std::optional<chain::Bytes32>(*parsed);
  }
  return wrong_type(name, "\"0x\" + 64 lower-case hex digits");
}

core::Result<WireAddress> parse_wire_address(std::string_view text, std::string_view name) {
  const core::Error bad{"invalid_address", "field '" + std::string(name) +
                                               "' must be an address: 0x + 40 hex digits, "
                                               "lower case or EIP-55 checksummed"};
  if (!text.starts_with("0x")) return bad;
  const auto parsed = chain::parse_address(text);
  if (!parsed) return bad;
  if (text == chain::to_hex(*parsed)) return WireAddress{*parsed, false};
  if (text == chain::to_checksum_address(*parsed)) return WireAddress{*parsed, true};
  return bad;  // e.g. all upper case: viem's strict isAddress refuses it too
}

}  // namespace polycopy::polymarket::json_fields
