// Hex parsing is strict and its errors never echo the input; formatting is lower-case 0x.
#include <gtest/gtest.h>

#include "chain/hex.hpp"

namespace polycopy::chain {
namespace {

TEST(Hex, ParsesPrefixedAndFormatsLowerCase) {
  const auto bytes = parse_hex("0x00fFaB10");
  ASSERT_TRUE(bytes.ok()) << bytes.error().to_string();
  EXPECT_EQ(*bytes, (Bytes{0x00, 0xff, 0xab, 0x10}));
  EXPECT_EQ(to_hex(*bytes), "0x00ffab10");
  EXPECT_EQ(parse_hex("0X01").value(), Bytes{0x01});
  EXPECT_TRUE(parse_hex("0x").value().empty());
  EXPECT_EQ(to_hex(Bytes{}), "0x");
}

TEST(Hex, PrefixIsRequiredUnlessOptional) {
  EXPECT_EQ(parse_hex("abcd").error().code, "invalid_hex");
  EXPECT_EQ(parse_hex("abcd", HexPrefix::optional).value(), (Bytes{0xab, 0xcd}));
  EXPECT_EQ(parse_hex("0xabcd", HexPrefix::optional).value(), (Bytes{0xab, 0xcd}));
}

TEST(Hex, RefusesBadInput) {
  for (const char* bad : {"0x0", "0x123", "0xzz", "0x 1", " 0x11", "0x11 ", "0x1g", "x11", "0x-1",
                          "", "0", "0x\xff\xff"}) {
    const auto r = parse_hex(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, "invalid_hex") << bad;
  }
  EXPECT_NE(parse_hex("0x123").error().message.find("odd"), std::string::npos);
}

TEST(Hex, ErrorsDoNotRepeatTheInput) {
  const std::string secret = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f36231q";
  const auto r = parse_hex(secret);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message.find("4c0883a6"), std::string::npos) << r.error().message;
}

TEST(Hex, Bytes32NeedsExactly64Digits) {
  const std::string zeros(64, '0');
  EXPECT_TRUE(parse_bytes32("0x" + zeros).value().is_zero());
  EXPECT_EQ(parse_bytes32("0x" + zeros.substr(1)).error().code, "invalid_hex");
  EXPECT_EQ(parse_bytes32("0x" + zeros + "00").error().code, "invalid_hex");
  EXPECT_EQ(parse_bytes32(zeros).error().code, "invalid_hex");
  EXPECT_TRUE(parse_bytes32(zeros, HexPrefix::optional).ok());
  const auto ones = parse_bytes32("0x" + std::string(62, '0') + "01").value();
  EXPECT_EQ(ones.bytes[31], 1);
  EXPECT_EQ(to_hex(ones), "0x" + std::string(62, '0') + "01");
}

}  // namespace
}  // namespace polycopy::chain
