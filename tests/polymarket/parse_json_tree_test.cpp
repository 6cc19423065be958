#include <gtest/gtest.h>

#include "polymarket/parse/iso_time.hpp"
#include "polymarket/parse/json_tree.hpp"

namespace polycopy::polymarket::parse {
namespace {

TEST(ParseJsonTree, KeepsNumberTextExactly) {
  const auto r = parse_json(R"({"a": 12942959.982390001 , "b": [1e-3, -0], "c": "x\u00e9"})");
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->find("a")->text, "12942959.982390001");
  EXPECT_EQ(r->find("b")->items[0].text, "1e-3");
  EXPECT_EQ(r->find("b")->items[1].text, "-0");
  EXPECT_EQ(r->find("c")->text, "x\xC3\xA9");
}

TEST(ParseJsonTree, RejectsBadInput) {
  EXPECT_EQ(parse_json("").error().code, "empty_payload");
  EXPECT_EQ(parse_json("{\"a\":01}").error().code, "invalid_json");
  EXPECT_EQ(parse_json("{\"a\":1.}").error().code, "invalid_json");
  EXPECT_EQ(parse_json("{\"a\":nul}").error().code, "invalid_json");
  EXPECT_EQ(parse_json("{\"a\":1} x").error().code, "invalid_json");
  EXPECT_EQ(parse_json("\"\xFF\"").error().code, "invalid_utf8");
  EXPECT_EQ(parse_json(std::string(100, '[') + std::string(100, ']')).error().code, "too_deep");
  EXPECT_TRUE(parse_json("\"scalar\"").ok());
  EXPECT_TRUE(parse_json("null").ok());
  EXPECT_TRUE(parse_json(" 42 ").ok());
  EXPECT_EQ(parse_json("42 43").error().code, "invalid_json");
  EXPECT_EQ(parse_json("\"a\" x").error().code, "invalid_json");
  EXPECT_EQ(parse_json("true false").error().code, "invalid_json");
}

TEST(ParseIsoTime, FormatsGammaSends) {
  EXPECT_EQ(parse_iso_seconds("2026-06-08T00:00:00Z"), 1780876800);
  EXPECT_EQ(parse_iso_seconds("2026-06-08 00:00:16+00"), 1780876816);
  EXPECT_EQ(parse_iso_seconds("2026-04-01T18:24:05.41Z"), 1775067845);
  EXPECT_EQ(parse_iso_seconds("2026-06-08"), 1780876800);
  EXPECT_EQ(parse_iso_seconds("2026-06-08T02:00:00+02:00"), 1780876800);
  EXPECT_EQ(parse_iso_seconds("1970-01-01T00:00:00Z"), 0);
  EXPECT_FALSE(parse_iso_seconds("2026-13-01"));
  EXPECT_FALSE(parse_iso_seconds("2025-02-29"));
  EXPECT_TRUE(parse_iso_seconds("2024-02-29"));
  EXPECT_FALSE(parse_iso_seconds("2026-06-08T25:00:00Z"));
  EXPECT_FALSE(parse_iso_seconds("yesterday"));
  EXPECT_FALSE(parse_iso_seconds("2026-06-08Tjunk"));
}

}  // namespace
}  // namespace polycopy::polymarket::parse
