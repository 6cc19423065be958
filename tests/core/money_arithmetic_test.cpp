// Checked arithmetic, unit conversions and the Price range.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

#include "core/money.hpp"

namespace polycopy::core {
namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

// Runs fn and returns the code of the Failure it throws ("" when it does not throw).
template <class Fn>
std::string failure_code(Fn fn) {
  try {
    fn();
  } catch (const Failure& failure) {
    return failure.error().code;
  }
  return "";
}

TEST(CheckedArithmetic, AddsAndSubtractsInRange) {
  EXPECT_EQ(checked_add(kMax - 1, 1), kMax);
  EXPECT_EQ(checked_sub(kMin + 1, 1), kMin);
  EXPECT_EQ(checked_add(-5, 3), -2);
}

TEST(CheckedArithmetic, OverflowIsAnError) {
  EXPECT_EQ(failure_code([] { checked_add(kMax, 1); }), "overflow");
  EXPECT_EQ(failure_code([] { checked_add(kMin, -1); }), "overflow");
  EXPECT_EQ(failure_code([] { checked_sub(kMin, 1); }), "overflow");
  EXPECT_EQ(failure_code([] { checked_sub(0, kMin); }), "overflow");
  EXPECT_EQ(failure_code([] { mul_div(kMax, 2, 1, Rounding::down); }), "overflow");
  EXPECT_EQ(failure_code([] { mul_div(kMin, -1, 1, Rounding::down); }), "overflow");
  EXPECT_EQ(failure_code([] { round_to_multiple(kMax, 10, Rounding::up); }), "overflow");
  // The 128-bit intermediate keeps a large product exact when the quotient fits.
  EXPECT_EQ(mul_div(kMax, kMax, kMax, Rounding::down), kMax);
}

TEST(CheckedArithmetic, BadDivisorIsAnError) {
  EXPECT_EQ(failure_code([] { mul_div(1, 1, 0, Rounding::down); }), "invalid_argument");
  EXPECT_EQ(failure_code([] { mul_div(1, 1, -3, Rounding::down); }), "invalid_argument");
  EXPECT_EQ(failure_code([] { round_to_multiple(1, 0, Rounding::down); }), "invalid_argument");
}

TEST(FixedOperators, AreChecked) {
  const auto big = Usd::from_micros(kMax);
  const auto one = Usd::from_micros(1);
  EXPECT_EQ(failure_code([&] { (void)(big + one); }), "overflow");
  EXPECT_EQ(failure_code([&] { (void)(-big - one - one); }), "overflow");
  EXPECT_EQ(failure_code([] { (void)(-Usd::from_micros(kMin)); }), "overflow");
  auto total = *Usd::parse("1.5");
  total += *Usd::parse("2.25");
  total -= *Usd::parse("0.75");
  EXPECT_EQ(total.to_string(), "3");
  EXPECT_LT(*Usd::parse("-1"), Usd{});
  EXPECT_TRUE((-total).is_negative());
  EXPECT_TRUE((total - total).is_zero());
}

TEST(Units, NotionalIsSharesTimesPrice) {
  const auto shares = *Shares::parse("10.5");
  const auto price = *Price::parse("0.55");
  EXPECT_EQ(notional(shares, price, Rounding::down).to_string(), "5.775");
  // 0.000001 shares at 0.5 is half a micro-dollar.
  const auto dust = Shares::from_micros(1);
  const auto half = *Price::parse("0.5");
  EXPECT_EQ(notional(dust, half, Rounding::down).micros(), 0);
  EXPECT_EQ(notional(dust, half, Rounding::up).micros(), 1);
  EXPECT_EQ(notional(dust, half, Rounding::nearest).micros(), 1);
}

TEST(Units, SharesForIsUsdOverPrice) {
  const auto usd = *Usd::parse("10");
  const auto price = *Price::parse("0.3");
  EXPECT_EQ(shares_for(usd, price, Rounding::down).to_string(), "33.333333");
  EXPECT_EQ(shares_for(usd, price, Rounding::up).to_string(), "33.333334");
  EXPECT_EQ(shares_for(usd, Price::one(), Rounding::down).to_string(), "10");
  EXPECT_EQ(failure_code([&] { shares_for(usd, Price{}, Rounding::down); }), "invalid_price");
}

TEST(PriceRange, AcceptsZeroToOne) {
  EXPECT_EQ(Price::parse("0").value().micros(), 0);
  EXPECT_EQ(Price::parse("1").value(), Price::one());
  EXPECT_EQ(Price::parse("0.999999").value().micros(), 999'999);
  EXPECT_EQ(Price::from_micros(1'000'000).value(), Price::one());
}

TEST(PriceRange, RefusesOutside) {
  EXPECT_EQ(Price::parse("1.000001").error().code, "price_out_of_range");
  EXPECT_EQ(Price::parse("-0.01").error().code, "price_out_of_range");
  EXPECT_EQ(Price::parse("55").error().code, "price_out_of_range");
  EXPECT_EQ(Price::from_micros(-1).error().code, "price_out_of_range");
  EXPECT_EQ(Price::from_micros(1'000'001).error().code, "price_out_of_range");
  // Parse errors come through unchanged.
  EXPECT_EQ(Price::parse("0.5x").error().code, "invalid_decimal");
  EXPECT_EQ(Price::parse("0.5555555").error().code, "too_precise");
  EXPECT_EQ(Price::parse("0.5555555", Rounding::down).value().micros(), 555'555);
  EXPECT_EQ(Price::parse("1.0000001", Rounding::up).error().code, "price_out_of_range");
}

}  // namespace
}  // namespace polycopy::core
