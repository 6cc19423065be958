// The redeemer against a real EVM (ganache with the real ConditionalTokens): a winning LT
// position, settled by the resolver, is redeemed from its wallet once: the dry run only
// simulates and reports, the real run pays the wallet exactly the winning shares and
// confirms the record with what was paid, a second run submits nothing; a condition the
// chain has not resolved yet waits with a code.
#include <gtest/gtest.h>

#include "chain/address.hpp"
#include "chain/hex.hpp"
#include "engine/engine_fixture.hpp"
#include "engine/live_setup.hpp"
#include "engine/local_evm.hpp"
#include "engine/redeemer.hpp"
#include "engine/redemption_setup.hpp"
#include "risk/risk_manager.hpp"

namespace polycopy::engine {
namespace {

class RedeemerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    clock_.set(core::SystemClock().now());
    wallet_ = testing::store_redeeming_strategy(*fx_.store, box_, clock_.now(), evm_);
  }

  std::string market_with_position(int n, std::int64_t shares) {
    return testing::market_with_position(*fx_.store, risk_, clock_, evm_, n, shares);
  }
  void settle(const std::string& condition) {
    testing::settle_as_won(*fx_.store, risk_, clock_, condition);
  }

  std::uint64_t collateral_of_wallet(const std::string& condition) {
    return std::stoull(
        evm_.run("balances", "--wallet 0 --condition " + condition)["collateral_balance"]
            .get<std::string>());
  }

  RedeemerOptions options() {
    RedeemerOptions o;
    o.conditional_tokens = chain::parse_address(evm_.conditional_tokens()).value();
    o.neg_risk_adapter = o.conditional_tokens;  // no adapter on this chain: binary markets only
    o.collateral = chain::parse_address(evm_.collateral()).value();
    o.neg_risk_collateral = o.collateral;
    return o;
  }

  testing::LocalEvm evm_;
  testing::StoreFixture fx_;
  core::ManualClock clock_;
  core::SecretBox box_ = core::SecretBox::from_hex(std::string(64, 'e')).value();
  store::Wallet wallet_;
  risk::RiskManager risk_{*fx_.store, clock_};
  net::HttpClient http_;
  chain::JsonRpcClient rpc_{http_, {evm_.rpc_url()}};
  chain::EthClient eth_{rpc_};
  WalletAccess wallets_{*fx_.store, box_, http_, "http://127.0.0.1:9", clock_};
  ChainTxSender sender_{*fx_.store, eth_, clock_, {.chain_id = 137, .confirmations = 1}};
  Redeemer redeemer_{*fx_.store, risk_, eth_, sender_, wallets_, clock_, options()};
};

TEST_F(RedeemerTest, AWinningPositionIsRedeemedOnceForExactlyItsShares) {
  const auto condition = market_with_position(1, 5'000'000);
  evm_.run("report", "--question-id " + testing::redemption_question(1) + " --payouts 1,0");
  settle(condition);
  const auto due = fx_.store->list_redemptions_due(std::nullopt, clock_.now()).value();
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].record.expected.micros(), 5'000'000);
  const auto before = collateral_of_wallet(condition);

  // Dry run: simulated only, what it would pay reported, nothing written or sent.
  const auto dry = redeemer_.run("lt_a", /*dry_run=*/true).value();
  ASSERT_EQ(dry.groups.size(), 1u);
  EXPECT_EQ(dry.groups[0].outcome, "dry_run");
  EXPECT_FALSE(dry.groups[0].code) << dry.groups[0].message.value_or("");
  EXPECT_EQ(dry.groups[0].payout_units, "5000000");
  EXPECT_EQ(dry.groups[0].expected_units, "5000000");
  EXPECT_EQ(collateral_of_wallet(condition), before);
  EXPECT_EQ(fx_.store->list_redemptions_due(std::nullopt, clock_.now()).value()[0].record.state,
            store::RedemptionState::pending);

  const auto real = redeemer_.run("lt_a", false).value();
  ASSERT_EQ(real.groups.size(), 1u);
  EXPECT_EQ(real.groups[0].outcome, "confirmed") << real.groups[0].message.value_or("");
  EXPECT_EQ(real.groups[0].payout_units, "5000000");
  EXPECT_TRUE(real.problems.empty());
  EXPECT_EQ(collateral_of_wallet(condition) - before, 5'000'000u);
  const auto records = fx_.store->list_redemptions("usr_a", "lt_a").value();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].state, store::RedemptionState::confirmed);
  EXPECT_EQ(records[0].paid, core::Usd::from_micros(5'000'000));
  EXPECT_EQ(records[0].tx_hash, real.groups[0].tx_hash);
  const auto balances = evm_.run("balances", "--wallet 0 --condition " + condition)["balances"];
  EXPECT_EQ(balances[0], "0");

  // A second run: nothing is due, nothing is sent.
  const auto nonce =
      eth_.transaction_count(chain::parse_address(wallet_.address).value(), "latest").value();
  EXPECT_TRUE(redeemer_.run("lt_a", false).value().groups.empty());
  EXPECT_EQ(eth_.transaction_count(chain::parse_address(wallet_.address).value(), "latest").value(),
            nonce);
}

TEST_F(RedeemerTest, AConditionTheChainHasNotResolvedWaits) {
  const auto condition = market_with_position(2, 3'000'000);
  settle(condition);  // the store knows the result; the oracle has not reported on chain
  const auto report = redeemer_.run(std::nullopt, false).value();
  ASSERT_EQ(report.groups.size(), 1u);
  EXPECT_EQ(report.groups[0].outcome, "waiting");
  EXPECT_EQ(report.groups[0].code, "condition_unresolved");
  ASSERT_EQ(report.problems.size(), 1u);
  const auto records = fx_.store->list_redemptions("usr_a", "lt_a").value();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].state, store::RedemptionState::pending);
  EXPECT_NE(records[0].last_error.value_or("").find("condition_unresolved"), std::string::npos);
  EXPECT_FALSE(fx_.store->find_live_chain_transaction("redeem:wal_1:" + condition).value());

  // Once reported, the next pass redeems it.
  evm_.run("report", "--question-id " + testing::redemption_question(2) + " --payouts 1,0");
  const auto later = redeemer_.run(std::nullopt, false).value();
  ASSERT_EQ(later.groups.size(), 1u);
  EXPECT_EQ(later.groups[0].outcome, "confirmed");
  EXPECT_EQ(later.groups[0].payout_units, "3000000");
}

}  // namespace
}  // namespace polycopy::engine
