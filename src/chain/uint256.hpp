#pragma once
// An unsigned 256-bit integer held as 32 big-endian bytes (the EVM word layout), for token
// ids, amounts and other uint256 fields. Parsing and formatting only: no arithmetic.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "chain/bytes.hpp"
#include "core/error.hpp"

namespace polycopy::chain {

class Uint256 {
 public:
  constexpr Uint256() = default;
  constexpr explicit Uint256(std::uint64_t value) {
    for (int i = 0; i < 8; ++i) word_.bytes[31 - i] = static_cast<std::uint8_t>(value >> (8 * i));
  }
  static constexpr Uint256 from_word(const Bytes32& word) {
    Uint256 out;
    out.word_ = word;
    return out;
  }

  // Decimal digits only (no sign, no spaces, no "0x"; leading zeros allowed), up to 2^256-1.
  // Errors: "invalid_uint256" (empty, non-digit), "uint256_overflow".
  static core::Result<Uint256> parse_decimal(std::string_view text);
  // "0x" + 1..64 hex digits (odd counts fine: "0x1"). Errors: "invalid_uint256",
  // "uint256_overflow" (more than 64 significant digits).
  static core::Result<Uint256> parse_hex(std::string_view text);
  // "0x..." as hex, anything else as decimal.
  static core::Result<Uint256> parse(std::string_view text);

  const Bytes32& word() const { return word_; }  // big-endian, as ABI-encoded
  std::string to_decimal() const;
  std::string to_hex() const;  // "0x" + minimal lower-case digits; zero is "0x0"
  bool is_zero() const { return word_.is_zero(); }
  int bit_length() const;                       // 0 for zero
  std::optional<std::uint64_t> to_u64() const;  // nullopt when it does not fit

  // Big-endian bytes compare like the numbers they hold.
  constexpr auto operator<=>(const Uint256&) const = default;

 private:
  Bytes32 word_;
};

}  // namespace polycopy::chain
