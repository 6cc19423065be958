#include "polymarket/ctf/ctf_calls.hpp"

#include "chain/abi.hpp"

namespace polycopy::polymarket::ctf {
namespace {

// The signatures are constants of this file: encoding can only fail on a programming error.
chain::Bytes encode(std::string_view signature, std::span<const chain::AbiValue> args) {
  auto encoded = chain::abi_encode_call(signature, args);
  if (!encoded) throw core::Failure(encoded.error());
  return std::move(*encoded);
}

}  // namespace

chain::Bytes redeem_positions_call(const chain::Address& collateral,
                                   const chain::Bytes32& condition_id,
                                   const std::vector<std::uint64_t>& index_sets) {
  std::vector<chain::Uint256> sets;
  for (const auto set : index_sets) sets.emplace_back(set);
  const chain::AbiValue args[] = {collateral, chain::Bytes32{}, condition_id, sets};
  return encode("redeemPositions(address,bytes32,bytes32,uint256[])", args);
}

chain::Bytes neg_risk_redeem_call(const chain::Bytes32& condition_id,
                                  const std::vector<chain::Uint256>& amounts) {
  const chain::AbiValue args[] = {condition_id, amounts};
  return encode("redeemPositions(bytes32,uint256[])", args);
}

chain::Bytes payout_denominator_call(const chain::Bytes32& condition_id) {
  const chain::AbiValue args[] = {condition_id};
  return encode("payoutDenominator(bytes32)", args);
}

chain::Bytes payout_numerators_call(const chain::Bytes32& condition_id, std::uint64_t index) {
  const chain::AbiValue args[] = {condition_id, chain::Uint256(index)};
  return encode("payoutNumerators(bytes32,uint256)", args);
}

chain::Bytes outcome_slot_count_call(const chain::Bytes32& condition_id) {
  const chain::AbiValue args[] = {condition_id};
  return encode("getOutcomeSlotCount(bytes32)", args);
}

chain::Bytes erc1155_balance_call(const chain::Address& owner, const chain::Uint256& id) {
  const chain::AbiValue args[] = {owner, id};
  return encode("balanceOf(address,uint256)", args);
}

chain::Bytes erc20_balance_call(const chain::Address& owner) {
  const chain::AbiValue args[] = {owner};
  return encode("balanceOf(address)", args);
}

chain::Bytes is_approved_for_all_call(const chain::Address& owner,
                                      const chain::Address& operator_) {
  const chain::AbiValue args[] = {owner, operator_};
  return encode("isApprovedForAll(address,address)", args);
}

core::Result<chain::Uint256> decode_uint(chain::ByteView result) {
  if (result.size() != 32)
    return core::Error{"abi_decode_error",
                       "a uint256 result is 32 bytes, got " + std::to_string(result.size())};
  return chain::AbiDecoder(result).uint256(0);
}

}  // namespace polycopy::polymarket::ctf
