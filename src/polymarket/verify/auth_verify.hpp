#pragma once
// The venue's side of L1 and L2 auth (protocol doc 8, 12): recover the ClobAuth signer,
// recompute the HMAC. Used by the simulator.
#include <cstdint>
#include <string>
#include <string_view>

#include "chain/address.hpp"
#include "core/error.hpp"
#include "polymarket/auth/l2_auth.hpp"

namespace polycopy::polymarket {

struct ReceivedL1 {
  std::string address;    // POLY_ADDRESS
  std::string signature;  // POLY_SIGNATURE
  std::string timestamp;  // POLY_TIMESTAMP (Unix seconds, decimal)
  std::string nonce;      // POLY_NONCE (decimal; "" = 0)
};

// The address whose key signed the ClobAuth message, after checking that it is
// POLY_ADDRESS and that the timestamp is within max_skew_s of now_s.
// Errors: "invalid_l1" (message says why), "unsupported_chain".
core::Result<chain::Address> verify_l1(const ReceivedL1& headers, std::uint64_t chain_id,
                                       std::int64_t now_s, std::int64_t max_skew_s);

// Whether signature is the L2 HMAC of request under secret (constant-time comparison;
// padded and unpadded base64url both accepted). Errors: "invalid_secret".
core::Result<bool> l2_signature_matches(std::string_view secret, const L2Request& request,
                                        std::string_view signature);

}  // namespace polycopy::polymarket
