// The generic EIP-712 encoder against the specification's Mail example (EIP-712 Example.js)
// and MetaMask eth-sig-util's signTypedData_v4 array example.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "chain/address.hpp"
#include "chain/eip712_domain.hpp"
#include "chain/eip712_encode.hpp"
#include "chain/eip712_types.hpp"
#include "chain/hex.hpp"
#include "chain/keccak.hpp"
#include "chain/private_key.hpp"

namespace polycopy::chain {
namespace {

using nlohmann::json;

const Eip712Types kMailTypes{
    {"Person", {{"name", "string"}, {"wallet", "address"}}},
    {"Mail", {{"from", "Person"}, {"to", "Person"}, {"contents", "string"}}},
};

json mail_message() {
  return json{{"from", {{"name", "Cow"}, {"wallet", "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"}}},
              {"to", {{"name", "Bob"}, {"wallet", "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"}}},
              {"contents", "Hello, Bob!"}};
}

Eip712Domain mail_domain() {
  Eip712Domain d;
  d.name = "Ether Mail";
  d.version = "1";
  d.chain_id = Uint256(1);
  d.verifying_contract = parse_address("0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC").value();
  return d;
}

TEST(Eip712Mail, EncodeTypeAndTypeHash) {
  EXPECT_EQ(eip712_encode_type(kMailTypes, "Mail").value(),
            "Mail(Person from,Person to,string contents)Person(string name,address wallet)");
  EXPECT_EQ(to_hex(eip712_type_hash(kMailTypes, "Mail").value()),
            "0xa0cedeb2dc280ba39b857546d74f5549c3a1d7bdc2dd96bf881f76108e23dac2");
}

TEST(Eip712Mail, EncodeDataHashStructDomainAndDigest) {
  EXPECT_EQ(to_hex(eip712_encode_data(kMailTypes, "Mail", mail_message()).value()),
            "0xa0cedeb2dc280ba39b857546d74f5549c3a1d7bdc2dd96bf881f76108e23dac2"
            "fc71e5fa27ff56c350aa531bc129ebdf613b772b6604664f5d8dbe21b85eb0c8"
            "cd54f074a4af31b4411ff6a60c9719dbd559c221c8ac3492d9d872b041d703d1"
            "b5aadf3154a261abdd9086fc627b61efca26ae5702701d05cd2305f7c52a2fc8");
  EXPECT_EQ(to_hex(eip712_hash_struct(kMailTypes, "Mail", mail_message()).value()),
            "0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e");
  EXPECT_EQ(to_hex(eip712_domain_separator(mail_domain())),
            "0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f");
  EXPECT_EQ(to_hex(eip712_digest(mail_domain(), kMailTypes, "Mail", mail_message()).value()),
            "0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2");
}

TEST(Eip712Mail, SignatureMatchesTheSpecification) {
  const auto key = PrivateKey::from_bytes(keccak256("cow")).value();
  const Bytes32 digest = eip712_digest(mail_domain(), kMailTypes, "Mail", mail_message()).value();
  const Signature sig = key.sign_digest(digest);
  EXPECT_EQ(sig.v(), 28);
  EXPECT_EQ(to_hex(sig.r()), "0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d");
  EXPECT_EQ(to_hex(sig.s()), "0x07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562");
  EXPECT_EQ(recover_address(digest, sig).value(), key.address());
}

TEST(Eip712Mail, DomainSeparatorEqualsTheGenericEncoder) {
  const Eip712Types types{{"EIP712Domain", eip712_domain_fields(mail_domain())}};
  const json domain{{"name", "Ether Mail"},
                    {"version", "1"},
                    {"chainId", 1},
                    {"verifyingContract", "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"}};
  EXPECT_EQ(eip712_hash_struct(types, "EIP712Domain", domain).value(),
            eip712_domain_separator(mail_domain()));
  EXPECT_EQ(eip712_domain_separator(eip712_domain_from_json(domain).value()),
            eip712_domain_separator(mail_domain()));
}

// eth_signTypedData_v4 JSON with arrays of structs and of addresses.
const char* const kArrayTypedData = R"({
  "types": {
    "EIP712Domain": [{"name": "name", "type": "string"}, {"name": "version", "type": "string"},
                     {"name": "chainId", "type": "uint256"},
                     {"name": "verifyingContract", "type": "address"}],
    "Person": [{"name": "name", "type": "string"}, {"name": "wallets", "type": "address[]"}],
    "Mail": [{"name": "from", "type": "Person"}, {"name": "to", "type": "Person[]"},
             {"name": "contents", "type": "string"}]
  },
  "primaryType": "Mail",
  "domain": {"name": "Ether Mail", "version": "1", "chainId": 1,
             "verifyingContract": "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"},
  "message": {
    "from": {"name": "Cow", "wallets": ["0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826",
                                         "0xDeaDbeefdEAdbeefdEadbEEFdeadbeEFdEaDbeeF"]},
    "to": [{"name": "Bob", "wallets": ["0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB",
                                        "0xB0BdaBea57B0BDABeA57b0bdABEA57b0BDabEa57",
                                        "0xB0B0b0b0b0b0B000000000000000000000000000"]}],
    "contents": "Hello, Bob!"
  }
})";

TEST(Eip712Arrays, MatchesEthSigUtilV4Vectors) {
  const json typed = json::parse(kArrayTypedData);
  const auto types = eip712_types_from_json(typed["types"]).value();
  EXPECT_EQ(to_hex(eip712_type_hash(types, "Person").value()),
            "0xfabfe1ed996349fc6027709802be19d047da1aa5d6894ff5f6486d92db2e6860");
  EXPECT_EQ(to_hex(eip712_type_hash(types, "Mail").value()),
            "0x4bd8a9a2b93427bb184aca81e24beb30ffa3c747e2a33d4225ec08bf12e2e753");
  EXPECT_EQ(to_hex(eip712_hash_struct(types, "Person", typed["message"]["from"]).value()),
            "0x9b4846dd48b866f0ac54d61b9b21a9e746f921cefa4ee94c4c0a1c49c774f67f");
  EXPECT_EQ(to_hex(eip712_hash_struct(types, "Person", typed["message"]["to"][0]).value()),
            "0xefa62530c7ae3a290f8a13a5fc20450bdb3a6af19d9d9d2542b5a94e631a9168");
  EXPECT_EQ(to_hex(eip712_hash_struct(types, "Mail", typed["message"]).value()),
            "0xeb4221181ff3f1a83ea7313993ca9218496e424604ba9492bb4052c03d5c3df8");
  EXPECT_EQ(to_hex(eip712_digest_from_json(typed).value()),
            "0xa85c2e2b118698e88db68a8105b794a8cc7cec074e89ef991cb4f5f533819cc2");
}

TEST(Eip712Types, SortsReferencedTypesByName) {
  const Eip712Types types{{"Z", {{"b", "B"}, {"a", "A[]"}}},
                          {"A", {{"x", "uint8"}}},
                          {"B", {{"c", "C"}}},
                          {"C", {{"y", "bytes32"}}}};
  EXPECT_EQ(eip712_encode_type(types, "Z").value(), "Z(B b,A[] a)A(uint8 x)B(C c)C(bytes32 y)");
}

TEST(Eip712Types, RefusesUnknownAndMalformedTypes) {
  for (const char* type : {"Nope", "uint7", "uint", "bytes33", "bytes0", "int257", "uint256[x]"}) {
    const Eip712Types types{{"S", {{"f", type}}}};
    const auto r = eip712_encode_type(types, "S");
    ASSERT_FALSE(r.ok()) << type;
    EXPECT_EQ(r.error().code, "invalid_eip712_type") << type;
  }
  EXPECT_EQ(eip712_encode_type(kMailTypes, "Missing").error().code, "invalid_eip712_type");
  EXPECT_EQ(eip712_types_from_json(json::array()).error().code, "invalid_eip712_type");
}

const Eip712Types kAtoms{{"S", {{"u8", "uint8"}, {"i8", "int8"}, {"b", "bool"}, {"b4", "bytes4"}}}};

TEST(Eip712Values, EncodesAtomsAndChecksRanges) {
  const json ok{{"u8", 255}, {"i8", -128}, {"b", true}, {"b4", "0x01020304"}};
  const Bytes data = eip712_encode_data(kAtoms, "S", ok).value();
  ASSERT_EQ(data.size(), 5u * 32u);
  EXPECT_EQ(data[32 + 31], 255);
  EXPECT_EQ(data[64], 0xff);  // -128 sign-extended
  EXPECT_EQ(data[64 + 31], 0x80);
  EXPECT_EQ(data[96 + 31], 1);
  EXPECT_EQ(data[128], 1);  // bytes4 left-aligned
  EXPECT_EQ(data[128 + 3], 4);
  EXPECT_EQ(data[128 + 4], 0);

  auto with = [&](const char* key, json v) {
    json j = ok;
    j[key] = std::move(v);
    return eip712_encode_data(kAtoms, "S", j);
  };
  EXPECT_EQ(with("i8", "127").value(), with("i8", 127).value());
  EXPECT_EQ(with("u8", "0xff").value(), data);
  for (const auto& [key, bad] : std::vector<std::pair<const char*, json>>{{"u8", 256},
                                                                          {"u8", -1},
                                                                          {"u8", 1.5},
                                                                          {"u8", "1e2"},
                                                                          {"u8", true},
                                                                          {"i8", 128},
                                                                          {"i8", -129},
                                                                          {"i8", "-129"},
                                                                          {"b", 1},
                                                                          {"b", "true"},
                                                                          {"b4", "0x010203"},
                                                                          {"b4", "0x0102030405"},
                                                                          {"b4", 1}}) {
    const auto r = with(key, bad);
    ASSERT_FALSE(r.ok()) << key << "=" << bad;
    EXPECT_EQ(r.error().code, "invalid_eip712_value") << key << "=" << bad;
    EXPECT_NE(r.error().message.find(std::string("S.") + key), std::string::npos)
        << r.error().message;
  }
}

TEST(Eip712Values, RefusesMissingFieldsAndBadAddresses) {
  json message = mail_message();
  message["to"].erase("wallet");
  auto r = eip712_hash_struct(kMailTypes, "Mail", message);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "invalid_eip712_value");
  EXPECT_NE(r.error().message.find("Mail.to.wallet"), std::string::npos) << r.error().message;

  message = mail_message();
  message["from"]["wallet"] = "0xcD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826";  // checksum broken
  EXPECT_EQ(eip712_hash_struct(kMailTypes, "Mail", message).error().code, "invalid_eip712_value");
  EXPECT_EQ(eip712_hash_struct(kMailTypes, "Mail", json::array()).error().code,
            "invalid_eip712_value");
}

TEST(Eip712Values, FixedArraysNeedTheirLength) {
  const Eip712Types types{{"S", {{"xs", "uint256[2]"}}}};
  EXPECT_TRUE(eip712_hash_struct(types, "S", json{{"xs", {1, 2}}}).ok());
  EXPECT_EQ(eip712_hash_struct(types, "S", json{{"xs", {1}}}).error().code, "invalid_eip712_value");
}

TEST(Eip712Domain, FromJsonRefusesUnknownFields) {
  EXPECT_EQ(eip712_domain_from_json(json{{"name", "x"}, {"chain", 1}}).error().code,
            "invalid_eip712_domain");
  EXPECT_EQ(eip712_domain_from_json(json{{"chainId", -1}}).error().code, "invalid_eip712_domain");
  EXPECT_EQ(eip712_digest_from_json(json{{"types", json::object()}}).error().code,
            "invalid_typed_data");
}

}  // namespace
}  // namespace polycopy::chain
