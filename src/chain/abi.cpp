#include "chain/abi.hpp"

#include <algorithm>

#include "chain/abi_word.hpp"
#include "chain/eip712_type_name.hpp"
#include "chain/keccak.hpp"

namespace polycopy::chain {
namespace {

core::Error encode_error(std::string message) {
  return {"abi_encode_error", std::move(message)};
}
core::Error decode_error(std::string message) {
  return {"abi_decode_error", std::move(message)};
}

void append(Bytes& out, const Bytes32& word) {
  out.insert(out.end(), word.bytes.begin(), word.bytes.end());
}

bool is_dynamic(const AbiValue& v) {
  return !std::holds_alternative<Uint256>(v) && !std::holds_alternative<Address>(v) &&
         !std::holds_alternative<bool>(v) && !std::holds_alternative<Bytes32>(v);
}

// Length word, then the bytes right-padded to a multiple of 32.
void append_padded(Bytes& out, std::string_view data) {
  append(out, abi_word_u64(data.size()));
  out.insert(out.end(), data.begin(), data.end());
  out.resize(out.size() + (32 - data.size() % 32) % 32, 0);
}

template <class T>
void append_array(Bytes& out, const std::vector<T>& items) {
  append(out, abi_word_u64(items.size()));
  for (const auto& item : items) append(out, abi_word(item));
}

void append_tail(Bytes& out, const AbiValue& v) {
  if (const auto* b = std::get_if<Bytes>(&v))
    append_padded(out, std::string_view(reinterpret_cast<const char*>(b->data()), b->size()));
  else if (const auto* s = std::get_if<std::string>(&v))
    append_padded(out, *s);
  else if (const auto* u = std::get_if<std::vector<Uint256>>(&v))
    append_array(out, *u);
  else if (const auto* w = std::get_if<std::vector<Bytes32>>(&v))
    append_array(out, *w);
  else if (const auto* a = std::get_if<std::vector<Address>>(&v))
    append_array(out, *a);
}

Bytes32 head_word(const AbiValue& v) {
  if (const auto* u = std::get_if<Uint256>(&v)) return abi_word(*u);
  if (const auto* a = std::get_if<Address>(&v)) return abi_word(*a);
  if (const auto* b = std::get_if<bool>(&v)) return abi_word_bool(*b);
  return std::get<Bytes32>(v);
}

// The parameter types of "name(t1,t2,...)"; tuples are refused.
core::Result<std::vector<std::string>> parameter_types(std::string_view signature) {
  const auto open = signature.find('(');
  if (open == std::string_view::npos || open == 0 || !signature.ends_with(')'))
    return encode_error("signature must look like name(type,...)");
  std::string_view params = signature.substr(open + 1, signature.size() - open - 2);
  if (params.find_first_of("() ") != std::string_view::npos)
    return encode_error("tuple parameters and spaces are not supported");
  std::vector<std::string> types;
  while (!params.empty()) {
    const auto comma = params.find(',');
    types.emplace_back(params.substr(0, comma));
    if (types.back().empty()) return encode_error("empty parameter type");
    if (comma == std::string_view::npos) break;
    params.remove_prefix(comma + 1);
    if (params.empty()) return encode_error("trailing comma");
  }
  return types;
}

bool uint_fits(const Uint256& v, int bits) {
  return v.bit_length() <= bits;
}

// True when value may be passed for the ABI type.
bool matches(const std::string& type, const AbiValue& value) {
  auto parsed = detail::parse_type_name(type);
  if (!parsed) return false;
  using detail::TypeKind;
  switch (parsed->kind) {
    case TypeKind::uint:
      return std::holds_alternative<Uint256>(value) &&
             uint_fits(std::get<Uint256>(value), parsed->size);
    case TypeKind::address:
      return std::holds_alternative<Address>(value);
    case TypeKind::boolean:
      return std::holds_alternative<bool>(value);
    case TypeKind::fixed_bytes: {
      const auto* w = std::get_if<Bytes32>(&value);
      return w && std::all_of(w->bytes.begin() + parsed->size, w->bytes.end(),
                              [](std::uint8_t b) { return b == 0; });
    }
    case TypeKind::bytes:
      return std::holds_alternative<Bytes>(value);
    case TypeKind::string:
      return std::holds_alternative<std::string>(value);
    case TypeKind::array: {
      if (parsed->array_length) return false;  // fixed-size arrays: not needed so far
      auto element = detail::parse_type_name(parsed->element);
      if (!element) return false;
      if (element->kind == TypeKind::uint) {
        const auto* items = std::get_if<std::vector<Uint256>>(&value);
        return items && std::all_of(items->begin(), items->end(),
                                    [&](const Uint256& v) { return uint_fits(v, element->size); });
      }
      if (parsed->element == "bytes32") return std::holds_alternative<std::vector<Bytes32>>(value);
      if (parsed->element == "address") return std::holds_alternative<std::vector<Address>>(value);
      return false;
    }
    case TypeKind::int_:
    case TypeKind::other:
      return false;
  }
  return false;
}

}  // namespace

Bytes4 function_selector(std::string_view signature) {
  const Bytes32 hash = keccak256(signature);
  Bytes4 out;
  std::copy_n(hash.bytes.begin(), 4, out.bytes.begin());
  return out;
}

Bytes abi_encode(std::span<const AbiValue> values) {
  Bytes head;
  Bytes tail;
  head.reserve(32 * values.size());
  for (const auto& v : values) {
    if (is_dynamic(v)) {
      append(head, abi_word_u64(32 * values.size() + tail.size()));
      append_tail(tail, v);
    } else {
      append(head, head_word(v));
    }
  }
  head.insert(head.end(), tail.begin(), tail.end());
  return head;
}

core::Result<Bytes> abi_encode_call(std::string_view signature, std::span<const AbiValue> args) {
  auto types = parameter_types(signature);
  if (!types) return types.error();
  if (types->size() != args.size())
    return encode_error(std::string(signature) + " takes " + std::to_string(types->size()) +
                        " arguments, got " + std::to_string(args.size()));
  for (std::size_t i = 0; i < args.size(); ++i)
    if (!matches((*types)[i], args[i]))
      return encode_error("argument " + std::to_string(i) + " does not fit type " + (*types)[i]);
  const Bytes4 selector = function_selector(signature);
  Bytes out(selector.bytes.begin(), selector.bytes.end());
  const Bytes encoded = abi_encode(args);
  out.insert(out.end(), encoded.begin(), encoded.end());
  return out;
}

core::Result<Bytes32> AbiDecoder::word_at(std::size_t offset) const {
  if (offset > data_.size() || data_.size() - offset < 32)
    return decode_error("data too short: need 32 bytes at offset " + std::to_string(offset) +
                        ", have " + std::to_string(data_.size()));
  Bytes32 w;
  std::copy_n(data_.begin() + static_cast<std::ptrdiff_t>(offset), 32, w.bytes.begin());
  return w;
}

core::Result<Bytes32> AbiDecoder::word(std::size_t slot) const {
  if (slot > data_.size() / 32)
    return decode_error("slot " + std::to_string(slot) + " is past the data");
  return word_at(slot * 32);
}

core::Result<Uint256> AbiDecoder::uint256(std::size_t slot) const {
  auto w = word(slot);
  if (!w) return w.error();
  return Uint256::from_word(*w);
}

core::Result<bool> AbiDecoder::boolean(std::size_t slot) const {
  auto v = uint256(slot);
  if (!v) return v.error();
  if (*v > Uint256(1))
    return decode_error("bool in slot " + std::to_string(slot) + " is not 0 or 1");
  return !v->is_zero();
}

core::Result<Address> AbiDecoder::address(std::size_t slot) const {
  auto w = word(slot);
  if (!w) return w.error();
  if (!std::all_of(w->bytes.begin(), w->bytes.begin() + 12, [](std::uint8_t b) { return b == 0; }))
    return decode_error("address in slot " + std::to_string(slot) + " has non-zero high bytes");
  Address a;
  std::copy(w->bytes.begin() + 12, w->bytes.end(), a.bytes.begin());
  return a;
}

core::Result<std::pair<std::size_t, std::size_t>> AbiDecoder::dynamic(std::size_t slot,
                                                                      std::size_t unit) const {
  auto offset_value = uint256(slot);
  if (!offset_value) return offset_value.error();
  const auto offset = offset_value->to_u64();
  if (!offset || *offset > data_.size())
    return decode_error("offset in slot " + std::to_string(slot) + " is past the data");
  auto length_value = word_at(*offset);
  if (!length_value) return length_value.error();
  const auto length = Uint256::from_word(*length_value).to_u64();
  const std::size_t room = data_.size() - *offset - 32;
  if (!length || *length > room / unit)
    return decode_error("length of the value in slot " + std::to_string(slot) +
                        " runs past the data");
  return std::pair<std::size_t, std::size_t>{*offset + 32, *length};
}

core::Result<std::vector<Uint256>> AbiDecoder::uint256_array(std::size_t slot) const {
  auto where = dynamic(slot, 32);
  if (!where) return where.error();
  std::vector<Uint256> out;
  out.reserve(where->second);
  for (std::size_t i = 0; i < where->second; ++i)
    out.push_back(Uint256::from_word(word_at(where->first + 32 * i).value()));
  return out;
}

core::Result<Bytes> AbiDecoder::bytes(std::size_t slot) const {
  auto where = dynamic(slot, 1);
  if (!where) return where.error();
  const auto begin = data_.begin() + static_cast<std::ptrdiff_t>(where->first);
  return Bytes(begin, begin + static_cast<std::ptrdiff_t>(where->second));
}

}  // namespace polycopy::chain
