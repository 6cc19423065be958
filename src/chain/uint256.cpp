#include "chain/uint256.hpp"

#include <algorithm>
#include <array>

#include "chain/hex.hpp"

namespace polycopy::chain {
namespace {

// Little-endian 64-bit limbs: the working form for multiply/divide by small numbers.
using Limbs = std::array<std::uint64_t, 4>;

Limbs to_limbs(const Bytes32& w) {
  Limbs limbs{};
  for (int i = 0; i < 32; ++i) limbs[3 - i / 8] = (limbs[3 - i / 8] << 8) | w.bytes[i];
  return limbs;
}

Bytes32 from_limbs(const Limbs& limbs) {
  Bytes32 w;
  for (int i = 0; i < 32; ++i)
    w.bytes[i] = static_cast<std::uint8_t>(limbs[3 - i / 8] >> (8 * (7 - i % 8)));
  return w;
}

// limbs = limbs * mul + add; false on overflow past 256 bits.
bool mul_add(Limbs& limbs, std::uint64_t mul, std::uint64_t add) {
  unsigned __int128 carry = add;
  for (auto& limb : limbs) {
    const unsigned __int128 v = static_cast<unsigned __int128>(limb) * mul + carry;
    limb = static_cast<std::uint64_t>(v);
    carry = v >> 64;
  }
  return carry == 0;
}

// limbs /= div; returns the remainder.
std::uint64_t div_mod(Limbs& limbs, std::uint64_t div) {
  unsigned __int128 rem = 0;
  for (int i = 3; i >= 0; --i) {
    const unsigned __int128 cur = (rem << 64) | limbs[i];
    limbs[i] = static_cast<std::uint64_t>(cur / div);
    rem = cur % div;
  }
  return static_cast<std::uint64_t>(rem);
}

bool all_zero(const Limbs& limbs) {
  return std::all_of(limbs.begin(), limbs.end(), [](std::uint64_t l) { return l == 0; });
}

core::Error invalid(std::string message) {
  return {"invalid_uint256", std::move(message)};
}
core::Error overflow() {
  return {"uint256_overflow", "value does not fit in 256 bits"};
}

}  // namespace

core::Result<Uint256> Uint256::parse_decimal(std::string_view text) {
  if (text.empty()) return invalid("empty decimal number");
  Limbs limbs{};
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c < '0' || c > '9')
      return invalid("decimal number has a non-digit at position " + std::to_string(i));
    if (!mul_add(limbs, 10, static_cast<std::uint64_t>(c - '0'))) return overflow();
  }
  return from_word(from_limbs(limbs));
}

core::Result<Uint256> Uint256::parse_hex(std::string_view text) {
  if (text.size() < 2 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X'))
    return invalid("hex number must start with 0x");
  text.remove_prefix(2);
  if (text.empty()) return invalid("hex number has no digits");
  Limbs limbs{};
  for (std::size_t i = 0; i < text.size(); ++i) {
    const int d = detail::hex_digit_value(text[i]);
    if (d < 0) return invalid("hex number has a bad digit at position " + std::to_string(i + 2));
    if (!mul_add(limbs, 16, static_cast<std::uint64_t>(d))) return overflow();
  }
  return from_word(from_limbs(limbs));
}

core::Result<Uint256> Uint256::parse(std::string_view text) {
  if (text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
    return parse_hex(text);
  return parse_decimal(text);
}

std::string Uint256::to_decimal() const {
  Limbs limbs = to_limbs(word_);
  std::string out;
  do {
    out.push_back(static_cast<char>('0' + div_mod(limbs, 10)));
  } while (!all_zero(limbs));
  std::reverse(out.begin(), out.end());
  return out;
}

std::string Uint256::to_hex() const {
  const std::string full = chain::to_hex(word_);  // "0x" + 64 digits
  const auto first = full.find_first_not_of('0', 2);
  return first == std::string::npos ? "0x0" : "0x" + full.substr(first);
}

int Uint256::bit_length() const {
  for (int i = 0; i < 32; ++i) {
    if (word_.bytes[i] == 0) continue;
    int bits = 0;
    for (unsigned b = word_.bytes[i]; b != 0; b >>= 1) ++bits;
    return (31 - i) * 8 + bits;
  }
  return 0;
}

std::optional<std::uint64_t> Uint256::to_u64() const {
  if (bit_length() > 64) return std::nullopt;
  return to_limbs(word_)[0];
}

}  // namespace polycopy::chain
