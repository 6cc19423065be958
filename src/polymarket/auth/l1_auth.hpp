#pragma once
// L1 authentication (protocol doc 8.1): the ClobAuth EIP-712 signature that creates or
// derives API keys.
#include <cstdint>
#include <string>
#include <string_view>

#include "chain/bytes.hpp"
#include "chain/private_key.hpp"
#include "chain/uint256.hpp"
#include "core/error.hpp"

namespace polycopy::polymarket {

struct L1Headers {
  std::string poly_address;    // the EOA, EIP-55
  std::string poly_signature;  // 0x + 65 bytes
  std::string poly_timestamp;  // Unix seconds
  std::string poly_nonce;
};

// chain_id 137 (Polygon) or 80002 (Amoy), else "unsupported_chain".
// The EIP-712 digest of ClobAuth{address, timestamp, nonce, message} under ClobAuthDomain
// for chain_id; the timestamp is hashed as the text given. Shared by signing and the venue's
// check (verify/auth_verify.hpp). Errors: "unsupported_chain".
core::Result<chain::Bytes32> clob_auth_digest(std::uint64_t chain_id, const chain::Address& address,
                                              std::string_view timestamp,
                                              const chain::Uint256& nonce);

core::Result<L1Headers> l1_headers(const chain::PrivateKey& key, std::uint64_t chain_id,
                                   std::uint64_t timestamp_s, const chain::Uint256& nonce);

}  // namespace polycopy::polymarket
