#include "chain/eip1559.hpp"

#include "chain/keccak.hpp"
#include "chain/rlp.hpp"

namespace polycopy::chain {
namespace {

constexpr std::uint8_t kType = 0x02;

std::vector<Bytes> unsigned_fields(const Eip1559Transaction& tx) {
  std::vector<Bytes> access_list;
  access_list.reserve(tx.access_list.size());
  for (const auto& entry : tx.access_list) {
    std::vector<Bytes> keys;
    keys.reserve(entry.storage_keys.size());
    for (const auto& key : entry.storage_keys) keys.push_back(rlp::encode_bytes(key.view()));
    access_list.push_back(
        rlp::encode_list({rlp::encode_bytes(entry.address.view()), rlp::encode_list(keys)}));
  }
  return {rlp::encode_uint(tx.chain_id),
          rlp::encode_uint(tx.nonce),
          rlp::encode_uint(tx.max_priority_fee_per_gas),
          rlp::encode_uint(tx.max_fee_per_gas),
          rlp::encode_uint(tx.gas),
          tx.to ? rlp::encode_bytes(tx.to->view()) : rlp::encode_bytes({}),
          rlp::encode_uint(tx.value),
          rlp::encode_bytes(tx.data),
          rlp::encode_list(access_list)};
}

Bytes typed(const std::vector<Bytes>& fields) {
  Bytes out{kType};
  const Bytes list = rlp::encode_list(fields);
  out.insert(out.end(), list.begin(), list.end());
  return out;
}

}  // namespace

Bytes unsigned_payload(const Eip1559Transaction& tx) {
  return typed(unsigned_fields(tx));
}

Bytes32 signing_hash(const Eip1559Transaction& tx) {
  return keccak256(unsigned_payload(tx));
}

SignedTransaction sign_transaction(const Eip1559Transaction& tx, const PrivateKey& key) {
  const Signature signature = key.sign_digest(signing_hash(tx));
  auto fields = unsigned_fields(tx);
  fields.push_back(rlp::encode_uint(std::uint64_t{signature.v() - 27u}));  // y parity
  fields.push_back(rlp::encode_uint(Uint256::from_word(signature.r())));
  fields.push_back(rlp::encode_uint(Uint256::from_word(signature.s())));
  SignedTransaction out;
  out.raw = typed(fields);
  out.hash = keccak256(out.raw);
  out.from = key.address();
  return out;
}

}  // namespace polycopy::chain
