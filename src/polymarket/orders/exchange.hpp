#pragma once
// The exchange contract an order is signed for, with its EIP-712 hashers computed once
// (protocol doc 7.4, 7.5, 10.1; addresses from clob-client-v2 src/config.ts).
#include <cstdint>
#include <optional>
#include <string_view>

#include "chain/bytes.hpp"
#include "chain/eip712_struct_hasher.hpp"
#include "polymarket/orders/types.hpp"

namespace polycopy::polymarket {

inline constexpr std::uint64_t kPolygonChainId = 137;
inline constexpr std::uint64_t kAmoyChainId = 80002;

// V2/V3 order type string; the POLY_1271 wrapper carries it verbatim.
inline constexpr std::string_view kOrderTypeStringV2 =
    "Order(uint256 salt,address maker,address signer,uint256 tokenId,uint256 makerAmount,"
    "uint256 takerAmount,uint8 side,uint8 signatureType,uint256 timestamp,bytes32 metadata,"
    "bytes32 builder)";

struct Exchange {
  ProtocolVersion version;
  std::uint64_t chain_id;
  chain::Address contract;
  chain::Eip712StructHasher order;  // Order under the exchange domain
  // V2/V3: TypedDataSign(Order contents,...) under the same domain, for POLY_1271.
  std::optional<chain::Eip712StructHasher> typed_data_sign;
};

// Neg-risk markets have their own exchange in V1 and V2; V3 has one for all markets.
// nullptr for a chain other than 137 and 80002. The objects live for the whole program.
const Exchange* find_exchange(ProtocolVersion version, bool neg_risk, std::uint64_t chain_id);

}  // namespace polycopy::polymarket
