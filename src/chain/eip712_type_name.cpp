#include "chain/eip712_type_name.hpp"

#include <charconv>

namespace polycopy::chain::detail {
namespace {

core::Error invalid(std::string_view type, std::string_view why) {
  return {"invalid_type", "type '" + std::string(type) + "': " + std::string(why)};
}

// Digits after a prefix ("256" of "uint256"); nullopt if absent or not all digits.
std::optional<int> suffix_number(std::string_view digits) {
  if (digits.empty() || digits.size() > 3 || digits[0] == '0') return std::nullopt;
  int n = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return n;
}

// "uint256" is built in, "Interest" or "uint" (no size) is a struct name to look up.
bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

core::Result<TypeName> parse_type_name(std::string_view type) {
  TypeName out;
  if (!type.empty() && type.back() == ']') {
    const auto open = type.rfind('[');
    if (open == std::string_view::npos || open == 0) return invalid(type, "bad array brackets");
    const auto inside = type.substr(open + 1, type.size() - open - 2);
    if (!inside.empty()) {
      std::size_t len = 0;
      auto [end, ec] = std::from_chars(inside.data(), inside.data() + inside.size(), len);
      if (ec != std::errc() || end != inside.data() + inside.size())
        return invalid(type, "array length is not a number");
      out.array_length = len;
    }
    out.kind = TypeKind::array;
    out.element = std::string(type.substr(0, open));
    return out;
  }
  if (type == "bool")
    out.kind = TypeKind::boolean;
  else if (type == "address")
    out.kind = TypeKind::address;
  else if (type == "string")
    out.kind = TypeKind::string;
  else if (type == "bytes")
    out.kind = TypeKind::bytes;
  else if ((type.starts_with("uint") && all_digits(type.substr(4))) ||
           (type.starts_with("int") && all_digits(type.substr(3)))) {
    const bool is_unsigned = type[0] == 'u';
    const auto bits = suffix_number(type.substr(is_unsigned ? 4 : 3));
    if (!bits || *bits % 8 != 0 || *bits > 256) return invalid(type, "bits must be 8..256, step 8");
    out.kind = is_unsigned ? TypeKind::uint : TypeKind::int_;
    out.size = *bits;
  } else if (type.starts_with("bytes") && all_digits(type.substr(5))) {
    const auto n = suffix_number(type.substr(5));
    if (!n || *n > 32) return invalid(type, "bytesN needs 1 <= N <= 32");
    out.kind = TypeKind::fixed_bytes;
    out.size = *n;
  }
  return out;
}

}  // namespace polycopy::chain::detail
