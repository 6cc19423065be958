#pragma once
// Calldata of the ConditionalTokens, NegRiskAdapter and ERC-20 calls redemption makes
// (protocol doc 10.3-10.5), and the reading of their eth_call results.
#include <cstdint>
#include <vector>

#include "chain/bytes.hpp"
#include "chain/uint256.hpp"
#include "core/error.hpp"

namespace polycopy::polymarket::ctf {

// CTF redeemPositions(collateral, parentCollectionId = 0, conditionId, indexSets).
chain::Bytes redeem_positions_call(const chain::Address& collateral,
                                   const chain::Bytes32& condition_id,
                                   const std::vector<std::uint64_t>& index_sets);
// NegRiskAdapter redeemPositions(conditionId, amounts = [yes, no]).
chain::Bytes neg_risk_redeem_call(const chain::Bytes32& condition_id,
                                  const std::vector<chain::Uint256>& amounts);
chain::Bytes payout_denominator_call(const chain::Bytes32& condition_id);
chain::Bytes payout_numerators_call(const chain::Bytes32& condition_id, std::uint64_t index);
chain::Bytes outcome_slot_count_call(const chain::Bytes32& condition_id);
// ERC-1155 balanceOf(owner, id) on the CTF; ERC-20 balanceOf(owner).
chain::Bytes erc1155_balance_call(const chain::Address& owner, const chain::Uint256& id);
chain::Bytes erc20_balance_call(const chain::Address& owner);
// ERC-1155 isApprovedForAll(owner, operator) on the CTF: the NegRiskAdapter moves the
// wallet's positions only as an approved operator.
chain::Bytes is_approved_for_all_call(const chain::Address& owner, const chain::Address& operator_);

// A single uint256 return value. Errors: "abi_decode_error".
core::Result<chain::Uint256> decode_uint(chain::ByteView result);

}  // namespace polycopy::polymarket::ctf
