#pragma once
// EIP-712 hashing and signing of an Order for its exchange, as the official client does it,
// including the V2/V3 POLY_1271 (ERC-7739 TypedDataSign) wrapper.
#include "chain/private_key.hpp"
#include "core/error.hpp"
#include "polymarket/orders/order.hpp"

namespace polycopy::polymarket {

// Errors: "unsupported_chain" (not 137 / 80002), "signature_type_not_supported"
// (POLY_1271 in V1), "invalid_salt" (>= 2^53), "invalid_amount" (negative amounts).
// For types 0-2 the key must be the signer's ("signer_mismatch", as the client checks).
core::Result<SignedOrder> sign_order(const Order& order, const chain::PrivateKey& key);

}  // namespace polycopy::polymarket
