#pragma once
// The ConditionalTokens ids (protocol doc 10.2): a condition from (oracle, question, outcome
// count), the collection of an index set of it (a point on alt_bn128 in this CTF version,
// not a plain hash), and the position id (the ERC-1155 token id, the CLOB's token id) of a
// collection backed by a collateral: USDC.e for binary markets, the neg-risk wrapped
// collateral (wcol) for neg-risk ones.
#include <cstdint>

#include "chain/bytes.hpp"
#include "chain/uint256.hpp"

namespace polycopy::polymarket::ctf {

chain::Bytes32 condition_id(const chain::Address& oracle, const chain::Bytes32& question_id,
                            std::uint64_t outcome_slot_count);
// With the parent collection 0 (Polymarket's markets are never nested).
chain::Bytes32 collection_id(const chain::Bytes32& condition_id, std::uint64_t index_set);
chain::Uint256 position_id(const chain::Address& collateral, const chain::Bytes32& collection_id);

}  // namespace polycopy::polymarket::ctf
