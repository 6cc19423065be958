// JSON numbers and strings convert to micros exactly, through the shortest decimal form.
#include <gtest/gtest.h>

#include <ostream>

#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/json_money.hpp"

namespace polycopy::core {
namespace {

using nlohmann::json;

struct JsonCase {
  const char* json_text;
  std::int64_t micros;
};

void PrintTo(const JsonCase& row, std::ostream* os) {
  *os << row.json_text;
}

const JsonCase kExact[] = {
    {"0.1", 100'000},
    {"0.55", 550'000},
    {"55.000001", 55'000'001},
    {"1e-3", 1'000},
    {"123456789.123456", 123'456'789'123'456},
    {"0.3", 300'000},
    {"-0.07", -70'000},
    {"3", 3'000'000},
    {"-3", -3'000'000},
    {"0", 0},
    {"-0.0", 0},
    {"1.5e2", 150'000'000},
    {"\"0.55\"", 550'000},
    {"\"1e-3\"", 1'000},
    {"\"9223372036854.775807\"", std::numeric_limits<std::int64_t>::max()},
    {"9223372036854", 9'223'372'036'854'000'000},
};

class JsonExactTest : public ::testing::TestWithParam<JsonCase> {};

TEST_P(JsonExactTest, ParsesExactly) {
  const auto& row = GetParam();
  const auto result = micros_from_json(json::parse(row.json_text));
  ASSERT_TRUE(result.ok()) << row.json_text << " -> " << result.error().to_string();
  EXPECT_EQ(*result, row.micros) << row.json_text;
}

INSTANTIATE_TEST_SUITE_P(Json, JsonExactTest, ::testing::ValuesIn(kExact));

TEST(JsonMoney, ReasonCodes) {
  EXPECT_EQ(micros_from_json(json::parse("1e-7")).error().code, "too_precise");
  EXPECT_EQ(micros_from_json(json::parse("0.1234567")).error().code, "too_precise");
  EXPECT_EQ(micros_from_json(json::parse("9223372036855")).error().code, "overflow");
  EXPECT_EQ(micros_from_json(json::parse("-9223372036855")).error().code, "overflow");
  EXPECT_EQ(micros_from_json(json::parse("18446744073709551615")).error().code, "overflow");
  EXPECT_EQ(micros_from_json(json::parse("1e300")).error().code, "overflow");
  EXPECT_EQ(micros_from_json(json::parse("\"abc\"")).error().code, "invalid_decimal");
  EXPECT_EQ(micros_from_json(json::parse("\" 1\"")).error().code, "invalid_decimal");
  EXPECT_EQ(micros_from_json(json(std::nan(""))).error().code, "invalid_decimal");
  EXPECT_EQ(micros_from_json(json(std::numeric_limits<double>::infinity())).error().code,
            "invalid_decimal");
}

TEST(JsonMoney, WrongTypes) {
  for (const char* text : {"null", "true", "[1]", "{\"a\":1}"}) {
    const auto result = micros_from_json(json::parse(text));
    ASSERT_FALSE(result.ok()) << text;
    EXPECT_EQ(result.error().code, "wrong_type") << text;
  }
}

TEST(JsonMoney, TypedHelpers) {
  EXPECT_EQ(usd_from_json(json::parse("12.34")).value().to_string(), "12.34");
  EXPECT_EQ(shares_from_json(json::parse("\"100\"")).value().micros(), 100'000'000);
  EXPECT_EQ(price_from_json(json::parse("0.55")).value().micros(), 550'000);
  EXPECT_EQ(price_from_json(json::parse("1.2")).error().code, "price_out_of_range");
  EXPECT_EQ(usd_from_json(json::parse("false")).error().code, "wrong_type");
  EXPECT_EQ(shares_from_json(json::parse("\"1.\"")).error().code, "invalid_decimal");
}

}  // namespace
}  // namespace polycopy::core
