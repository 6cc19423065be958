// The redeemer against a real EVM (ganache with the real ConditionalTokens): a winning LT
// position, settled by the resolver, is redeemed from its wallet once: the dry run only
// simulates and reports, the real run pays the wallet exactly the winning shares and
// confirms the record with what was paid, a second run submits nothing; a condition the
// chain has not resolved yet waits with a code; a 50/50 payout pays half; a losing position
// sends nothing; what the wallet held beyond the position is paid and booked as PnL (alerted);
// two strategies on one wallet share one transaction; a node that drops the first send and
// two restarts still make one transaction, as does a crash between the send and the records'
// update; a mined revert fails the records, which are tried
// again after their delay; adapters (NegRiskAdapter, pUSD collateral adapter) need the
// holder's approval, and a target without contract code is refused; a Safe's positions are
// redeemed through the Safe (a real Gnosis Safe 1.3.0), and a Safe the signer does not own is
// refused.
#include <gtest/gtest.h>

#include <algorithm>

#include "chain/address.hpp"
#include "chain/hex.hpp"
#include "engine/engine_fixture.hpp"
#include "engine/live_setup.hpp"
#include "engine/local_evm.hpp"
#include "engine/redeemer.hpp"
#include "engine/redemption_setup.hpp"
#include "net/raw_http_server.hpp"
#include "polymarket/ctf/ctf_calls.hpp"
#include "risk/risk_manager.hpp"

namespace polycopy::engine {
namespace {

class RedeemerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    clock_.set(core::SystemClock().now());
    wallet_ = testing::store_redeeming_strategy(*fx_.store, box_, clock_.now(), evm_);
  }

  std::int64_t realised_pnl(const std::string& lt_id) {
    return fx_.store->get_risk_snapshot("usr_a", lt_id, clock_.now())
        .value()
        ->state.realised_pnl.micros();
  }
  // A 1-of-1 Safe owned by EVM wallet `owner` holding `shares` of market n's Yes, which lt_a
  // bought and won; lt_a trades from wal_2, signed by EVM wallet 1 for that Safe.
  std::pair<std::string, testing::ChainMarket> safe_holding_a_winner(int owner, int n,
                                                                     std::int64_t shares) {
    const std::string safe =
        evm_.run("safe-create", "--owner " + std::to_string(owner))["safe"].get<std::string>();
    const auto key = evm_.deployment()["wallets"][1]["private_key"].get<std::string>();
    testing::store_safe_wallet(*fx_.store, box_, key, "wal_2", safe, clock_.now());
    auto strategy = fx_.store->find_lt_strategy("lt_a").value().value();
    strategy.params.wallet_id = "wal_2";
    EXPECT_TRUE(fx_.store->update_lt_strategy(strategy, {}).ok());
    // Wallet 0 splits; the Safe receives the Yes tokens the strategy bought.
    const auto market = testing::chain_market(*fx_.store, clock_, evm_, n, shares);
    evm_.run("transfer", "--wallet 0 --to-address " + safe + " --condition " + market.condition +
                             " --outcome 0 --amount " + std::to_string(shares));
    testing::buy_yes(*fx_.store, risk_, clock_, market, "lt_a", n, shares);
    evm_.run("report", "--question-id " + testing::redemption_question(n) + " --payouts 1,0");
    settle(market.condition);
    return {safe, market};
  }
  std::vector<std::string> redemption_ids() {
    const auto records = fx_.store->list_redemptions("usr_a", "lt_a").value();
    std::vector<std::string> out;
    for (const auto& r : records) out.push_back(r.id);
    return out;
  }
  std::uint64_t nonce() {
    return eth_.transaction_count(chain::parse_address(wallet_.address).value(), "latest").value();
  }
  std::string market_with_position(int n, std::int64_t shares) {
    return testing::market_with_position(*fx_.store, risk_, clock_, evm_, n, shares);
  }
  void settle(const std::string& condition) {
    testing::settle_as_won(*fx_.store, risk_, clock_, condition);
  }

  std::uint64_t collateral_of_wallet(const std::string& condition) const {
    return evm_.collateral_of(0, condition);
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

TEST_F(RedeemerTest, AFiftyFiftyPayoutPaysHalfOfTheShares) {
  const auto market = testing::chain_market(*fx_.store, clock_, evm_, 3, 4'000'000);
  testing::buy_yes(*fx_.store, risk_, clock_, market, "lt_a", 3, 4'000'000);
  // The wallet keeps only the side it bought, as after a buy on the venue.
  evm_.run("transfer",
           "--wallet 0 --to 1 --condition " + market.condition + " --outcome 1 --amount 4000000");
  evm_.run("report", "--question-id " + testing::redemption_question(3) + " --payouts 1,1");
  testing::settle_as(*fx_.store, risk_, clock_, market.condition, 1, 1);
  const auto before = collateral_of_wallet(market.condition);
  const auto pnl_before = realised_pnl("lt_a");

  const auto report = redeemer_.run("lt_a", false).value();
  ASSERT_EQ(report.groups.size(), 1u);
  EXPECT_EQ(report.groups[0].outcome, "confirmed") << report.groups[0].message.value_or("");
  EXPECT_EQ(report.groups[0].expected_units, "2000000");
  EXPECT_EQ(report.groups[0].payout_units, "2000000");
  EXPECT_FALSE(report.groups[0].code);
  EXPECT_EQ(collateral_of_wallet(market.condition) - before, 2'000'000u);
  EXPECT_EQ(realised_pnl("lt_a"), pnl_before);  // the resolution booked it already
  EXPECT_EQ(fx_.store->list_redemptions("usr_a", "lt_a").value()[0].paid,
            core::Usd::from_micros(2'000'000));
}

TEST_F(RedeemerTest, ALosingPositionSendsNothing) {
  const auto condition = market_with_position(4, 2'000'000);
  evm_.run("report", "--question-id " + testing::redemption_question(4) + " --payouts 0,1");
  testing::settle_as(*fx_.store, risk_, clock_, condition, 0, 1);
  const auto records = fx_.store->list_redemptions("usr_a", "lt_a").value();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].state, store::RedemptionState::closed);
  const auto sent = nonce();
  EXPECT_TRUE(redeemer_.run("lt_a", false).value().groups.empty());
  EXPECT_EQ(nonce(), sent);
}

TEST_F(RedeemerTest, WhatTheWalletHeldBeyondThePositionIsPaidAndBookedAsPnl) {
  const auto market = testing::chain_market(*fx_.store, clock_, evm_, 5, 7'000'000);
  testing::buy_yes(*fx_.store, risk_, clock_, market, "lt_a", 5, 5'000'000);
  evm_.run("report", "--question-id " + testing::redemption_question(5) + " --payouts 1,0");
  settle(market.condition);
  const auto pnl_before = realised_pnl("lt_a");
  const auto before = collateral_of_wallet(market.condition);

  const auto report = redeemer_.run("lt_a", false).value();
  ASSERT_EQ(report.groups.size(), 1u);
  EXPECT_EQ(report.groups[0].outcome, "confirmed");
  EXPECT_EQ(report.groups[0].payout_units, "7000000");
  EXPECT_EQ(report.groups[0].code, "payout_mismatch");
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_EQ(collateral_of_wallet(market.condition) - before, 7'000'000u);
  // The chain's word is final: 2 USD more than the resolution booked.
  EXPECT_EQ(realised_pnl("lt_a") - pnl_before, 2'000'000);
  const auto record = fx_.store->list_redemptions("usr_a", "lt_a").value()[0];
  EXPECT_EQ(record.state, store::RedemptionState::confirmed);
  EXPECT_EQ(record.paid, core::Usd::from_micros(7'000'000));
  const auto alerts = fx_.store->list_open_alerts("usr_a").value();
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].code, "payout_mismatch");
  EXPECT_EQ(alerts[0].severity, "warning");

  // Booked once: a confirmed record is not due again, and booking it again is a no-op.
  EXPECT_TRUE(redeemer_.run("lt_a", false).value().groups.empty());
  risk::RedemptionPaidEvent again;
  again.redemption_id = record.id;
  again.paid = core::Usd::from_micros(9'000'000);
  EXPECT_TRUE(risk_.record_redemption_paid("lt_a", again).value().no_op);
  EXPECT_EQ(realised_pnl("lt_a") - pnl_before, 2'000'000);
  again.redemption_id = "rdm_unknown";
  EXPECT_EQ(risk_.record_redemption_paid("lt_a", again).error().code, "not_found");
}

TEST_F(RedeemerTest, TwoStrategiesOnOneWalletShareOneTransaction) {
  ASSERT_TRUE(
      fx_.store->insert_lt_strategy(testing::live_strategy("lt_b", "live b", clock_.now())).ok());
  const auto market = testing::chain_market(*fx_.store, clock_, evm_, 6, 8'000'000);
  testing::buy_yes(*fx_.store, risk_, clock_, market, "lt_a", 6, 5'000'000);
  testing::buy_yes(*fx_.store, risk_, clock_, market, "lt_b", 7, 3'000'000);
  evm_.run("report", "--question-id " + testing::redemption_question(6) + " --payouts 1,0");
  settle(market.condition);
  const auto sent = nonce();

  // lt_b's run redeems the wallet's whole holding: lt_a's record is settled by it too.
  const auto report = redeemer_.run("lt_b", false).value();
  ASSERT_EQ(report.groups.size(), 1u);
  EXPECT_EQ(report.groups[0].redemption_ids.size(), 2u);
  EXPECT_EQ(report.groups[0].outcome, "confirmed");
  EXPECT_FALSE(report.groups[0].code);
  EXPECT_EQ(nonce(), sent + 1);
  const auto a = fx_.store->list_redemptions("usr_a", "lt_a").value();
  const auto b = fx_.store->list_redemptions("usr_a", "lt_b").value();
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(a[0].paid, core::Usd::from_micros(5'000'000));
  EXPECT_EQ(b[0].paid, core::Usd::from_micros(3'000'000));
  EXPECT_EQ(a[0].tx_hash, b[0].tx_hash);
  EXPECT_TRUE(redeemer_.run("lt_a", false).value().groups.empty());
  EXPECT_EQ(nonce(), sent + 1);
}

TEST_F(RedeemerTest, ADroppedSendAndRestartsRedeemWithOneTransaction) {
  const auto condition = market_with_position(12, 6'000'000);
  evm_.run("report", "--question-id " + testing::redemption_question(12) + " --payouts 1,0");
  settle(condition);
  // A node in front of ganache that drops the first two eth_sendRawTransaction: the first
  // pass (submit, then its advance) never gets the transaction out.
  net::HttpClient upstream;
  int sends = 0;
  net::testing::RawHttpServer flaky([&](int, const std::string& request) {
    const std::string body = request.substr(request.find("\r\n\r\n") + 4);
    if (body.find("eth_sendRawTransaction") != std::string::npos && sends++ < 2)
      return net::testing::RawReply{net::testing::http_response(502, "bad gateway")};
    const auto answer = upstream.post(evm_.rpc_url(), body, {{"Content-Type", "application/json"}});
    return net::testing::RawReply{
        net::testing::http_response(answer.ok() ? 200 : 502, answer.ok() ? answer->body : "")};
  });
  net::HttpClientOptions one_attempt;
  one_attempt.retry.max_attempts = 1;
  net::HttpClient impatient(one_attempt);
  chain::JsonRpcClient rpc(impatient, {flaky.url("/")});
  chain::EthClient eth(rpc);
  const auto sent_before = nonce();
  const auto before = collateral_of_wallet(condition);
  // Each pass is a fresh process: a new sender and redeemer over the same store.
  const auto pass = [&] {
    ChainTxSender sender(*fx_.store, eth, clock_, {.chain_id = 137, .confirmations = 1});
    Redeemer redeemer(*fx_.store, risk_, eth, sender, wallets_, clock_, options());
    return redeemer.run("lt_a", false).value().groups.at(0);
  };
  const auto first = pass();
  EXPECT_EQ(first.outcome, "submitted");  // written ahead; the node never got it
  EXPECT_EQ(nonce(), sent_before);
  EXPECT_EQ(fx_.store->list_redemptions("usr_a", "lt_a").value()[0].state,
            store::RedemptionState::submitted);
  // A restart sends the same bytes; another between the broadcast and the receipt finds it.
  RedemptionGroupReport last = pass();
  EXPECT_EQ(nonce(), sent_before + 1);
  for (int i = 0; i < 3 && last.outcome == "submitted"; ++i) last = pass();
  EXPECT_EQ(last.outcome, "confirmed") << last.message.value_or("");
  EXPECT_EQ(last.tx_hash, first.tx_hash);
  EXPECT_EQ(sends, 3);
  EXPECT_EQ(nonce(), sent_before + 1);
  EXPECT_EQ(collateral_of_wallet(condition) - before, 6'000'000u);
  EXPECT_EQ(fx_.store->list_redemptions("usr_a", "lt_a").value()[0].paid,
            core::Usd::from_micros(6'000'000));
}

TEST_F(RedeemerTest, ACrashBetweenTheSendAndTheRecordsUpdateSendsNothingMore) {
  const auto condition = market_with_position(15, 2'000'000);
  evm_.run("report", "--question-id " + testing::redemption_question(15) + " --payouts 1,0");
  settle(condition);
  // The transaction was written and mined; the process died before the records said so.
  const auto tx = testing::write_ahead(
      *fx_.store, eth_, evm_.wallet_key(0), clock_, "ctx_crash", "redeem:wal_1:" + condition,
      chain::parse_address(evm_.conditional_tokens()).value(),
      polymarket::ctf::redeem_positions_call(chain::parse_address(evm_.collateral()).value(),
                                             chain::parse_bytes32(condition).value(), {1, 2}),
      10'000'000'000, 1'000'000'000);
  ChainTxSender(*fx_.store, eth_, clock_, {.chain_id = 137, .confirmations = 1})
      .advance(tx.id, evm_.wallet_key(0))
      .value();
  const auto sent = nonce();
  EXPECT_EQ(fx_.store->list_redemptions("usr_a", "lt_a").value()[0].state,
            store::RedemptionState::pending);

  RedemptionGroupReport last;
  for (int pass = 0; pass < 3 && last.outcome != "confirmed"; ++pass)
    last = redeemer_.run("lt_a", false).value().groups.at(0);
  EXPECT_EQ(last.outcome, "confirmed") << last.message.value_or("");
  EXPECT_EQ(last.tx_hash, tx.tx_hash);
  EXPECT_EQ(nonce(), sent);  // nothing more was sent
  const auto record = fx_.store->list_redemptions("usr_a", "lt_a").value()[0];
  EXPECT_EQ(record.paid, core::Usd::from_micros(2'000'000));
  EXPECT_EQ(record.attempts, 1);
}

TEST_F(RedeemerTest, ARepricedTransactionsNewHashIsNotAnotherAttempt) {
  const auto condition = market_with_position(16, 1'000'000);
  settle(condition);
  const auto ids = redemption_ids();
  const std::string first = "0x" + std::string(64, 'a'), second = "0x" + std::string(64, 'b');
  ASSERT_TRUE(fx_.store->mark_redemptions_submitted(ids, first, clock_.now()).ok());
  ASSERT_TRUE(fx_.store->mark_redemptions_submitted(ids, second, clock_.now()).ok());
  const auto record = fx_.store->list_redemptions("usr_a", "lt_a").value()[0];
  EXPECT_EQ(record.tx_hash, second);
  EXPECT_EQ(record.attempts, 1);
}

TEST_F(RedeemerTest, AMinedRevertFailsTheRecordsWhichAreTriedAgainAfterTheirDelay) {
  const auto condition = market_with_position(8, 3'000'000);
  settle(condition);  // the store knows; the chain has not reported yet
  // A redemption sent as if the estimate had passed: mined, it reverts.
  const auto ctf = chain::parse_address(evm_.conditional_tokens()).value();
  const auto tx = testing::write_ahead(
      *fx_.store, eth_, evm_.wallet_key(0), clock_, "ctx_revert", "redeem:wal_1:" + condition, ctf,
      polymarket::ctf::redeem_positions_call(chain::parse_address(evm_.collateral()).value(),
                                             chain::parse_bytes32(condition).value(), {1, 2}),
      10'000'000'000, 1'000'000'000);
  const auto ids = redemption_ids();
  ASSERT_TRUE(fx_.store->mark_redemptions_submitted(ids, tx.tx_hash, clock_.now()).ok());

  // Passes until the transaction is mined and failed: the records fail with a retry time.
  RedemptionGroupReport last;
  for (int pass = 0; pass < 3 && last.outcome != "failed"; ++pass)
    last = redeemer_.run("lt_a", false).value().groups.at(0);
  ASSERT_EQ(last.outcome, "failed");
  EXPECT_EQ(last.code, "transaction_reverted");
  auto record = fx_.store->list_redemptions("usr_a", "lt_a").value()[0];
  EXPECT_EQ(record.state, store::RedemptionState::failed);
  EXPECT_EQ(record.attempts, 1);
  ASSERT_TRUE(record.next_attempt_at);
  EXPECT_EQ(*record.next_attempt_at, clock_.now() + std::chrono::hours(1));
  EXPECT_NE(record.last_error.value_or("").find("result for condition not received yet"),
            std::string::npos);

  // Not due before its time; once reported on chain and due, redeemed by a new transaction.
  evm_.run("report", "--question-id " + testing::redemption_question(8) + " --payouts 1,0");
  EXPECT_TRUE(redeemer_.run("lt_a", false).value().groups.empty());
  clock_.advance(std::chrono::hours(1));
  const auto retried = redeemer_.run("lt_a", false).value();
  ASSERT_EQ(retried.groups.size(), 1u);
  EXPECT_EQ(retried.groups[0].outcome, "confirmed") << retried.groups[0].message.value_or("");
  EXPECT_NE(retried.groups[0].tx_hash, tx.tx_hash);
  record = fx_.store->list_redemptions("usr_a", "lt_a").value()[0];
  EXPECT_EQ(record.state, store::RedemptionState::confirmed);
  EXPECT_EQ(record.attempts, 2);
  EXPECT_EQ(record.paid, core::Usd::from_micros(3'000'000));
}

TEST_F(RedeemerTest, AfterTheLastAttemptOnlyAnExplicitRetryMakesItDue) {
  const auto condition = market_with_position(9, 1'000'000);
  settle(condition);
  const auto ids = redemption_ids();
  ASSERT_TRUE(fx_.store->fail_redemptions(ids, "gave up", std::nullopt, clock_.now()).ok());
  clock_.advance(std::chrono::hours(24 * 30));
  EXPECT_TRUE(redeemer_.run("lt_a", false).value().groups.empty());
  EXPECT_EQ(fx_.store->retry_failed_redemptions("lt_a", clock_.now()).value(), 1);
  evm_.run("report", "--question-id " + testing::redemption_question(9) + " --payouts 1,0");
  const auto report = redeemer_.run("lt_a", false).value();
  ASSERT_EQ(report.groups.size(), 1u);
  EXPECT_EQ(report.groups[0].outcome, "confirmed");
}

// Neg-risk positions (NegRiskAdapter) and, when configured, binary ones (the V2 collateral
// adapter, paying pUSD) are redeemed by an adapter the holder must have approved. Neither
// adapter is deployable here: an address without code stands for it.
TEST_F(RedeemerTest, AdaptersNeedTheHoldersApprovalAndContractCode) {
  for (const bool neg_risk : {true, false}) {
    const auto adapter =
        chain::parse_address("0x" + std::string(38, '0') + (neg_risk ? "aa" : "bb")).value();
    SCOPED_TRACE(neg_risk ? "NegRiskAdapter" : "collateral adapter");
    const int n = neg_risk ? 10 : 14;
    const auto condition = market_with_position(n, 2'000'000);
    auto market = fx_.store->get_market(condition).value().value();
    market.market.neg_risk = neg_risk;
    ASSERT_TRUE(fx_.store->upsert_market(market.market, market.tokens).ok());
    evm_.run("report", "--question-id " + testing::redemption_question(n) + " --payouts 1,0");
    settle(condition);
    RedeemerOptions o = options();
    if (neg_risk) {
      o.neg_risk_adapter = adapter;
    } else {
      o.collateral_adapter = adapter;
      o.pusd = o.collateral;
    }
    Redeemer redeemer{*fx_.store, risk_, eth_, sender_, wallets_, clock_, o};
    const auto sent = nonce();

    auto report = redeemer.run("lt_a", false).value();
    ASSERT_EQ(report.groups.size(), 1u);
    EXPECT_EQ(report.groups[0].outcome, "waiting");
    EXPECT_EQ(report.groups[0].code, "adapter_not_approved");

    evm_.run("approve", "--wallet 0 --operator " + chain::to_hex(adapter));
    report = redeemer.run("lt_a", false).value();
    ASSERT_EQ(report.groups.size(), 1u);
    EXPECT_EQ(report.groups[0].code, "no_contract_code");
    EXPECT_EQ(nonce(), sent + 1);  // only the harness's approval was sent
    const auto records = fx_.store->list_redemptions("usr_a", "lt_a").value();
    const auto record = std::find_if(records.begin(), records.end(),
                                     [&](const auto& r) { return r.condition_id == condition; });
    ASSERT_NE(record, records.end());
    EXPECT_EQ(record->state, store::RedemptionState::pending);
    EXPECT_NE(record->last_error.value_or("").find("no_contract_code"), std::string::npos);
    // Set aside for the next case: this record is not due any more.
    ASSERT_TRUE(
        fx_.store->fail_redemptions({record->id}, "set aside", std::nullopt, clock_.now()).ok());
  }
}

TEST_F(RedeemerTest, ASafesPositionsAreRedeemedThroughTheSafe) {
  // The strategy trades for a 1-of-1 Safe owned by the local EVM's wallet 1.
  const auto [safe, market] = safe_holding_a_winner(/*owner=*/1, 11, 5'000'000);
  const auto signer = fx_.store->find_wallet("wal_2").value().value();
  const auto safe_collateral = [&] {
    return std::stoull(evm_.run("balances", "--address " + safe + " --condition " +
                                                market.condition)["collateral_balance"]
                           .get<std::string>());
  };
  const auto signer_address = chain::parse_address(signer.address).value();
  const auto signer_nonce = eth_.transaction_count(signer_address, "latest").value();

  const auto dry = redeemer_.run("lt_a", /*dry_run=*/true).value();
  ASSERT_EQ(dry.groups.size(), 1u);
  EXPECT_EQ(dry.groups[0].outcome, "dry_run");
  EXPECT_FALSE(dry.groups[0].code) << dry.groups[0].message.value_or("");
  EXPECT_EQ(dry.groups[0].payout_units, "5000000");

  const auto real = redeemer_.run("lt_a", false).value();
  ASSERT_EQ(real.groups.size(), 1u);
  EXPECT_EQ(real.groups[0].outcome, "confirmed") << real.groups[0].message.value_or("");
  EXPECT_EQ(real.groups[0].payout_units, "5000000");
  EXPECT_EQ(safe_collateral(), 5'000'000u);  // paid to the Safe, not to the signer
  EXPECT_EQ(eth_.transaction_count(signer_address, "latest").value(), signer_nonce + 1);
  EXPECT_EQ(
      evm_.run("balances", "--address " + safe + " --condition " + market.condition)["balances"][0],
      "0");
  EXPECT_TRUE(redeemer_.run("lt_a", false).value().groups.empty());
}

TEST_F(RedeemerTest, ASafeTheSignerDoesNotOwnIsRefused) {
  safe_holding_a_winner(/*owner=*/3, 13, 1'000'000);  // the signer is wallet 1
  const auto report = redeemer_.run("lt_a", false).value();
  ASSERT_EQ(report.groups.size(), 1u);
  EXPECT_EQ(report.groups[0].wallet_id, "wal_2");
  EXPECT_EQ(report.groups[0].outcome, "waiting");
  EXPECT_EQ(report.groups[0].code, "safe_owner_mismatch");
}

}  // namespace
}  // namespace polycopy::engine
