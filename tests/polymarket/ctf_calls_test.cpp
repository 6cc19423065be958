// Calldata of the redemption calls against the protocol doc's selectors and its example
// (redeemPositions on the binary market 0x6fa1…094c with USDC.e), and strict result reading.
#include <gtest/gtest.h>

#include "chain/address.hpp"
#include "chain/hex.hpp"
#include "polymarket/ctf/ctf_calls.hpp"

namespace polycopy::polymarket::ctf {
namespace {

std::string selector(const chain::Bytes& call) {
  return chain::to_hex(chain::ByteView(call.data(), 4));
}
std::string word(std::string_view digits) {
  return std::string(64 - digits.size(), '0') + std::string(digits);
}

const auto kCondition =
    chain::parse_bytes32("0x6fa121d31b5ed65b5c34b32ae646e4751b37ffd49c3cbcc379b055e22e27094c")
        .value();

TEST(CtfCalls, RedeemPositionsAsTheDocsExample) {
  const auto usdc = chain::parse_address("0x2791Bca1f2de4661ED88A30C99A7a9449Aa84174").value();
  const auto call = redeem_positions_call(usdc, kCondition, {1, 2});
  EXPECT_EQ(chain::to_hex(call),
            "0x01b7037c" + word("2791bca1f2de4661ed88a30c99a7a9449aa84174") + word("") +
                "6fa121d31b5ed65b5c34b32ae646e4751b37ffd49c3cbcc379b055e22e27094c" + word("80") +
                word("2") + word("1") + word("2"));
}

TEST(CtfCalls, Selectors) {
  const chain::Address owner{};
  EXPECT_EQ(selector(neg_risk_redeem_call(kCondition, {chain::Uint256(5), chain::Uint256(0)})),
            "0xdbeccb23");
  EXPECT_EQ(selector(payout_denominator_call(kCondition)), "0xdd34de67");
  EXPECT_EQ(selector(payout_numerators_call(kCondition, 1)), "0x0504c814");
  EXPECT_EQ(selector(outcome_slot_count_call(kCondition)), "0xd42dc0c2");
  EXPECT_EQ(selector(erc1155_balance_call(owner, chain::Uint256(7))), "0x00fdd58e");
  EXPECT_EQ(selector(is_approved_for_all_call(owner, owner)), "0xe985e9c5");
  EXPECT_EQ(selector(erc20_balance_call(owner)), "0x70a08231");
  const auto amounts = neg_risk_redeem_call(kCondition, {chain::Uint256(5), chain::Uint256(0)});
  EXPECT_EQ(chain::to_hex(amounts).substr(10),
            "6fa121d31b5ed65b5c34b32ae646e4751b37ffd49c3cbcc379b055e22e27094c" + word("40") +
                word("2") + word("5") + word(""));
}

TEST(CtfCalls, UintResultsAreReadStrictly) {
  const auto bytes = chain::parse_hex("0x" + word("2a")).value();
  EXPECT_EQ(decode_uint(bytes).value().to_decimal(), "42");
  EXPECT_EQ(decode_uint(chain::Bytes{}).error().code, "abi_decode_error");
  EXPECT_EQ(decode_uint(chain::Bytes(33, 0)).error().code, "abi_decode_error");
}

}  // namespace
}  // namespace polycopy::polymarket::ctf
