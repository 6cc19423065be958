// Private keys, addresses, ECDSA signing with recovery, and signer recovery.
#include <gtest/gtest.h>

#include <sstream>
#include <thread>
#include <vector>

#include "chain/address.hpp"
#include "chain/hex.hpp"
#include "chain/keccak.hpp"
#include "chain/private_key.hpp"
#include "chain/signature.hpp"

namespace polycopy::chain {
namespace {

// The secp256k1 group order n (SEC 2, section 2.4.1).
constexpr const char* kOrderN = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";

std::string hex64(std::string_view digits) {
  return "0x" + std::string(64 - digits.size(), '0') + std::string(digits);
}

// n - s, big-endian, for building the high-s twin of a signature.
Bytes32 order_minus(const Bytes32& s) {
  const Bytes32 n = parse_bytes32(kOrderN, HexPrefix::optional).value();
  Bytes32 out;
  int borrow = 0;
  for (int i = 31; i >= 0; --i) {
    int v = n.bytes[i] - s.bytes[i] - borrow;
    borrow = v < 0;
    out.bytes[i] = static_cast<std::uint8_t>(v + (borrow ? 256 : 0));
  }
  return out;
}

TEST(PrivateKey, DerivesKnownAddresses) {
  // Key 1: the generator point's address, published in many Ethereum test suites.
  EXPECT_EQ(to_checksum_address(PrivateKey::parse(hex64("1")).value().address()),
            "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf");
  // Key 0xa1: protocol-examples.json (POLY_ADDRESS of the auth example).
  EXPECT_EQ(to_checksum_address(PrivateKey::parse(hex64("a1")).value().address()),
            "0xd2431CA38735C2fd438e2cAa23F094191D89675b");
  // keccak256("cow"): the EIP-712 example's signer, "Cow" with this wallet.
  EXPECT_EQ(to_checksum_address(PrivateKey::from_bytes(keccak256("cow")).value().address()),
            "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826");
}

TEST(PrivateKey, PrefixIsOptional) {
  EXPECT_EQ(PrivateKey::parse(std::string(63, '0') + "1").value().address(),
            PrivateKey::parse(hex64("1")).value().address());
}

TEST(PrivateKey, RefusesZeroAndValuesAtOrAboveTheOrder) {
  const std::string n = kOrderN;
  std::string n_minus_1 = n;
  n_minus_1.back() = '0';
  std::string n_plus_1 = n;
  n_plus_1.back() = '2';
  EXPECT_TRUE(PrivateKey::parse("0x" + n_minus_1).ok());
  for (const std::string& bad :
       {hex64("0"), "0x" + n, "0x" + n_plus_1, "0x" + std::string(64, 'f')}) {
    const auto r = PrivateKey::parse(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, "invalid_private_key");
  }
}

TEST(PrivateKey, RefusesMalformedHexWithoutEchoingIt) {
  const std::string almost = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f36231";
  for (const std::string& bad :
       {almost, almost + "1f", almost + "z", std::string("0x"), std::string("")}) {
    const auto r = PrivateKey::parse(bad);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "invalid_private_key");
    EXPECT_EQ(r.error().message.find("4c0883a6"), std::string::npos) << r.error().message;
  }
}

TEST(PrivateKey, PrintsRedacted) {
  const auto key = PrivateKey::parse(hex64("a1")).value();
  std::ostringstream out;
  out << key;
  EXPECT_NE(out.str().find("redacted"), std::string::npos);
  EXPECT_EQ(out.str().find("00a1"), std::string::npos);
  EXPECT_EQ(out.str().find("a1)"), std::string::npos);
}

TEST(Signing, SignsDeterministicallyWithLowSAndRecovers) {
  const auto key = PrivateKey::parse(hex64("a1")).value();
  const Bytes32 digest = keccak256("an order digest");
  const Signature sig = key.sign_digest(digest);
  EXPECT_EQ(sig, key.sign_digest(digest));  // RFC 6979
  EXPECT_TRUE(sig.v() == 27 || sig.v() == 28);
  EXPECT_LE(sig.s(), order_minus(sig.s()));  // s <= n - s, i.e. low-s
  EXPECT_EQ(recover_address(digest, sig).value(), key.address());
  EXPECT_EQ(sig.to_hex().size(), 132u);
  EXPECT_EQ(Signature::parse(sig.to_hex()).value(), sig);
}

TEST(Signing, TamperedDigestRecoversAnotherAddress) {
  const auto key = PrivateKey::parse(hex64("a1")).value();
  Bytes32 digest = keccak256("an order digest");
  const Signature sig = key.sign_digest(digest);
  digest.bytes[0] ^= 1;
  const auto other = recover_address(digest, sig);
  ASSERT_TRUE(other.ok()) << other.error().to_string();
  EXPECT_NE(*other, key.address());
}

TEST(Signing, RefusesMalformedSignatures) {
  const auto key = PrivateKey::parse(hex64("a1")).value();
  const Bytes32 digest = keccak256("x");
  const Signature sig = key.sign_digest(digest);

  EXPECT_EQ(Signature::parse("0x1234").error().code, "invalid_signature");
  EXPECT_EQ(Signature::parse(sig.to_hex() + "00").error().code, "invalid_signature");
  EXPECT_EQ(Signature::from_bytes(Bytes(64, 1)).error().code, "invalid_signature");

  for (std::uint8_t v : {0, 1, 26, 29, 255}) {
    Signature bad = sig;
    bad.bytes.bytes[64] = v;
    EXPECT_EQ(recover_address(digest, bad).error().code, "invalid_signature") << int(v);
  }
  Signature zero_r = sig;
  std::fill_n(zero_r.bytes.bytes.begin(), 32, 0);
  EXPECT_EQ(recover_address(digest, zero_r).error().code, "invalid_signature");
  Signature big_s = sig;
  std::fill_n(big_s.bytes.bytes.begin() + 32, 32, 0xff);
  EXPECT_EQ(recover_address(digest, big_s).error().code, "invalid_signature");
}

TEST(Signing, RefusesTheHighSTwin) {
  // (r, n - s, v ^ 1) is the same ECDSA signature in malleable form; OpenZeppelin refuses it.
  const auto key = PrivateKey::parse(hex64("a1")).value();
  const Bytes32 digest = keccak256("x");
  const Signature sig = key.sign_digest(digest);
  Signature twin = sig;
  const Bytes32 high = order_minus(sig.s());
  std::copy(high.bytes.begin(), high.bytes.end(), twin.bytes.bytes.begin() + 32);
  twin.bytes.bytes[64] = sig.v() == 27 ? 28 : 27;
  const auto r = recover_address(digest, twin);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "invalid_signature");
}

TEST(Signing, IsSafeFromSeveralThreads) {
  const auto key = PrivateKey::parse(hex64("a1")).value();
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        const Bytes32 digest = keccak256(std::to_string(t * 1000 + i));
        if (recover_address(digest, key.sign_digest(digest)).value() != key.address())
          ++failures[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int f : failures) EXPECT_EQ(f, 0);
}

}  // namespace
}  // namespace polycopy::chain
