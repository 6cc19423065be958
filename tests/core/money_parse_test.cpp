// Table of decimal strings: what parse_micros accepts exactly, and why it refuses the rest.
#include <gtest/gtest.h>

#include <ostream>

#include <cstdint>
#include <limits>
#include <string>

#include "core/money.hpp"

namespace polycopy::core {
namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

struct Accepted {
  const char* text;
  std::int64_t micros;
};

void PrintTo(const Accepted& row, std::ostream* os) {
  *os << "'" << row.text << "'";
}

const Accepted kAccepted[] = {
    {"0", 0},
    {"-0", 0},
    {"+0", 0},
    {"0.0", 0},
    {"-0.000000", 0},
    {"1", 1'000'000},
    {"-3", -3'000'000},
    {"+7", 7'000'000},
    {"0.55", 550'000},
    {"-0.55", -550'000},
    {".5", 500'000},
    {"+.5", 500'000},
    {"-.25", -250'000},
    {"55.000001", 55'000'001},
    {"0.000001", 1},
    {"-0.000001", -1},
    {"0.550000000", 550'000},
    {"1.0000000000000000000000", 1'000'000},
    {"007.5", 7'500'000},
    {"1e-3", 1'000},
    {"1E-3", 1'000},
    {"2E+2", 200'000'000},
    {"2e2", 200'000'000},
    {"1e0", 1'000'000},
    {"1e-6", 1},
    {"10e-7", 1},
    {"0.01e2", 1'000'000},
    {"123.456e-2", 1'234'560},
    {"5e-06", 5},
    {"-2.5E-1", -250'000},
    {"0e999999999999999999999", 0},
    {"0.0e-999999999999", 0},
    {"123456789.123456", 123'456'789'123'456},
    {"9223372036854.775807", kMax},
    {"-9223372036854.775808", kMin},
    {"9223372036854775807e-6", kMax},
    {"0.9223372036854775807e13", kMax},
    {"1000000", 1'000'000'000'000},
};

class AcceptedTest : public ::testing::TestWithParam<Accepted> {};

TEST_P(AcceptedTest, ParsesExactly) {
  const auto& row = GetParam();
  const auto result = parse_micros(row.text);
  ASSERT_TRUE(result.ok()) << row.text << " -> " << result.error().to_string();
  EXPECT_EQ(*result, row.micros) << row.text;
}

INSTANTIATE_TEST_SUITE_P(Decimal, AcceptedTest, ::testing::ValuesIn(kAccepted));

struct Refused {
  const char* text;
  const char* code;
};

void PrintTo(const Refused& row, std::ostream* os) {
  *os << "'" << row.text << "'";
}

const Refused kRefused[] = {
    {"", "invalid_decimal"},
    {".", "invalid_decimal"},
    {"1.", "invalid_decimal"},
    {"-1.", "invalid_decimal"},
    {"+", "invalid_decimal"},
    {"-", "invalid_decimal"},
    {"1e", "invalid_decimal"},
    {"1e+", "invalid_decimal"},
    {"e5", "invalid_decimal"},
    {".e1", "invalid_decimal"},
    {"0x10", "invalid_decimal"},
    {"nan", "invalid_decimal"},
    {"NaN", "invalid_decimal"},
    {"inf", "invalid_decimal"},
    {"-inf", "invalid_decimal"},
    {"Infinity", "invalid_decimal"},
    {" 1", "invalid_decimal"},
    {"1 ", "invalid_decimal"},
    {"1 000", "invalid_decimal"},
    {"1.2.3", "invalid_decimal"},
    {"1..2", "invalid_decimal"},
    {"--1", "invalid_decimal"},
    {"+-1", "invalid_decimal"},
    {"1,5", "invalid_decimal"},
    {"1e1.5", "invalid_decimal"},
    {"1e2e3", "invalid_decimal"},
    {"$1", "invalid_decimal"},
    {"0.0000001", "too_precise"},
    {"-0.0000001", "too_precise"},
    {"55.0000011", "too_precise"},
    {"1e-7", "too_precise"},
    {"5e-07", "too_precise"},
    {"1e-999999999999999999999", "too_precise"},
    {"9223372036854.775808", "overflow"},
    {"-9223372036854.775809", "overflow"},
    {"9223372036855", "overflow"},
    {"1e13", "overflow"},
    {"1e999999999999999999999", "overflow"},
    {"-1e400", "overflow"},
    {"99999999999999999999999999999999", "overflow"},
};

class RefusedTest : public ::testing::TestWithParam<Refused> {};

TEST_P(RefusedTest, GivesReasonCode) {
  const auto& row = GetParam();
  const auto result = parse_micros(row.text);
  ASSERT_FALSE(result.ok()) << "'" << row.text << "' parsed as " << *result;
  EXPECT_EQ(result.error().code, row.code) << "'" << row.text << "'";
  EXPECT_FALSE(result.error().message.empty());
}

INSTANTIATE_TEST_SUITE_P(Decimal, RefusedTest, ::testing::ValuesIn(kRefused));

TEST(ParseMicros, EmbeddedNulIsRefused) {
  const std::string text(
      "1\0"
      "5",
      3);
  EXPECT_EQ(parse_micros(text).error().code, "invalid_decimal");
}

TEST(ParseMicros, VeryLongInputIsHandledAndQuotedShortly) {
  const std::string digits(100'000, '9');
  const auto result = parse_micros(digits);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "overflow");
  EXPECT_LT(result.error().message.size(), 200u);
  // Many zeros after the point are still exact.
  EXPECT_EQ(*parse_micros("1." + std::string(100'000, '0')), 1'000'000);
}

}  // namespace
}  // namespace polycopy::core
