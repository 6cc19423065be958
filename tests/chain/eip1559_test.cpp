// EIP-1559 transactions byte for byte against viem (tools/evm/gen-tx-cases.mjs, seeded
// random cases plus edges: zero nonce and value, empty and long data, 2^256-1 values,
// leading zero bytes, access lists, several chain ids): the unsigned payload, the hash that
// is signed, the signed raw transaction, its hash and its sender.
#include <gtest/gtest.h>

#include "chain/address.hpp"
#include "chain/eip1559.hpp"
#include "chain/hex.hpp"
#include "chain/node_script.hpp"

namespace polycopy::chain {
namespace {

Uint256 uint(const nlohmann::ordered_json& value) {
  return Uint256::parse_decimal(value.get<std::string>()).value();
}

Eip1559Transaction transaction_of(const nlohmann::ordered_json& c) {
  Eip1559Transaction tx;
  tx.chain_id = uint(c["chain_id"]).to_u64().value();
  tx.nonce = uint(c["nonce"]).to_u64().value();
  tx.max_priority_fee_per_gas = uint(c["max_priority_fee_per_gas"]);
  tx.max_fee_per_gas = uint(c["max_fee_per_gas"]);
  tx.gas = uint(c["gas"]).to_u64().value();
  tx.to = parse_address(c["to"].get<std::string>()).value();
  tx.value = uint(c["value"]);
  tx.data = parse_hex(c["data"].get<std::string>()).value();
  for (const auto& entry : c["access_list"]) {
    AccessListEntry e;
    e.address = parse_address(entry["address"].get<std::string>()).value();
    for (const auto& key : entry["storage_keys"])
      e.storage_keys.push_back(parse_bytes32(key.get<std::string>()).value());
    tx.access_list.push_back(std::move(e));
  }
  return tx;
}

TEST(Eip1559, MatchesViemByteForByte) {
  const auto cases =
      test::node_json_lines("evm", "gen-tx-cases.mjs", "--seed 7 --count 200", "viem");
  ASSERT_GE(cases.size(), 200u);
  int with_access_list = 0, long_data = 0;
  for (const auto& c : cases) {
    const auto tx = transaction_of(c);
    const auto key = PrivateKey::parse(c["private_key"].get<std::string>()).value();
    SCOPED_TRACE(c.dump());
    EXPECT_EQ(to_hex(unsigned_payload(tx)), c["unsigned"].get<std::string>());
    EXPECT_EQ(to_hex(signing_hash(tx)), c["signing_hash"].get<std::string>());
    const auto signed_tx = sign_transaction(tx, key);
    EXPECT_EQ(to_hex(signed_tx.raw), c["raw"].get<std::string>());
    EXPECT_EQ(to_hex(signed_tx.hash), c["hash"].get<std::string>());
    EXPECT_EQ(to_checksum_address(signed_tx.from), c["from"].get<std::string>());
    if (!tx.access_list.empty()) ++with_access_list;
    if (tx.data.size() > 256) ++long_data;
  }
  EXPECT_GT(with_access_list, 0);
  EXPECT_GT(long_data, 0);
}

TEST(Eip1559, TheSignatureRecoversTheSender) {
  const auto key = PrivateKey::parse("0x" + std::string(63, '0') + "7").value();
  Eip1559Transaction tx;
  tx.chain_id = 137;
  tx.nonce = 3;
  tx.max_priority_fee_per_gas = Uint256(30'000'000'000);
  tx.max_fee_per_gas = Uint256(90'000'000'000);
  tx.gas = 200'000;
  tx.to = parse_address("0x4D97DCd97eC945f40cF65F87097ACe5EA0476045").value();
  tx.data = {0x01, 0x02};
  const auto signed_tx = sign_transaction(tx, key);
  EXPECT_EQ(signed_tx.raw.front(), 0x02);
  EXPECT_EQ(signed_tx.from, key.address());
  EXPECT_EQ(recover_address(signing_hash(tx), key.sign_digest(signing_hash(tx))).value(),
            key.address());
  // Any field changes what is signed.
  auto other = tx;
  other.nonce = 4;
  EXPECT_NE(signing_hash(other), signing_hash(tx));
  other = tx;
  other.chain_id = 1;
  EXPECT_NE(signing_hash(other), signing_hash(tx));
}

}  // namespace
}  // namespace polycopy::chain
