#pragma once
// Strict readers for the fields of the CLI's stdin JSON contracts (sign-order, l1-headers,
// l2-headers). Numbers may be given as strings. Error messages name the field, never its
// value (it may be a key or a secret).
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "chain/bytes.hpp"
#include "chain/uint256.hpp"
#include "core/error.hpp"
#include "polymarket/orders/order.hpp"

namespace polycopy::polymarket::json_fields {

// Parses text into an object. Errors: "invalid_json" (also when not an object).
core::Result<nlohmann::json> parse_object(std::string_view text);
// Errors: "unknown_field" for a key in neither allowed list.
core::Status check_keys(const nlohmann::json& object,
                        std::initializer_list<std::string_view> allowed,
                        std::initializer_list<std::string_view> also_allowed = {});

// A present, non-null member or nullptr.
const nlohmann::json* find(const nlohmann::json& object, std::string_view name);
core::Error missing(std::string_view name);
core::Error wrong_type(std::string_view name, std::string_view expected);

// Each reader: nullopt value when absent/null and not required ("missing_field" if required).
core::Result<std::optional<std::string>> string_field(const nlohmann::json& o,
                                                      std::string_view name, bool required);
// The same readers for required fields (plain values).
core::Result<std::string> required_string(const nlohmann::json& o, std::string_view name);
core::Result<std::string> required_js_number(const nlohmann::json& o, std::string_view name);
core::Result<std::optional<bool>> bool_field(const nlohmann::json& o, std::string_view name);
// Non-negative integer (number or decimal string) below 2^64; bound is inclusive.
core::Result<std::optional<std::uint64_t>> u64_field(const nlohmann::json& o, std::string_view name,
                                                     bool required, std::uint64_t max = UINT64_MAX);
core::Result<std::optional<chain::Uint256>> uint256_field(const nlohmann::json& o,
                                                          std::string_view name, bool required);
// A required uint256 that the body repeats as written: a string must be its canonical
// decimal (no leading zeros). Errors: "missing_field", "wrong_type", "non_canonical".
core::Result<chain::Uint256> echoed_uint256_field(const nlohmann::json& o, std::string_view name);
// A JSON number printed as JavaScript prints it, or a string taken as is.
core::Result<std::optional<std::string>> js_number_field(const nlohmann::json& o,
                                                         std::string_view name, bool required);
// "0x" + 64 lower-case hex digits (the body repeats the text as written).
core::Result<std::optional<chain::Bytes32>> bytes32_field(const nlohmann::json& o,
                                                          std::string_view name);
// An address as viem accepts it: "0x" + 40 hex, all lower case or valid EIP-55.
// Errors: "invalid_address".
core::Result<WireAddress> parse_wire_address(std::string_view text, std::string_view name);

}  // namespace polycopy::polymarket::json_fields
