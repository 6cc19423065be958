// RLP encoding against the examples of the Ethereum wiki / yellow paper (strings, integers,
// lists, nesting, the 55/56-byte boundary of the long forms).
#include <gtest/gtest.h>

#include <string>

#include "chain/hex.hpp"
#include "chain/rlp.hpp"

namespace polycopy::chain {
namespace {

Bytes text(std::string_view s) {
  return Bytes(s.begin(), s.end());
}
std::string hex(const Bytes& b) {
  return to_hex(b);
}

TEST(Rlp, Strings) {
  EXPECT_EQ(hex(rlp::encode_bytes(text("dog"))), "0x83646f67");
  EXPECT_EQ(hex(rlp::encode_bytes({})), "0x80");
  EXPECT_EQ(hex(rlp::encode_bytes(Bytes{0x00})), "0x00");
  EXPECT_EQ(hex(rlp::encode_bytes(Bytes{0x7f})), "0x7f");
  EXPECT_EQ(hex(rlp::encode_bytes(Bytes{0x80})), "0x8180");
  const std::string lorem = "Lorem ipsum dolor sit amet, consectetur adipisicing elit";
  ASSERT_EQ(lorem.size(), 56u);
  EXPECT_EQ(hex(rlp::encode_bytes(text(lorem))), "0xb838" + to_hex(text(lorem)).substr(2));
  const Bytes fifty_five(55, 0xaa);
  EXPECT_EQ(hex(rlp::encode_bytes(fifty_five)).substr(0, 4), "0xb7");
  const Bytes long_one(1024, 0x01);
  const auto encoded = rlp::encode_bytes(long_one);
  EXPECT_EQ(hex(Bytes(encoded.begin(), encoded.begin() + 3)), "0xb90400");
  EXPECT_EQ(encoded.size(), 1027u);
}

TEST(Rlp, Integers) {
  EXPECT_EQ(hex(rlp::encode_uint(std::uint64_t{0})), "0x80");
  EXPECT_EQ(hex(rlp::encode_uint(std::uint64_t{15})), "0x0f");
  EXPECT_EQ(hex(rlp::encode_uint(std::uint64_t{127})), "0x7f");
  EXPECT_EQ(hex(rlp::encode_uint(std::uint64_t{128})), "0x8180");
  EXPECT_EQ(hex(rlp::encode_uint(std::uint64_t{1024})), "0x820400");
  const auto max = Uint256::parse_hex("0x" + std::string(64, 'f')).value();
  EXPECT_EQ(hex(rlp::encode_uint(max)), "0xa0" + std::string(64, 'f'));
}

TEST(Rlp, Lists) {
  EXPECT_EQ(hex(rlp::encode_list({})), "0xc0");
  EXPECT_EQ(hex(rlp::encode_list({rlp::encode_bytes(text("cat")), rlp::encode_bytes(text("dog"))})),
            "0xc88363617483646f67");
  // The set-theoretical representation of three: [ [], [[]], [ [], [[]] ] ].
  const Bytes empty = rlp::encode_list({});
  const Bytes one = rlp::encode_list({empty});
  const Bytes two = rlp::encode_list({empty, one});
  EXPECT_EQ(hex(rlp::encode_list({empty, one, two})), "0xc7c0c1c0c3c0c1c0");
  // A payload over 55 bytes takes the long list form.
  const std::string lorem = "Lorem ipsum dolor sit amet, consectetur adipisicing elit";
  const auto long_list = rlp::encode_list({rlp::encode_bytes(text(lorem))});
  EXPECT_EQ(hex(Bytes(long_list.begin(), long_list.begin() + 4)), "0xf83ab838");
}

}  // namespace
}  // namespace polycopy::chain
