// Rounding tables: down = toward -inf, up = toward +inf, nearest = half away from zero.
#include <gtest/gtest.h>

#include <ostream>

#include <cstdint>
#include <limits>

#include "core/money.hpp"

namespace polycopy::core {
namespace {

struct ParseRounding {
  const char* text;
  std::int64_t down;
  std::int64_t up;
  std::int64_t nearest;
};

void PrintTo(const ParseRounding& row, std::ostream* os) {
  *os << row.text;
}

const ParseRounding kParseRounding[] = {
    {"0.0000001", 0, 1, 0},
    {"0.0000005", 0, 1, 1},  // a tie goes away from zero
    {"0.0000004999", 0, 1, 0},
    {"0.0000009", 0, 1, 1},
    {"-0.0000001", -1, 0, 0},
    {"-0.0000005", -1, 0, -1},
    {"-0.0000004999", -1, 0, 0},
    {"1.2345675", 1'234'567, 1'234'568, 1'234'568},
    {"-1.2345675", -1'234'568, -1'234'567, -1'234'568},
    {"2.000000", 2'000'000, 2'000'000, 2'000'000},  // exact input is never moved
    {"1e-7", 0, 1, 0},
    {"5e-7", 0, 1, 1},
    {"1e-30", 0, 1, 0},
    {"9223372036854.7758069", 9'223'372'036'854'775'806, 9'223'372'036'854'775'807,
     9'223'372'036'854'775'807},
};

class ParseRoundingTest : public ::testing::TestWithParam<ParseRounding> {};

TEST_P(ParseRoundingTest, RoundsExtraDigitsAsAsked) {
  const auto& row = GetParam();
  EXPECT_EQ(*parse_micros(row.text, Rounding::down), row.down) << row.text;
  EXPECT_EQ(*parse_micros(row.text, Rounding::up), row.up) << row.text;
  EXPECT_EQ(*parse_micros(row.text, Rounding::nearest), row.nearest) << row.text;
}

INSTANTIATE_TEST_SUITE_P(Decimal, ParseRoundingTest, ::testing::ValuesIn(kParseRounding));

TEST(ParseRounding, RoundingUpPastTheMaximumOverflows) {
  EXPECT_EQ(parse_micros("9223372036854.7758071", Rounding::up).error().code, "overflow");
  EXPECT_EQ(parse_micros("-9223372036854.7758081", Rounding::down).error().code, "overflow");
  EXPECT_EQ(*parse_micros("-9223372036854.7758081", Rounding::up),
            std::numeric_limits<std::int64_t>::min());
}

struct Multiple {
  std::int64_t micros;
  std::int64_t increment;
  std::int64_t down;
  std::int64_t up;
  std::int64_t nearest;
};

void PrintTo(const Multiple& row, std::ostream* os) {
  *os << row.micros << " to " << row.increment;
}

const Multiple kMultiples[] = {
    {0, 10'000, 0, 0, 0},
    {12'345, 10'000, 10'000, 20'000, 10'000},
    {15'000, 10'000, 10'000, 20'000, 20'000},  // tie
    {14'999, 10'000, 10'000, 20'000, 10'000},
    {20'000, 10'000, 20'000, 20'000, 20'000},
    {-12'345, 10'000, -20'000, -10'000, -10'000},
    {-15'000, 10'000, -20'000, -10'000, -20'000},  // tie goes away from zero
    {-15'001, 10'000, -20'000, -10'000, -20'000},
    {1, 1, 1, 1, 1},
    {7, 3, 6, 9, 6},
    {-7, 3, -9, -6, -6},
    {555'555, 1'000, 555'000, 556'000, 556'000},
};

class MultipleTest : public ::testing::TestWithParam<Multiple> {};

TEST_P(MultipleTest, RoundsToIncrement) {
  const auto& row = GetParam();
  EXPECT_EQ(round_to_multiple(row.micros, row.increment, Rounding::down), row.down);
  EXPECT_EQ(round_to_multiple(row.micros, row.increment, Rounding::up), row.up);
  EXPECT_EQ(round_to_multiple(row.micros, row.increment, Rounding::nearest), row.nearest);
}

INSTANTIATE_TEST_SUITE_P(Micros, MultipleTest, ::testing::ValuesIn(kMultiples));

struct MulDiv {
  std::int64_t a;
  std::int64_t b;
  std::int64_t divisor;
  std::int64_t down;
  std::int64_t up;
  std::int64_t nearest;
};

void PrintTo(const MulDiv& row, std::ostream* os) {
  *os << row.a << " * " << row.b << " / " << row.divisor;
}

const MulDiv kMulDivs[] = {
    {10, 1, 4, 2, 3, 3},  // 2.5: tie
    {9, 1, 4, 2, 3, 2},   // 2.25
    {11, 1, 4, 2, 3, 3},  // 2.75
    {-10, 1, 4, -3, -2, -3},
    {-9, 1, 4, -3, -2, -2},
    {10, -1, 4, -3, -2, -3},
    {12, 1, 4, 3, 3, 3},
    {0, 5, 7, 0, 0, 0},
    // 1e12 * 1e12 / 1e12: the product needs more than 64 bits.
    {1'000'000'000'000, 1'000'000'000'000, 1'000'000'000'000, 1'000'000'000'000, 1'000'000'000'000,
     1'000'000'000'000},
};

class MulDivTest : public ::testing::TestWithParam<MulDiv> {};

TEST_P(MulDivTest, RoundsQuotient) {
  const auto& row = GetParam();
  EXPECT_EQ(mul_div(row.a, row.b, row.divisor, Rounding::down), row.down);
  EXPECT_EQ(mul_div(row.a, row.b, row.divisor, Rounding::up), row.up);
  EXPECT_EQ(mul_div(row.a, row.b, row.divisor, Rounding::nearest), row.nearest);
}

INSTANTIATE_TEST_SUITE_P(Micros, MulDivTest, ::testing::ValuesIn(kMulDivs));

TEST(RoundToCent, UsesEachMode) {
  const auto usd = *Usd::parse("12.345");
  EXPECT_EQ(round_to_cent(usd, Rounding::down).to_string(), "12.34");
  EXPECT_EQ(round_to_cent(usd, Rounding::up).to_string(), "12.35");
  EXPECT_EQ(round_to_cent(usd, Rounding::nearest).to_string(), "12.35");
  const auto loss = *Usd::parse("-12.345");
  EXPECT_EQ(round_to_cent(loss, Rounding::down).to_string(), "-12.35");
  EXPECT_EQ(round_to_cent(loss, Rounding::up).to_string(), "-12.34");
  EXPECT_EQ(round_to_cent(loss, Rounding::nearest).to_string(), "-12.35");
  EXPECT_EQ(round_to_cent(*Usd::parse("12.344999"), Rounding::nearest).to_string(), "12.34");
}

TEST(FixedRoundTo, RoundsToAnIncrementOfTheSameUnit) {
  const auto lot = *Shares::parse("0.01");
  EXPECT_EQ(Shares::parse("10.129").value().round_to(lot, Rounding::down).to_string(), "10.12");
  EXPECT_EQ(Shares::parse("10.121").value().round_to(lot, Rounding::up).to_string(), "10.13");
}

TEST(PriceRoundTo, RoundsToTickInsideZeroOne) {
  const auto cent_tick = *Price::parse("0.01");
  const auto price = *Price::parse("0.5555");
  EXPECT_EQ(price.round_to(cent_tick, Rounding::down).to_string(), "0.55");
  EXPECT_EQ(price.round_to(cent_tick, Rounding::up).to_string(), "0.56");
  EXPECT_EQ(price.round_to(cent_tick, Rounding::nearest).to_string(), "0.56");
  EXPECT_EQ(Price::parse("0.005").value().round_to(cent_tick, Rounding::nearest).to_string(),
            "0.01");
  EXPECT_EQ(Price::parse("0.999").value().round_to(cent_tick, Rounding::up).to_string(), "1");
  EXPECT_EQ(Price{}.round_to(cent_tick, Rounding::down).to_string(), "0");
}

TEST(PriceRoundTo, TickThatDoesNotDivideOneStaysAtOrBelowOne) {
  const auto tick = *Price::parse("0.3");
  EXPECT_EQ(Price::parse("0.95").value().round_to(tick, Rounding::up).to_string(), "0.9");
  EXPECT_EQ(Price::parse("0.95").value().round_to(tick, Rounding::nearest).to_string(), "0.9");
  EXPECT_EQ(Price::parse("0.7").value().round_to(tick, Rounding::down).to_string(), "0.6");
}

TEST(PriceRoundTo, ZeroTickIsRefused) {
  try {
    (void)Price::one().round_to(Price{}, Rounding::down);
    FAIL() << "expected Failure";
  } catch (const Failure& failure) {
    EXPECT_EQ(failure.error().code, "invalid_tick");
  }
}

}  // namespace
}  // namespace polycopy::core
