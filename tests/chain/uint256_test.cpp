// Uint256: exact decimal and hex parsing up to 2^256-1, formatting, ordering.
#include <gtest/gtest.h>

#include "chain/hex.hpp"
#include "chain/uint256.hpp"

namespace polycopy::chain {
namespace {

// 2^256 - 1 (type(uint256).max in the Solidity documentation).
constexpr const char* kMax =
    "115792089237316195423570985008687907853269984665640564039457584007913129639935";

TEST(Uint256, ParsesAndFormatsSmallValues) {
  EXPECT_EQ(Uint256::parse_decimal("0").value().to_decimal(), "0");
  EXPECT_EQ(Uint256::parse_decimal("0").value().to_hex(), "0x0");
  EXPECT_EQ(Uint256::parse_decimal("1765000000000").value(), Uint256(1765000000000ull));
  EXPECT_EQ(Uint256::parse_decimal("007").value(), Uint256(7));
  EXPECT_EQ(Uint256::parse_hex("0xff").value(), Uint256(255));
  EXPECT_EQ(Uint256::parse_hex("0x1").value(), Uint256(1));
  EXPECT_EQ(Uint256(255).to_hex(), "0xff");
  EXPECT_EQ(Uint256(18446744073709551615ull).to_decimal(), "18446744073709551615");
  EXPECT_EQ(Uint256::parse("0x10").value(), Uint256(16));
  EXPECT_EQ(Uint256::parse("10").value(), Uint256(10));
}

TEST(Uint256, RoundTripsPolymarketTokenIds) {
  // Token ids from the protocol reference, section 10.2.
  for (const char* id :
       {"106853212325739234269605042620856745942429109258639927166403506431703417105118",
        "34549038436775387767555351401981287096280193432851657723404876503687402605441",
        "65193234666628291664907888364936366210889305490897648116746073820519263548476"}) {
    const auto v = Uint256::parse_decimal(id);
    ASSERT_TRUE(v.ok()) << id;
    EXPECT_EQ(v->to_decimal(), id);
    EXPECT_EQ(Uint256::parse_hex(v->to_hex()).value(), *v);
  }
}

TEST(Uint256, MaximumAndOverflow) {
  const auto max = Uint256::parse_decimal(kMax).value();
  EXPECT_EQ(max.to_hex(), "0x" + std::string(64, 'f'));
  EXPECT_EQ(max.bit_length(), 256);
  EXPECT_EQ(Uint256::parse_hex("0x" + std::string(64, 'F')).value(), max);
  // 2^256 and beyond.
  EXPECT_EQ(Uint256::parse_decimal(
                "115792089237316195423570985008687907853269984665640564039457584007913129639936")
                .error()
                .code,
            "uint256_overflow");
  EXPECT_EQ(Uint256::parse_decimal(std::string(kMax) + "0").error().code, "uint256_overflow");
  EXPECT_EQ(Uint256::parse_hex("0x1" + std::string(64, '0')).error().code, "uint256_overflow");
  // Leading zeros are not significant.
  EXPECT_EQ(Uint256::parse_hex("0x00" + std::string(64, 'f')).value(), max);
}

TEST(Uint256, RefusesMalformedText) {
  for (const char* bad : {"", "-1", "+1", "1.0", "1e3", " 1", "1 ", "0x", "0xg", "abc", "１"}) {
    const auto r = Uint256::parse(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, "invalid_uint256") << bad;
  }
  EXPECT_EQ(Uint256::parse_hex("12").error().code, "invalid_uint256");
  EXPECT_EQ(Uint256::parse_decimal("0x12").error().code, "invalid_uint256");
}

TEST(Uint256, OrdersNumerically) {
  EXPECT_LT(Uint256(1), Uint256(2));
  EXPECT_LT(Uint256(255), Uint256(256));
  EXPECT_LT(Uint256(18446744073709551615ull),
            Uint256::parse_decimal("18446744073709551616").value());
  EXPECT_EQ(Uint256::parse_decimal("18446744073709551616").value().to_u64(), std::nullopt);
  EXPECT_EQ(Uint256(42).to_u64(), 42u);
  EXPECT_EQ(Uint256(0).bit_length(), 0);
  EXPECT_EQ(Uint256(256).bit_length(), 9);
}

TEST(Uint256, WordIsBigEndian) {
  EXPECT_EQ(to_hex(Uint256(0x0123).word()), "0x" + std::string(60, '0') + "0123");
  EXPECT_EQ(Uint256::from_word(Uint256(77).word()), Uint256(77));
}

}  // namespace
}  // namespace polycopy::chain
