// Keccak-256 known answers (Ethereum's Keccak, not NIST SHA3-256).
#include <gtest/gtest.h>

#include "chain/hex.hpp"
#include "chain/keccak.hpp"

namespace polycopy::chain {
namespace {

TEST(Keccak256, KnownAnswers) {
  EXPECT_EQ(to_hex(keccak256("")),
            "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  EXPECT_EQ(to_hex(keccak256("abc")),
            "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
  EXPECT_EQ(to_hex(keccak256("The quick brown fox jumps over the lazy dog")),
            "0x4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15");
}

TEST(Keccak256, IsNotSha3) {
  // NIST SHA3-256("") (FIPS 202) differs: a wrong primitive would silently break signatures.
  EXPECT_NE(to_hex(keccak256("")),
            "0xa7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a");
}

TEST(Keccak256, EventTopicsFromTheProtocolReference) {
  // Section 10.5 of the protocol reference.
  EXPECT_EQ(to_hex(keccak256("Transfer(address,address,uint256)")),
            "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
  EXPECT_EQ(to_hex(keccak256("TransferSingle(address,address,address,uint256,uint256)")),
            "0xc3d58168c5ae7397731d063d5bbf3d657854427343f4c083240f7aacaa2d0f62");
  EXPECT_EQ(to_hex(keccak256("OrderCancelled(bytes32)")),
            "0x5152abf959f6564662358c2e52b702259b78bac5ee7842a0f01937e670efcc7d");
}

TEST(Keccak256, ConcatEqualsHashOfConcatenation) {
  const Bytes a{1, 2, 3};
  const Bytes b(200, 7);  // crosses the 136-byte rate
  Bytes ab = a;
  ab.insert(ab.end(), b.begin(), b.end());
  const ByteView parts[] = {a, b};
  EXPECT_EQ(keccak256_concat(parts), keccak256(ab));
}

}  // namespace
}  // namespace polycopy::chain
