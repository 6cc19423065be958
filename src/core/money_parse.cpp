// Exact decimal-string parsing into micro-units. The text is split into a sign, a digit
// string and a decimal exponent; the value is then built from the digits alone, so no
// floating point and no unbounded arithmetic is involved whatever the input.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "core/money.hpp"

namespace polycopy::core {
namespace {

// Exponents are clamped here: any value this large already decides the outcome
// (overflow, or every digit dropped), and clamping keeps the arithmetic free of UB.
constexpr std::int64_t kExponentClamp = 1'000'000'000;
constexpr int kDecimals = 6;
constexpr std::size_t kMaxInt64Digits = 19;
constexpr std::size_t kQuoteLimit = 40;

struct Decimal {
  bool negative = false;
  std::string digits;      // significant digits, no leading zeros ("" means zero)
  std::int64_t scale = 0;  // value = digits * 10^scale
};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::string quote(std::string_view text) {
  if (text.size() <= kQuoteLimit) return "'" + std::string(text) + "'";
  return "'" + std::string(text.substr(0, kQuoteLimit)) + "...'";
}

Error invalid(std::string_view text) {
  return Error{"invalid_decimal", "not a decimal number: " + quote(text)};
}

Error overflow(std::string_view text) {
  return Error{"overflow", "number out of range for 6-decimal fixed point: " + quote(text)};
}

// Grammar: [+-] (digits [. digits] | . digits) [(e|E) [+-] digits]. No whitespace.
std::optional<Decimal> split(std::string_view text) {
  Decimal d;
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    d.negative = text[i] == '-';
    ++i;
  }
  std::string all_digits;
  std::size_t int_digits = 0;
  while (i < text.size() && is_digit(text[i])) {
    all_digits += text[i++];
    ++int_digits;
  }
  std::size_t frac_digits = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && is_digit(text[i])) {
      all_digits += text[i++];
      ++frac_digits;
    }
    if (frac_digits == 0) return std::nullopt;  // "1." and "." are refused
  }
  if (int_digits + frac_digits == 0) return std::nullopt;

  std::int64_t exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exponent_negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
      exponent_negative = text[i] == '-';
      ++i;
    }
    if (i == text.size() || !is_digit(text[i])) return std::nullopt;
    while (i < text.size() && is_digit(text[i])) {
      if (exponent < kExponentClamp) exponent = exponent * 10 + (text[i] - '0');
      ++i;
    }
    if (exponent_negative) exponent = -exponent;
  }
  if (i != text.size()) return std::nullopt;

  const std::size_t first_significant = all_digits.find_first_not_of('0');
  if (first_significant != std::string::npos) d.digits = all_digits.substr(first_significant);
  // frac_digits is bounded by the input size, far below int64 range.
  d.scale = exponent - static_cast<std::int64_t>(frac_digits);
  return d;
}

unsigned __int128 to_u128(std::string_view digits) {
  unsigned __int128 v = 0;
  for (char c : digits) v = v * 10 + static_cast<unsigned>(c - '0');
  return v;
}

// Whether the dropped tail moves the magnitude one unit away from zero.
bool rounds_away(bool negative, std::string_view dropped, bool dropped_has_leading_zero,
                 Rounding rounding) {
  switch (rounding) {
    case Rounding::down:
      return negative;
    case Rounding::up:
      return !negative;
    case Rounding::nearest:
      // Half away from zero: the tail is >= one half exactly when its first digit is >= 5.
      return !dropped_has_leading_zero && !dropped.empty() && dropped.front() >= '5';
  }
  return false;
}

Result<std::int64_t> to_micros(std::string_view text, const Decimal& d,
                               std::optional<Rounding> rounding) {
  if (d.digits.empty()) return std::int64_t{0};  // "-0", "0e999999", "0.000"
  const std::int64_t shift = d.scale + kDecimals;

  unsigned __int128 magnitude = 0;
  if (shift >= 0) {
    if (d.digits.size() + static_cast<std::size_t>(std::min<std::int64_t>(shift, 64)) >
        kMaxInt64Digits + 1) {
      return overflow(text);
    }
    magnitude = to_u128(d.digits);
    for (std::int64_t k = 0; k < shift; ++k) magnitude *= 10;
  } else {
    const std::size_t drop = static_cast<std::size_t>(-shift);
    const std::size_t keep = drop >= d.digits.size() ? 0 : d.digits.size() - drop;
    const std::string_view kept = std::string_view(d.digits).substr(0, keep);
    const std::string_view dropped = std::string_view(d.digits).substr(keep);
    // d.digits has no trailing-zero trimming, so check the tail for any non-zero digit.
    const bool exact = dropped.find_first_not_of('0') == std::string_view::npos;
    if (kept.size() > kMaxInt64Digits) return overflow(text);
    magnitude = to_u128(kept);
    if (!exact) {
      if (!rounding) {
        return Error{"too_precise", "more than 6 decimals: " + quote(text)};
      }
      if (rounds_away(d.negative, dropped, drop > d.digits.size(), *rounding)) ++magnitude;
    }
  }

  constexpr auto kMax = static_cast<unsigned __int128>(std::numeric_limits<std::int64_t>::max());
  if (d.negative) {
    if (magnitude > kMax + 1) return overflow(text);
    // Negate in 128 bits: -(2^63) is representable in int64 but its magnitude is not.
    return static_cast<std::int64_t>(-static_cast<__int128>(magnitude));
  }
  if (magnitude > kMax) return overflow(text);
  return static_cast<std::int64_t>(magnitude);
}

Result<std::int64_t> parse(std::string_view text, std::optional<Rounding> rounding) {
  const auto decimal = split(text);
  if (!decimal) return invalid(text);
  return to_micros(text, *decimal, rounding);
}

}  // namespace

Result<std::int64_t> parse_micros(std::string_view text) {
  return parse(text, std::nullopt);
}

Result<std::int64_t> parse_micros(std::string_view text, Rounding rounding) {
  return parse(text, rounding);
}

}  // namespace polycopy::core
