// format_micros gives the exact, shortest decimal, and it parses back to the same value.
#include <gtest/gtest.h>

#include <ostream>

#include <cstdint>
#include <limits>
#include <string>

#include "core/money.hpp"

namespace polycopy::core {
namespace {

struct Formatted {
  std::int64_t micros;
  const char* text;
};

void PrintTo(const Formatted& row, std::ostream* os) {
  *os << row.micros;
}

const Formatted kFormatted[] = {
    {0, "0"},
    {1, "0.000001"},
    {-1, "-0.000001"},
    {10, "0.00001"},
    {550'000, "0.55"},
    {-550'000, "-0.55"},
    {3'000'000, "3"},
    {-3'000'000, "-3"},
    {55'000'001, "55.000001"},
    {1'000'000'000'000, "1000000"},
    {123'456'789'123'456, "123456789.123456"},
    {std::numeric_limits<std::int64_t>::max(), "9223372036854.775807"},
    {std::numeric_limits<std::int64_t>::min(), "-9223372036854.775808"},
};

class FormatTest : public ::testing::TestWithParam<Formatted> {};

TEST_P(FormatTest, IsShortestAndRoundTrips) {
  const auto& row = GetParam();
  EXPECT_EQ(format_micros(row.micros), row.text);
  const auto parsed = parse_micros(row.text);
  ASSERT_TRUE(parsed.ok()) << row.text;
  EXPECT_EQ(*parsed, row.micros);
}

INSTANTIATE_TEST_SUITE_P(Micros, FormatTest, ::testing::ValuesIn(kFormatted));

TEST(FixedToString, UsesTheSameFormat) {
  EXPECT_EQ(Usd::from_micros(12'340'000).to_string(), "12.34");
  EXPECT_EQ(Shares::from_micros(-5).to_string(), "-0.000005");
  EXPECT_EQ(Price::one().to_string(), "1");
}

}  // namespace
}  // namespace polycopy::core
