#include "chain/eip712_encode.hpp"

#include <bit>
#include <nlohmann/json.hpp>

#include "chain/abi_word.hpp"
#include "chain/address.hpp"
#include "chain/eip712_type_name.hpp"
#include "chain/hex.hpp"
#include "chain/keccak.hpp"

namespace polycopy::chain {
namespace {

using nlohmann::json;

core::Error bad_value(const std::string& path, std::string_view why) {
  return {"invalid_eip712_value", path + ": " + std::string(why)};
}

// Two's complement negation of a 256-bit word.
Bytes32 negate(Bytes32 w) {
  unsigned carry = 1;
  for (int i = 31; i >= 0; --i) {
    const unsigned v = static_cast<std::uint8_t>(~w.bytes[i]) + carry;
    w.bytes[i] = static_cast<std::uint8_t>(v);
    carry = v >> 8;
  }
  return w;
}

bool single_bit(const Bytes32& w) {
  int count = 0;
  for (auto b : w.bytes) count += std::popcount(b);
  return count == 1;
}

core::Result<Bytes32> encode_uint(const json& v, int bits, const std::string& path) {
  Uint256 n;
  if (v.is_number_unsigned()) {
    n = Uint256(v.get<std::uint64_t>());
  } else if (v.is_number_integer()) {
    const auto i = v.get<std::int64_t>();
    if (i < 0) return bad_value(path, "negative value for an unsigned type");
    n = Uint256(static_cast<std::uint64_t>(i));
  } else if (v.is_string()) {
    auto parsed = Uint256::parse(v.get_ref<const std::string&>());
    if (!parsed) return bad_value(path, parsed.error().message);
    n = *parsed;
  } else {
    return bad_value(path, "expected an integer number or a decimal/0x string");
  }
  if (n.bit_length() > bits)
    return bad_value(path, "value does not fit in uint" + std::to_string(bits));
  return n.word();
}

core::Result<Bytes32> encode_int(const json& v, int bits, const std::string& path) {
  bool negative = false;
  Uint256 magnitude;
  if (v.is_number_unsigned()) {
    magnitude = Uint256(v.get<std::uint64_t>());
  } else if (v.is_number_integer()) {
    const auto i = v.get<std::int64_t>();
    negative = i < 0;
    magnitude =
        Uint256(negative ? 0 - static_cast<std::uint64_t>(i) : static_cast<std::uint64_t>(i));
  } else if (v.is_string()) {
    std::string_view text = v.get_ref<const std::string&>();
    negative = text.starts_with('-');
    if (negative) text.remove_prefix(1);
    auto parsed = Uint256::parse_decimal(text);
    if (!parsed) return bad_value(path, parsed.error().message);
    magnitude = *parsed;
  } else {
    return bad_value(path, "expected an integer number or a decimal string");
  }
  // Fits when |v| < 2^(bits-1), or when v is exactly -2^(bits-1) (a single set bit).
  const int len = magnitude.bit_length();
  const bool fits = len < bits || (negative && len == bits && single_bit(magnitude.word()));
  if (!fits) return bad_value(path, "value does not fit in int" + std::to_string(bits));
  return negative ? negate(magnitude.word()) : magnitude.word();
}

core::Result<Bytes32> encode_value(const Eip712Types& types, const std::string& type, const json& v,
                                   const std::string& path);

core::Result<Bytes> encode_struct(const Eip712Types& types, const std::string& name, const json& v,
                                  const std::string& path) {
  const auto it = types.find(name);
  if (it == types.end())
    return core::Error{"invalid_eip712_type", "type '" + name + "' is not defined"};
  if (!v.is_object()) return bad_value(path, "expected an object for struct " + name);
  auto type_hash = eip712_type_hash(types, name);
  if (!type_hash) return type_hash.error();
  Bytes out(type_hash->bytes.begin(), type_hash->bytes.end());
  out.reserve(32 * (1 + it->second.size()));
  for (const auto& field : it->second) {
    const std::string field_path = path + "." + field.name;
    const auto member = v.find(field.name);
    if (member == v.end()) return bad_value(field_path, "missing");
    auto word = encode_value(types, field.type, *member, field_path);
    if (!word) return word.error();
    out.insert(out.end(), word->bytes.begin(), word->bytes.end());
  }
  return out;
}

core::Result<Bytes32> encode_value(const Eip712Types& types, const std::string& type, const json& v,
                                   const std::string& path) {
  if (types.contains(type)) {
    auto encoded = encode_struct(types, type, v, path);
    if (!encoded) return encoded.error();
    return keccak256(*encoded);
  }
  auto parsed = detail::parse_type_name(type);
  if (!parsed) return core::Error{"invalid_eip712_type", parsed.error().message};
  using detail::TypeKind;
  switch (parsed->kind) {
    case TypeKind::uint:
      return encode_uint(v, parsed->size, path);
    case TypeKind::int_:
      return encode_int(v, parsed->size, path);
    case TypeKind::boolean:
      if (!v.is_boolean()) return bad_value(path, "expected true or false");
      return abi_word_bool(v.get<bool>());
    case TypeKind::address: {
      if (!v.is_string()) return bad_value(path, "expected an address string");
      auto address = parse_address(v.get_ref<const std::string&>());
      if (!address) return bad_value(path, address.error().message);
      return abi_word(*address);
    }
    case TypeKind::fixed_bytes: {
      if (!v.is_string()) return bad_value(path, "expected a 0x hex string");
      auto bytes = parse_hex(v.get_ref<const std::string&>());
      if (!bytes) return bad_value(path, bytes.error().message);
      if (bytes->size() != static_cast<std::size_t>(parsed->size))
        return bad_value(path, "expected exactly " + std::to_string(parsed->size) + " bytes");
      Bytes32 word;  // right-padded
      std::copy(bytes->begin(), bytes->end(), word.bytes.begin());
      return word;
    }
    case TypeKind::string:
      if (!v.is_string()) return bad_value(path, "expected a string");
      return keccak256(std::string_view(v.get_ref<const std::string&>()));
    case TypeKind::bytes: {
      if (!v.is_string()) return bad_value(path, "expected a 0x hex string");
      auto bytes = parse_hex(v.get_ref<const std::string&>());
      if (!bytes) return bad_value(path, bytes.error().message);
      return keccak256(*bytes);
    }
    case TypeKind::array: {
      if (!v.is_array()) return bad_value(path, "expected an array");
      if (parsed->array_length && v.size() != *parsed->array_length)
        return bad_value(path, "expected " + std::to_string(*parsed->array_length) + " elements");
      Bytes concat;
      concat.reserve(32 * v.size());
      for (std::size_t i = 0; i < v.size(); ++i) {
        auto word =
            encode_value(types, parsed->element, v[i], path + "[" + std::to_string(i) + "]");
        if (!word) return word.error();
        concat.insert(concat.end(), word->bytes.begin(), word->bytes.end());
      }
      return keccak256(concat);
    }
    case TypeKind::other:
      break;
  }
  return core::Error{"invalid_eip712_type", path + ": unknown type '" + type + "'"};
}

}  // namespace

core::Result<Bytes> eip712_encode_data(const Eip712Types& types, std::string_view primary,
                                       const nlohmann::json& value) {
  // encodeType validates every type reachable from primary before any value is read.
  if (auto encoded = eip712_encode_type(types, primary); !encoded) return encoded.error();
  return encode_struct(types, std::string(primary), value, std::string(primary));
}

core::Result<Bytes32> eip712_hash_struct(const Eip712Types& types, std::string_view primary,
                                         const nlohmann::json& value) {
  auto encoded = eip712_encode_data(types, primary, value);
  if (!encoded) return encoded.error();
  return keccak256(*encoded);
}

}  // namespace polycopy::chain
