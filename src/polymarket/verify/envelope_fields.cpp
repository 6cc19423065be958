#include "polymarket/verify/envelope_fields.hpp"

#include <limits>

#include "chain/address.hpp"
#include "chain/hex.hpp"
#include "polymarket/orders/json_fields.hpp"

namespace polycopy::polymarket::envelope {
namespace {

bool is_canonical_decimal(std::string_view text) {
  if (text.empty() || (text.size() > 1 && text.front() == '0')) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Only the "0x" spelling: the clients never send "0X", and parse_hex would accept it.
bool has_hex_prefix(std::string_view text) {
  return text.starts_with("0x");
}

}  // namespace

core::Error invalid_payload(std::string message) {
  return core::Error{"invalid_payload", std::move(message)};
}

bool ObjectReader::has(std::string_view name) const {
  return object_.contains(name);
}

core::Error ObjectReader::invalid(std::string_view name, std::string_view must_be) const {
  return invalid_payload("field '" + path_ + std::string(name) + "' must be " +
                         std::string(must_be));
}

core::Status ObjectReader::member(std::string_view name, const nlohmann::json*& out) const {
  const auto it = object_.find(name);
  if (it == object_.end())
    return invalid_payload("missing field '" + path_ + std::string(name) + "'");
  out = &*it;
  return {};
}

core::Status ObjectReader::object(std::string_view name, const nlohmann::json*& out) const {
  if (auto found = member(name, out); !found) return found;
  if (!out->is_object()) return invalid(name, "a JSON object");
  return {};
}

core::Status ObjectReader::boolean(std::string_view name, bool& out) const {
  const nlohmann::json* v = nullptr;
  if (auto found = member(name, v); !found) return found;
  if (!v->is_boolean()) return invalid(name, "true or false");
  out = v->get<bool>();
  return {};
}

core::Status ObjectReader::string(std::string_view name, std::string& out) const {
  const nlohmann::json* v = nullptr;
  if (auto found = member(name, v); !found) return found;
  if (!v->is_string()) return invalid(name, "a string");
  out = v->get<std::string>();
  return {};
}

core::Status ObjectReader::json_uint(std::string_view name, std::uint64_t max,
                                     std::uint64_t& out) const {
  const nlohmann::json* v = nullptr;
  if (auto found = member(name, v); !found) return found;
  const std::string expected = "a JSON integer from 0 to " + std::to_string(max);
  // nlohmann keeps non-negative integer literals unsigned; "-0", fractions and exponents
  // land in the other number kinds, which the clients never send.
  if (!v->is_number_unsigned()) return invalid(name, expected);
  const auto value = v->get<std::uint64_t>();
  if (value > max) return invalid(name, expected);
  out = value;
  return {};
}

core::Status ObjectReader::decimal_text(std::string_view name, chain::Uint256& out) const {
  const nlohmann::json* v = nullptr;
  if (auto found = member(name, v); !found) return found;
  const core::Error bad =
      invalid(name, "a string holding a canonical decimal uint256 (digits, no leading zeros)");
  if (!v->is_string()) return bad;
  const auto& text = v->get_ref<const std::string&>();
  if (!is_canonical_decimal(text)) return bad;
  const auto parsed = chain::Uint256::parse_decimal(text);
  if (!parsed) return bad;  // beyond 2^256 - 1
  out = *parsed;
  return {};
}

core::Status ObjectReader::decimal(std::string_view name, chain::Uint256& out) const {
  return decimal_text(name, out);
}

core::Status ObjectReader::decimal(std::string_view name, std::uint64_t& out) const {
  chain::Uint256 value;
  if (auto read = decimal_text(name, value); !read) return read;
  const auto small = value.to_u64();
  if (!small) return invalid(name, "a decimal below 2^64");
  out = *small;
  return {};
}

core::Status ObjectReader::decimal(std::string_view name, std::int64_t& out) const {
  std::uint64_t value = 0;
  if (auto read = decimal(name, value); !read) return read;
  if (value > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
    return invalid(name, "a decimal below 2^63");
  out = static_cast<std::int64_t>(value);
  return {};
}

core::Status ObjectReader::wire_address(std::string_view name, WireAddress& out) const {
  std::string text;
  if (auto read = string(name, text); !read) return read;
  const auto parsed = json_fields::parse_wire_address(text, path_ + std::string(name));
  if (!parsed) return invalid(name, "an address: 0x + 40 hex digits, lower case or EIP-55");
  out = *parsed;
  return {};
}

core::Status ObjectReader::address(std::string_view name, chain::Address& out) const {
  std::string text;
  if (auto read = string(name, text); !read) return read;
  const auto parsed = chain::parse_address(text);
  if (!has_hex_prefix(text) || !parsed) return invalid(name, "an address: 0x + 40 hex digits");
  out = *parsed;
  return {};
}

core::Status ObjectReader::bytes32(std::string_view name, chain::Bytes32& out) const {
  std::string text;
  if (auto read = string(name, text); !read) return read;
  const auto parsed = chain::parse_bytes32(text);
  if (!has_hex_prefix(text) || !parsed) return invalid(name, "0x + 64 hex digits");
  out = *parsed;
  return {};
}

core::Status ObjectReader::hex_string(std::string_view name, std::string& out) const {
  std::string text;
  if (auto read = string(name, text); !read) return read;
  if (!has_hex_prefix(text) || !chain::parse_hex(text)) {
    return invalid(name, "0x + an even number of hex digits");
  }
  out = std::move(text);
  return {};
}

}  // namespace polycopy::polymarket::envelope
