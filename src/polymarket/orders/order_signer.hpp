#pragma once
// EIP-712 hashing and signing of an Order for its exchange, as the official client does it,
// including the V2/V3 POLY_1271 (ERC-7739 TypedDataSign) wrapper.
#include "chain/bytes.hpp"
#include "chain/private_key.hpp"
#include "core/error.hpp"
#include "polymarket/orders/exchange.hpp"
#include "polymarket/orders/order.hpp"

namespace polycopy::polymarket {

// Errors: "unsupported_chain" (not 137 / 80002), "signature_type_not_supported"
// (POLY_1271 in V1), "invalid_salt" (>= 2^53), "invalid_amount" (negative amounts).
// For types 0-2 the key must be the signer's ("signer_mismatch", as the client checks).
core::Result<SignedOrder> sign_order(const Order& order, const chain::PrivateKey& key);

// The pieces below are shared with the venue's side (verify/order_verify.hpp), so signing
// and verifying hash with one implementation.

// hashStruct(order) for ex (ex must be the order's exchange: its field set is the version's).
chain::Bytes32 order_struct_hash(const Exchange& ex, const Order& order);

// POLY_1271 (V2/V3, ex.typed_data_sign set): the digest the wallet's owner signs,
// TypedDataSign{contents, "DepositWallet", "1", chainId, wallet, 0} under the exchange domain.
chain::Bytes32 poly_1271_digest(const Exchange& ex, const chain::Address& wallet,
                                const chain::Bytes32& contents);

}  // namespace polycopy::polymarket
