// Formatting and checked arithmetic of 6-decimal fixed-point money.
#include "core/money.hpp"

#include <cstdint>
#include <limits>
#include <string>

namespace polycopy::core {
namespace {

constexpr std::int64_t kCent = 10'000;  // 0.01 in micros

[[noreturn]] void throw_overflow(const char* what) {
  throw Failure("overflow", std::string(what) + " overflows 6-decimal fixed point");
}

std::int64_t narrow(__int128 value, const char* what) {
  if (value > std::numeric_limits<std::int64_t>::max() ||
      value < std::numeric_limits<std::int64_t>::min()) {
    throw_overflow(what);
  }
  return static_cast<std::int64_t>(value);
}

// numerator / divisor (divisor > 0) rounded as asked, in 128 bits.
__int128 divide(__int128 numerator, __int128 divisor, Rounding rounding) {
  __int128 quotient = numerator / divisor;  // truncates toward zero
  const __int128 remainder = numerator % divisor;
  if (remainder == 0) return quotient;
  switch (rounding) {
    case Rounding::down:
      if (numerator < 0) --quotient;
      break;
    case Rounding::up:
      if (numerator > 0) ++quotient;
      break;
    case Rounding::nearest: {
      const __int128 twice = 2 * (remainder < 0 ? -remainder : remainder);
      if (twice >= divisor) quotient += numerator < 0 ? -1 : 1;
      break;
    }
  }
  return quotient;
}

}  // namespace

std::string format_micros(std::int64_t micros) {
  // Work on the unsigned magnitude so that INT64_MIN formats too.
  const bool negative = micros < 0;
  const std::uint64_t magnitude =
      negative ? 0 - static_cast<std::uint64_t>(micros) : static_cast<std::uint64_t>(micros);
  std::string out = negative ? "-" : "";
  out += std::to_string(magnitude / kMicrosPerUnit);
  std::uint64_t fraction = magnitude % kMicrosPerUnit;
  if (fraction != 0) {
    std::string digits = std::to_string(fraction);
    digits.insert(0, 6 - digits.size(), '0');
    digits.erase(digits.find_last_not_of('0') + 1);
    out += '.';
    out += digits;
  }
  return out;
}

std::int64_t checked_add(std::int64_t a, std::int64_t b) {
  std::int64_t sum = 0;
  if (__builtin_add_overflow(a, b, &sum)) throw_overflow("addition");
  return sum;
}

std::int64_t checked_sub(std::int64_t a, std::int64_t b) {
  std::int64_t difference = 0;
  if (__builtin_sub_overflow(a, b, &difference)) throw_overflow("subtraction");
  return difference;
}

std::int64_t mul_div(std::int64_t a, std::int64_t b, std::int64_t divisor, Rounding rounding) {
  if (divisor <= 0) throw Failure("invalid_argument", "mul_div needs a positive divisor");
  // |a * b| < 2^126, so the product always fits in 128 bits.
  const __int128 product = static_cast<__int128>(a) * b;
  return narrow(divide(product, divisor, rounding), "multiplication");
}

std::int64_t round_to_multiple(std::int64_t micros, std::int64_t increment, Rounding rounding) {
  if (increment <= 0) throw Failure("invalid_argument", "rounding increment must be positive");
  return narrow(divide(micros, increment, rounding) * increment, "rounding");
}

Result<Price> Price::from_micros(std::int64_t micros) {
  if (micros < 0 || micros > kMicrosPerUnit) {
    return Error{"price_out_of_range", "price " + format_micros(micros) + " is outside [0, 1]"};
  }
  return Price(micros);
}

Result<Price> Price::parse(std::string_view text) {
  const auto micros = parse_micros(text);
  if (!micros) return micros.error();
  return from_micros(*micros);
}

Result<Price> Price::parse(std::string_view text, Rounding rounding) {
  const auto micros = parse_micros(text, rounding);
  if (!micros) return micros.error();
  return from_micros(*micros);
}

Price Price::round_to(Price tick, Rounding rounding) const {
  if (tick.micros_ <= 0) throw Failure("invalid_tick", "a price tick must be positive");
  std::int64_t rounded = round_to_multiple(micros_, tick.micros_, rounding);
  // A tick that does not divide 1 could round up past 1: fall back to the highest tick <= 1.
  if (rounded > kMicrosPerUnit) rounded = kMicrosPerUnit / tick.micros_ * tick.micros_;
  return Price(rounded);
}

Usd notional(Shares shares, Price price, Rounding rounding) {
  return Usd::from_micros(mul_div(shares.micros(), price.micros(), kMicrosPerUnit, rounding));
}

Shares shares_for(Usd usd, Price price, Rounding rounding) {
  if (price.micros() <= 0) throw Failure("invalid_price", "cannot size shares at a zero price");
  return Shares::from_micros(mul_div(usd.micros(), kMicrosPerUnit, price.micros(), rounding));
}

Usd round_to_cent(Usd usd, Rounding rounding) {
  return Usd::from_micros(round_to_multiple(usd.micros(), kCent, rounding));
}

}  // namespace polycopy::core
