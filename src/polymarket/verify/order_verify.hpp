#pragma once
// The venue's side of orders (protocol doc 7.4-7.6, 12): reading a POST /order body back
// into an Order and checking its signature as the exchange would. Used by the simulator;
// the inverse of orders/order_body.hpp and orders/order_signer.hpp.
#include <string>
#include <string_view>
#include <vector>

#include "chain/address.hpp"
#include "chain/bytes.hpp"
#include "core/error.hpp"
#include "polymarket/orders/order.hpp"
#include "polymarket/orders/order_body.hpp"

namespace polycopy::polymarket {

// One order envelope as received. The field set tells V1 (taker, nonce, feeRateBps) from
// V2/V3 (timestamp, metadata, builder); V2 and V3 share it, so order.version is v2 for both
// and order.neg_risk/chain_id are left for the caller, who knows the market.
struct ReceivedOrder {
  Order order;
  std::string signature;  // as received
  PostOptions post;
  bool v1_shape = false;
};

// Strict: every field present with the wire type (salt a number < 2^53, amounts and ids
// canonical decimal strings, amounts < 2^63, side "BUY"/"SELL", signatureType 0-3, maker
// and signer 0x + 40 hex in lower case or EIP-55 (WireAddress keeps which), signature 0x
// hex, orderType GTC/GTD/FOK/FAK, deferExec/postOnly booleans). V1's postOnly may be absent
// (clob-client 5.x omits it unless asked). Unknown extra keys are ignored. So a body the
// clients produce re-serialises with post_order_body to the same bytes (V1: postOnly added).
// Errors: "invalid_payload" (message names the field, never its value).
core::Result<ReceivedOrder> parse_order_envelope(std::string_view body);
// A JSON array of envelopes (POST /orders). Errors: "invalid_payload".
core::Result<std::vector<ReceivedOrder>> parse_order_envelopes(std::string_view body);

// The EIP-712 digest (= order id) of order for its exchange (version, neg_risk, chain_id).
// Errors: "unsupported_chain".
core::Result<chain::Bytes32> order_digest(const Order& order);

struct VerifiedOrder {
  chain::Bytes32 hash;       // the order id
  chain::Address signed_by;  // the EOA whose key signed (types 0-2: the signer field)
};

// What the exchange checks: types 0-2 recover the 65-byte signature over the digest and
// require it to be `signer`; type 0 also requires maker == signer. Type 3 (POLY_1271, V2/V3)
// unwraps the ERC-7739 envelope, requires its domain separator and contents hash to be this
// order's, maker == signer (the wallet), and recovers the inner EOA signature over the
// TypedDataSign digest (the deposit wallet's owner: the simulator has no contract to ask).
// Errors: "invalid_signature" (the message says why), "unsupported_chain".
core::Result<VerifiedOrder> verify_order_signature(const Order& order, std::string_view signature);

}  // namespace polycopy::polymarket
