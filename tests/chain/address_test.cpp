// EIP-55 checksum addresses: the examples of the EIP, and refusals.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "chain/address.hpp"
#include "chain/hex.hpp"

namespace polycopy::chain {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string upper_digits(std::string s) {  // keeps the "0x"
  std::transform(s.begin() + 2, s.end(), s.begin() + 2,
                 [](unsigned char c) { return std::toupper(c); });
  return s;
}

// EIP-55's test cases ("Normal" mixed-case checksums).
const char* const kEip55Mixed[] = {
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
    "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"};
// EIP-55's "all caps" and "all lower" cases: their checksum happens to be that case.
const char* const kEip55Caps[] = {"0x52908400098527886E0F7030069857D2E4169EE7",
                                  "0x8617E340B3D01FA5F11F306F4090FD50E238070D"};
const char* const kEip55Lower[] = {"0xde709f2102306220921060314715629080e2fb77",
                                   "0x27b1fdb04752bbc536007a920d24acb045561c26"};

TEST(Eip55, FormatsTheEipExamples) {
  for (const char* want : kEip55Mixed)
    EXPECT_EQ(to_checksum_address(parse_address(lower(want)).value()), want);
  for (const char* want : kEip55Caps)
    EXPECT_EQ(to_checksum_address(parse_address(want).value()), want);
  for (const char* want : kEip55Lower)
    EXPECT_EQ(to_checksum_address(parse_address(want).value()), want);
}

TEST(Eip55, AcceptsValidChecksumsAndSingleCase) {
  for (const char* text : kEip55Mixed) {
    const auto mixed = parse_address(text);
    ASSERT_TRUE(mixed.ok()) << text << ": " << mixed.error().to_string();
    EXPECT_EQ(parse_address(lower(text)).value(), *mixed);
    EXPECT_EQ(parse_address(upper_digits(text)).value(), *mixed);
  }
  // Polymarket's V2 exchange address as printed in the protocol reference.
  EXPECT_TRUE(parse_address("0xE111180000d2663C0091e4f400237545B87B996B").ok());
}

TEST(Eip55, RefusesAWrongChecksum) {
  std::string text = kEip55Mixed[0];  // 0x5aAeb...: flip the case of one letter
  text[4] = 'a';
  const auto r = parse_address(text);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "invalid_address");
  EXPECT_NE(r.error().message.find("checksum"), std::string::npos);
}

TEST(Eip55, RefusesMalformedAddresses) {
  for (const char* bad :
       {"", "0x", "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed00",
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg",
        " 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"}) {
    const auto r = parse_address(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, "invalid_address") << bad;
  }
}

}  // namespace
}  // namespace polycopy::chain
