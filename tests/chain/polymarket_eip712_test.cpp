// End to end against Polymarket's published values: domain separators and type hashes
// (protocol reference 7.4, 7.5, 8.1) and the signatures of the official clients recorded in
// protocol-examples.json, rebuilt here with the generic encoder and the fast path.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "chain/abi_word.hpp"
#include "chain/address.hpp"
#include "chain/eip712_domain.hpp"
#include "chain/eip712_encode.hpp"
#include "chain/eip712_struct_hasher.hpp"
#include "chain/hex.hpp"
#include "chain/keccak.hpp"
#include "chain/private_key.hpp"

namespace polycopy::chain {
namespace {

using nlohmann::json;

const Eip712Types kTypes{
    {"Order",  // V2 (and V3)
     {{"salt", "uint256"},
      {"maker", "address"},
      {"signer", "address"},
      {"tokenId", "uint256"},
      {"makerAmount", "uint256"},
      {"takerAmount", "uint256"},
      {"side", "uint8"},
      {"signatureType", "uint8"},
      {"timestamp", "uint256"},
      {"metadata", "bytes32"},
      {"builder", "bytes32"}}},
    {"ClobAuth",
     {{"address", "address"},
      {"timestamp", "string"},
      {"nonce", "uint256"},
      {"message", "string"}}},
};
const Eip712Types kV1Types{
    {"Order",
     {{"salt", "uint256"},
      {"maker", "address"},
      {"signer", "address"},
      {"taker", "address"},
      {"tokenId", "uint256"},
      {"makerAmount", "uint256"},
      {"takerAmount", "uint256"},
      {"expiration", "uint256"},
      {"nonce", "uint256"},
      {"feeRateBps", "uint256"},
      {"side", "uint8"},
      {"signatureType", "uint8"}}},
};

Eip712Domain exchange(const char* version, const char* contract) {
  Eip712Domain d;
  d.name = "Polymarket CTF Exchange";
  d.version = version;
  d.chain_id = Uint256(137);
  d.verifying_contract = parse_address(contract).value();
  return d;
}

Eip712Domain clob_auth_domain() {
  Eip712Domain d;
  d.name = "ClobAuthDomain";
  d.version = "1";
  d.chain_id = Uint256(137);
  return d;
}

json examples() {
  std::ifstream in(POLYCOPY_SHARED_DIR "/docs/protocol-examples.json");
  EXPECT_TRUE(in.good()) << "cannot open protocol-examples.json";
  return json::parse(in);
}

TEST(PolymarketDomains, SeparatorsMatchTheReference) {
  const std::pair<Eip712Domain, const char*> cases[] = {
      {exchange("2", "0xE111180000d2663C0091e4f400237545B87B996B"),
       "0x3264e159346253e26a64e00b69032db0e7d32f94628de3e6eecb50304d7af3d2"},
      {exchange("2", "0xe2222d279d744050d28e00520010520000310F59"),
       "0x9b858f53327b0bd13af8ec14cfb35234fb9eb7b0504d1a4e61f433840d30e81a"},
      {exchange("3", "0xe3333700cA9d93003F00f0F71f8515005F6c00Aa"),
       "0x466c63910185bbd55e8679264200c4e0abdcbb0c6264eb3d41d13326022e095b"},
      {exchange("1", "0x4bFb41d5B3570DeFd03C39a9A4D8dE6Bd8B8982E"),
       "0x1a573e3617c78403b5b4b892827992f027b03d4eaf570048b8ee8cdd84d151be"},
      {exchange("1", "0xC5d563A36AE78145C45a50134d48A1215220f80a"),
       "0x82cb6aa85babb812f4b521a12b10f0cbc68d2b44be7bc02c047004f544adb49f"},
      {clob_auth_domain(), "0xcfc66be2a3b30464cb3b588324101f660c9a205fa76e8e5f83ee16a528e1c4cb"},
  };
  for (const auto& [domain, want] : cases) EXPECT_EQ(to_hex(eip712_domain_separator(domain)), want);
}

TEST(PolymarketTypes, TypeHashesMatchTheReference) {
  EXPECT_EQ(eip712_encode_type(kTypes, "Order").value(),
            "Order(uint256 salt,address maker,address signer,uint256 tokenId,uint256 makerAmount,"
            "uint256 takerAmount,uint8 side,uint8 signatureType,uint256 timestamp,bytes32 "
            "metadata,bytes32 builder)");
  EXPECT_EQ(to_hex(eip712_type_hash(kTypes, "Order").value()),
            "0xbb86318a2138f5fa8ae32fbe8e659f8fcf13cc6ae4014a707893055433818589");
  EXPECT_EQ(to_hex(eip712_type_hash(kV1Types, "Order").value()),
            "0xa852566c4e14d00869b6db0220888a9090a13eccdaea03713ff0a3d27bf9767c");
  EXPECT_EQ(to_hex(eip712_type_hash(kTypes, "ClobAuth").value()),
            "0x52578c5c725a28a84fedc8c22aa47947822942f35b4dc350db028e45320e035c");
}

// The signed message of an example order: amounts and addresses as the client produced them.
json order_message(const json& example) {
  const json& in = example["input"];
  const json& out = example["expected"];
  json m{{"salt", out["salt"]},
         {"maker", out["maker"]},
         {"signer", out["signer"]},
         {"tokenId", out["tokenId"]},
         {"makerAmount", out["makerAmount"]},
         {"takerAmount", out["takerAmount"]},
         {"side", out["side"] == "BUY" ? 0 : 1},
         {"signatureType", out["signatureType"]}};
  if (in["protocol_version"] == 1) {
    m["taker"] = out["taker"];
    m["expiration"] = out["expiration"];
    m["nonce"] = out["nonce"];
    m["feeRateBps"] = out["feeRateBps"];
  } else {
    m["timestamp"] = out["timestamp"];
    m["metadata"] = out["metadata"];
    m["builder"] = out["builder"];
  }
  return m;
}

TEST(PolymarketOrders, GenericEncoderReproducesHashesAndSignatures) {
  const json all = examples();
  ASSERT_EQ(all["orders"].size(), 3u);
  for (const json& example : all["orders"]) {
    SCOPED_TRACE(example["id"].get<std::string>());
    const bool v1 = example["input"]["protocol_version"] == 1;
    const auto domain = exchange(v1 ? "1" : "2", example["exchange"].get<std::string>().c_str());
    const auto digest =
        eip712_digest(domain, v1 ? kV1Types : kTypes, "Order", order_message(example));
    ASSERT_TRUE(digest.ok()) << digest.error().to_string();
    EXPECT_EQ(to_hex(*digest), example["expected_order_hash"]);

    const auto key = PrivateKey::parse(example["input"]["private_key"].get<std::string>()).value();
    EXPECT_EQ(to_checksum_address(key.address()), example["expected"]["signer"]);
    const Signature sig = key.sign_digest(*digest);
    EXPECT_EQ(sig.to_hex(), example["expected"]["signature"]);
    EXPECT_EQ(
        recover_address(
            *digest, Signature::parse(example["expected"]["signature"].get<std::string>()).value())
            .value(),
        key.address());
  }
}

TEST(PolymarketOrders, FastPathMatchesTheGenericEncoder) {
  const json all = examples();
  for (const json& example : all["orders"]) {
    if (example["input"]["protocol_version"] != 2) continue;
    SCOPED_TRACE(example["id"].get<std::string>());
    const auto hasher = Eip712StructHasher::create(
        exchange("2", example["exchange"].get<std::string>().c_str()), kTypes, "Order");
    ASSERT_TRUE(hasher.ok()) << hasher.error().to_string();
    const json& o = example["expected"];
    const Bytes32 words[] = {
        abi_word_u64(o["salt"].get<std::uint64_t>()),
        abi_word(parse_address(o["maker"].get<std::string>()).value()),
        abi_word(parse_address(o["signer"].get<std::string>()).value()),
        abi_word(Uint256::parse_decimal(o["tokenId"].get<std::string>()).value()),
        abi_word(Uint256::parse_decimal(o["makerAmount"].get<std::string>()).value()),
        abi_word(Uint256::parse_decimal(o["takerAmount"].get<std::string>()).value()),
        abi_word_u64(o["side"] == "BUY" ? 0 : 1),
        abi_word_u64(o["signatureType"].get<std::uint64_t>()),
        abi_word(Uint256::parse_decimal(o["timestamp"].get<std::string>()).value()),
        parse_bytes32(o["metadata"].get<std::string>()).value(),
        parse_bytes32(o["builder"].get<std::string>()).value(),
    };
    const Bytes32 digest = hasher->digest(words);
    EXPECT_EQ(to_hex(digest), example["expected_order_hash"]);
    const auto key = PrivateKey::parse(example["input"]["private_key"].get<std::string>()).value();
    EXPECT_EQ(key.sign_digest(digest).to_hex(), o["signature"]);
    EXPECT_THROW(hasher->digest(std::span<const Bytes32>(words, 10)), core::Failure);
  }
}

TEST(PolymarketAuth, L1SignatureMatchesTheExample) {
  const json all = examples();
  for (const json& example : all["auth"]) {
    const json& in = example["l1_input"];
    const json& want = example["l1_expected"];
    const auto key = PrivateKey::parse(in["private_key"].get<std::string>()).value();
    EXPECT_EQ(to_checksum_address(key.address()), want["POLY_ADDRESS"]);
    Eip712Domain domain = clob_auth_domain();
    domain.chain_id = Uint256(in["chain_id"].get<std::uint64_t>());
    const json message{{"address", to_checksum_address(key.address())},
                       {"timestamp", std::to_string(in["timestamp"].get<std::int64_t>())},
                       {"nonce", in["nonce"]},
                       {"message", "This message attests that I control the given wallet"}};
    const auto digest = eip712_digest(domain, kTypes, "ClobAuth", message);
    ASSERT_TRUE(digest.ok()) << digest.error().to_string();
    EXPECT_EQ(key.sign_digest(*digest).to_hex(), want["POLY_SIGNATURE"]);
  }
}

}  // namespace
}  // namespace polycopy::chain
