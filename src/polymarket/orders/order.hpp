#pragma once
// A Polymarket order as signed and posted (protocol doc 7.4-7.6), in exact types.
#include <cstdint>
#include <string>

#include "chain/bytes.hpp"
#include "chain/uint256.hpp"
#include "polymarket/orders/types.hpp"

namespace polycopy::polymarket {

// An address and the spelling it travels in: the signature covers the value, the body
// keeps the spelling the client was given (the EOA checksummed, a funder as typed).
struct WireAddress {
  chain::Address value;
  bool checksummed = true;  // EIP-55, else all lower case

  std::string text() const;
};

// salt must stay below 2^53: the body carries it as a JSON number.
inline constexpr std::uint64_t kMaxSalt = (std::uint64_t{1} << 53) - 1;

struct Order {
  ProtocolVersion version = ProtocolVersion::v2;
  std::uint64_t chain_id = 137;
  bool neg_risk = false;  // picks the exchange (V1, V2)

  std::uint64_t salt = 0;
  WireAddress maker;
  WireAddress signer;
  chain::Uint256 token_id;
  std::int64_t maker_amount = 0;  // micro-units (6 decimals)
  std::int64_t taker_amount = 0;
  Side side = Side::buy;
  SignatureType signature_type = SignatureType::eoa;
  std::uint64_t expiration = 0;  // Unix seconds, 0 = none (V2/V3: in the body, not signed)

  // V1 only.
  chain::Address taker;  // zero: anyone may fill
  chain::Uint256 nonce;
  chain::Uint256 fee_rate_bps;

  // V2/V3 only.
  std::uint64_t timestamp_ms = 0;
  chain::Bytes32 metadata;
  chain::Bytes32 builder;
};

struct SignedOrder {
  Order order;
  chain::Bytes32 hash;    // the EIP-712 digest: the orderID the CLOB answers with
  std::string signature;  // "0x" + hex: 65 bytes, or the 317-byte POLY_1271 wrapper
};

}  // namespace polycopy::polymarket
