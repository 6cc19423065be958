#include "chain/hex.hpp"

namespace polycopy::chain {
namespace {

core::Error hex_error(std::string message) {
  return core::Error{"invalid_hex", std::move(message)};
}

// Removes a leading "0x"; false when it is required and missing.
bool strip_prefix(std::string_view& text, HexPrefix prefix) {
  const bool has = text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
  if (has) text.remove_prefix(2);
  return has || prefix == HexPrefix::optional;
}

core::Status decode(std::string_view digits, std::uint8_t* out) {
  for (std::size_t i = 0; i < digits.size(); i += 2) {
    const int hi = detail::hex_digit_value(digits[i]);
    const int lo = detail::hex_digit_value(digits[i + 1]);
    if (hi < 0 || lo < 0)
      return hex_error("invalid hex digit at position " + std::to_string(hi < 0 ? i : i + 1));
    out[i / 2] = static_cast<std::uint8_t>(hi * 16 + lo);
  }
  return {};
}

}  // namespace

int detail::hex_digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

core::Status detail::parse_hex_into(std::string_view text, HexPrefix prefix,
                                    std::span<std::uint8_t> out) {
  if (!strip_prefix(text, prefix)) return hex_error("hex must start with 0x");
  if (text.size() != out.size() * 2)
    return hex_error("expected " + std::to_string(out.size()) + " bytes (" +
                     std::to_string(out.size() * 2) + " hex digits), got " +
                     std::to_string(text.size()) + " digits");
  return decode(text, out.data());
}

core::Result<Bytes> parse_hex(std::string_view text, HexPrefix prefix) {
  if (!strip_prefix(text, prefix)) return hex_error("hex must start with 0x");
  if (text.size() % 2 != 0)
    return hex_error("odd number of hex digits (" + std::to_string(text.size()) + ")");
  Bytes out(text.size() / 2);
  if (auto st = decode(text, out.data()); !st) return st.error();
  return out;
}

core::Result<Bytes32> parse_bytes32(std::string_view text, HexPrefix prefix) {
  Bytes32 out;
  if (auto st = detail::parse_hex_into(text, prefix, out.bytes); !st) return st.error();
  return out;
}

std::string to_hex(ByteView bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(2 + bytes.size() * 2, '0');
  out[1] = 'x';
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    out[2 + 2 * i] = kDigits[bytes[i] >> 4];
    out[3 + 2 * i] = kDigits[bytes[i] & 0x0f];
  }
  return out;
}

}  // namespace polycopy::chain
