#pragma once
// Transactions of a Safe (Gnosis Safe 1.3.0, the 1-of-1 wallets of Polymarket's signature
// type 2; protocol doc 10.4): the owner signs the EIP-712 SafeTx hash (domain: chain id and
// the Safe's address) and any account sends execTransaction with that signature. Only plain
// calls without refunds are built: operation 0, no safeTxGas, baseGas, gasPrice, gas token or
// refund receiver.
#include <cstdint>

#include "chain/bytes.hpp"
#include "chain/private_key.hpp"
#include "chain/uint256.hpp"

namespace polycopy::chain {

struct SafeCall {
  Address to;
  Bytes data;
  Uint256 nonce;  // the Safe's nonce() when signed
};

// keccak256(0x19 0x01 || domainSeparator || keccak256(SafeTx struct)).
Bytes32 safe_transaction_hash(const SafeCall& call, std::uint64_t chain_id, const Address& safe);
// The owner's signature as the Safe checks it: r || s || v with v = 27 or 28.
Bytes safe_owner_signature(const Bytes32& hash, const PrivateKey& owner);

// execTransaction(to, 0, data, 0, 0, 0, 0, 0x0, 0x0, signatures).
Bytes exec_transaction_call(const SafeCall& call, const Bytes& signatures);
// Views: nonce(), getThreshold(), isOwner(owner), and getTransactionHash(...) of the call
// (what the Safe itself will check, to compare with safe_transaction_hash).
Bytes safe_nonce_call();
Bytes safe_threshold_call();
Bytes safe_is_owner_call(const Address& owner);
Bytes safe_get_transaction_hash_call(const SafeCall& call);

}  // namespace polycopy::chain
