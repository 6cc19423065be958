#pragma once
// Fixed-point money: USD, shares and prices as int64 micro-units (6 decimals, as on chain).
// No double ever holds money. Parsing is exact; arithmetic is checked (overflow is an error).
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace polycopy::core {

enum class Rounding { down, up, nearest };  // down/up: toward -inf/+inf; nearest: half away from 0

inline constexpr std::int64_t kMicrosPerUnit = 1'000'000;

// Parses a decimal string ("0.55", "-3", "1e-3", "55.000001", "+.5", "2E+2") into micro-units.
// Digits beyond the sixth decimal are an error (code "too_precise") unless a rounding is given;
// trailing zeros are exact ("0.550000000" is fine).
// Grammar: [+-] (digits [. digits] | . digits) [(e|E) [+-] digits], nothing else: no
// whitespace, no "0x", "nan" or "inf". "1." is refused (as in JSON): a dot must be followed
// by a digit, so a truncated "1.5" is never read as 1. Leading zeros ("007") are accepted.
// "-0" is 0. Huge exponents are safe: "1e999999999999" is "overflow", "0e99999" is 0.
// The range is that of int64 micros: -9223372036854.775808 .. 9223372036854.775807.
// Errors: "invalid_decimal", "too_precise", "overflow".
Result<std::int64_t> parse_micros(std::string_view text);
Result<std::int64_t> parse_micros(std::string_view text, Rounding rounding);
// Exact, shortest decimal form: 550000 -> "0.55", 3000000 -> "3", -1 -> "-0.000001".
std::string format_micros(std::int64_t micros);
// Checked helpers shared by the fixed-point types; they throw Failure{"overflow"}.
std::int64_t checked_add(std::int64_t a, std::int64_t b);
std::int64_t checked_sub(std::int64_t a, std::int64_t b);
// a * b / divisor with a 128-bit intermediate, rounded as asked; divisor > 0 (else throws
// Failure{"invalid_argument"}; so does round_to_multiple with increment <= 0).
std::int64_t mul_div(std::int64_t a, std::int64_t b, std::int64_t divisor, Rounding rounding);
// Rounds micros to a multiple of increment (> 0).
std::int64_t round_to_multiple(std::int64_t micros, std::int64_t increment, Rounding rounding);

// A 6-decimal fixed-point quantity; Tag keeps USD, shares and prices from mixing.
template <class Tag>
class Fixed {
 public:
  constexpr Fixed() = default;
  static constexpr Fixed from_micros(std::int64_t micros) { return Fixed(micros); }
  static Result<Fixed> parse(std::string_view text) { return wrap(parse_micros(text)); }
  static Result<Fixed> parse(std::string_view text, Rounding rounding) {
    return wrap(parse_micros(text, rounding));
  }

  constexpr std::int64_t micros() const { return micros_; }
  std::string to_string() const { return format_micros(micros_); }
  constexpr bool is_zero() const { return micros_ == 0; }
  constexpr bool is_negative() const { return micros_ < 0; }

  Fixed round_to(Fixed increment, Rounding rounding) const {
    return Fixed(round_to_multiple(micros_, increment.micros_, rounding));
  }

  Fixed operator+(Fixed other) const { return Fixed(checked_add(micros_, other.micros_)); }
  Fixed operator-(Fixed other) const { return Fixed(checked_sub(micros_, other.micros_)); }
  Fixed operator-() const { return Fixed(checked_sub(0, micros_)); }
  Fixed& operator+=(Fixed other) { return *this = *this + other; }
  Fixed& operator-=(Fixed other) { return *this = *this - other; }
  constexpr auto operator<=>(const Fixed&) const = default;

 private:
  constexpr explicit Fixed(std::int64_t micros) : micros_(micros) {}
  static Result<Fixed> wrap(Result<std::int64_t> r) {
    if (!r) return r.error();
    return Fixed(*r);
  }
  std::int64_t micros_ = 0;
};

struct UsdTag {};
struct SharesTag {};
struct RatioTag {};
using Usd = Fixed<UsdTag>;
using Shares = Fixed<SharesTag>;
// A signed dimensionless 6-decimal number: percentages as fractions (0.003 = 0.3 %),
// edges in probability points, conviction multiples, Kelly fractions.
using Ratio = Fixed<RatioTag>;

// A probability in [0, 1] with 6 decimals. parse() refuses values outside with
// "price_out_of_range".
class Price {
 public:
  constexpr Price() = default;
  static Result<Price> from_micros(std::int64_t micros);
  static Result<Price> parse(std::string_view text);
  static Result<Price> parse(std::string_view text, Rounding rounding);
  static constexpr Price one() { return Price(kMicrosPerUnit); }

  constexpr std::int64_t micros() const { return micros_; }
  std::string to_string() const { return format_micros(micros_); }
  // Rounds to a tick (e.g. 0.01) and keeps the result inside [0, 1]: with a tick that does
  // not divide 1, a result past 1 becomes the highest tick multiple <= 1. A zero tick throws
  // Failure{"invalid_tick"}.
  Price round_to(Price tick, Rounding rounding) const;
  constexpr auto operator<=>(const Price&) const = default;

 private:
  constexpr explicit Price(std::int64_t micros) : micros_(micros) {}
  std::int64_t micros_ = 0;
};

// Units never mix: shares x price = USD; USD / price = shares.
Usd notional(Shares shares, Price price, Rounding rounding);
// price > 0, else throws Failure{"invalid_price"}.
Shares shares_for(Usd usd, Price price, Rounding rounding);
// Cents: rounds USD to 0.01.
Usd round_to_cent(Usd usd, Rounding rounding);

}  // namespace polycopy::core
