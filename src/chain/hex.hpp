#pragma once
// Hex text <-> bytes. Parsing is strict: only [0-9a-fA-F], even length, no whitespace.
// Error messages never repeat the input (it may be a secret key): they say what and where.
#include <string>
#include <string_view>

#include "chain/bytes.hpp"
#include "core/error.hpp"

namespace polycopy::chain {

enum class HexPrefix {
  required,  // "0x" or "0X" must lead
  optional,  // "0x" accepted, bare hex too
};

// Errors: "invalid_hex" (missing prefix, odd length, bad digit).
core::Result<Bytes> parse_hex(std::string_view text, HexPrefix prefix = HexPrefix::required);

// Exactly N bytes (2N hex digits). Errors: "invalid_hex" (also for a wrong length).
core::Result<Bytes32> parse_bytes32(std::string_view text, HexPrefix prefix = HexPrefix::required);

// "0x" + lower-case hex; "0x" for no bytes.
std::string to_hex(ByteView bytes);
template <std::size_t N>
std::string to_hex(const FixedBytes<N>& value) {
  return to_hex(value.view());
}

namespace detail {
// Parses exactly out.size() bytes; shared by the fixed-size parsers.
core::Status parse_hex_into(std::string_view text, HexPrefix prefix, std::span<std::uint8_t> out);
// Value of a hex digit, or -1.
int hex_digit_value(char c);
}  // namespace detail

}  // namespace polycopy::chain
