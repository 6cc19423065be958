#pragma once
// EIP-1559 (type 2) transactions: the fields, the hash a sender signs, and the signed raw
// transaction eth_sendRawTransaction takes (0x02 || rlp([chain_id, nonce,
// max_priority_fee_per_gas, max_fee_per_gas, gas, to, value, data, access_list, y_parity, r,
// s])), with its transaction hash.
#include <cstdint>
#include <optional>
#include <vector>

#include "chain/bytes.hpp"
#include "chain/private_key.hpp"
#include "chain/uint256.hpp"

namespace polycopy::chain {

struct AccessListEntry {
  Address address;
  std::vector<Bytes32> storage_keys;
};

struct Eip1559Transaction {
  std::uint64_t chain_id = 0;
  std::uint64_t nonce = 0;
  Uint256 max_priority_fee_per_gas;  // wei
  Uint256 max_fee_per_gas;           // wei
  std::uint64_t gas = 0;             // gas limit
  std::optional<Address> to;         // none: a contract creation
  Uint256 value;                     // wei
  Bytes data;
  std::vector<AccessListEntry> access_list;
};

struct SignedTransaction {
  Bytes raw;     // what eth_sendRawTransaction takes
  Bytes32 hash;  // keccak256(raw): the id the chain knows it by
  Address from;
};

// 0x02 || rlp of the nine unsigned fields.
Bytes unsigned_payload(const Eip1559Transaction& tx);
// keccak256(unsigned_payload(tx)): what the sender's key signs.
Bytes32 signing_hash(const Eip1559Transaction& tx);
SignedTransaction sign_transaction(const Eip1559Transaction& tx, const PrivateKey& key);

}  // namespace polycopy::chain
