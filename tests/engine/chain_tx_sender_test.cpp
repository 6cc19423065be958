// The transaction sender against a real EVM (ganache with the real ConditionalTokens):
// one transaction per purpose, a call that would revert refused before anything is written,
// a mined revert failed with its reason, a broadcast the node never got sent again with the
// same bytes, a restart between broadcast and receipt, confirmation depth.
#include <gtest/gtest.h>

#include "chain/address.hpp"
#include "chain/hex.hpp"
#include "engine/chain_tx_sender.hpp"
#include "engine/engine_fixture.hpp"
#include "engine/local_evm.hpp"
#include "engine/redemption_setup.hpp"
#include "net/raw_http_server.hpp"
#include "polymarket/ctf/ctf_calls.hpp"

namespace polycopy::engine {
namespace {

using nlohmann::json;

std::string question(int n) {
  const std::string digits = std::to_string(n);
  return "0x" + std::string(64 - digits.size(), 'a') + digits;
}

net::HttpClientOptions one_attempt() {
  net::HttpClientOptions options;
  options.retry.max_attempts = 1;
  return options;
}

class ChainTxSenderTest : public ::testing::Test {
 protected:
  void SetUp() override { clock_.set(core::SystemClock().now()); }

  // A condition with `amount` units split into positions for wallet 0.
  chain::Bytes32 funded_condition(int n, const std::string& amount = "5000000") {
    const auto condition =
        evm_.run("prepare", "--question-id " + question(n))["condition_id"].get<std::string>();
    evm_.run("split", "--wallet 0 --condition " + condition + " --amount " + amount);
    return chain::parse_bytes32(condition).value();
  }
  // Writes a signed transaction as submit() would have, with the given fees.
  store::ChainTransaction write_ahead(const std::string& id, const std::string& purpose,
                                      const chain::Bytes& data, std::uint64_t max_fee,
                                      std::uint64_t priority_fee) {
    return testing::write_ahead(*fx_.store, eth_, key_, clock_, id, purpose, ctf_, data, max_fee,
                                priority_fee);
  }
  chain::Bytes redeem(const chain::Bytes32& condition) {
    return polymarket::ctf::redeem_positions_call(chain::parse_address(evm_.collateral()).value(),
                                                  condition, {1, 2});
  }
  std::string collateral_of_wallet(const chain::Bytes32& condition) {
    return evm_
        .run("balances", "--wallet 0 --condition " + chain::to_hex(condition))["collateral_balance"]
        .get<std::string>();
  }
  std::uint64_t nonce_on_chain(chain::EthClient& eth) {
    return eth.transaction_count(key_.address(), "latest").value();
  }

  testing::LocalEvm evm_;
  testing::StoreFixture fx_;
  core::ManualClock clock_;
  net::HttpClient http_;
  chain::JsonRpcClient rpc_{http_, {evm_.rpc_url()}};
  chain::EthClient eth_{rpc_};
  chain::PrivateKey key_ = evm_.wallet_key(0);
  chain::Address ctf_ = chain::parse_address(evm_.conditional_tokens()).value();
};

TEST_F(ChainTxSenderTest, ARedemptionIsSentOnceAndConfirmed) {
  const auto condition = funded_condition(1);
  ChainTxSender sender(*fx_.store, eth_, clock_, {.chain_id = 137, .confirmations = 2});
  // Before the payouts: the estimate reverts with the contract's reason, nothing is written.
  const auto early = sender.submit("redeem:w:c1", ctf_, redeem(condition), key_);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, "execution_reverted");
  EXPECT_EQ(early.error().message, "result for condition not received yet");
  EXPECT_FALSE(fx_.store->find_live_chain_transaction("redeem:w:c1").value());

  evm_.run("report", "--question-id " + question(1) + " --payouts 1,0");
  const auto before = collateral_of_wallet(condition);
  const auto nonce_before = nonce_on_chain(eth_);
  const auto sent = sender.submit("redeem:w:c1", ctf_, redeem(condition), key_);
  ASSERT_TRUE(sent.ok()) << sent.error().to_string();
  EXPECT_EQ(sent->state, store::ChainTxState::sent);
  EXPECT_EQ(sent->broadcasts, 1);
  EXPECT_EQ(sent->nonce, nonce_before);
  EXPECT_EQ(sent->from_address, chain::to_hex(key_.address()));
  // Mined at once (instamine), one block deep: not confirmed yet at depth 2.
  EXPECT_EQ(sender.advance(sent->id, key_).value().state, store::ChainTxState::sent);
  ASSERT_TRUE(rpc_.call("evm_mine", json::array()).ok());
  const auto done = sender.advance(sent->id, key_).value();
  EXPECT_EQ(done.state, store::ChainTxState::confirmed);
  ASSERT_TRUE(done.block_number);
  EXPECT_EQ(std::stoull(collateral_of_wallet(condition)) - std::stoull(before), 5'000'000u);

  // The same purpose again: the confirmed transaction, nothing new on chain.
  const auto again = sender.submit("redeem:w:c1", ctf_, redeem(condition), key_).value();
  EXPECT_EQ(again.id, sent->id);
  EXPECT_EQ(nonce_on_chain(eth_), nonce_before + 1);
}

TEST_F(ChainTxSenderTest, AMinedRevertFailsWithItsReason) {
  const auto condition = funded_condition(2);  // never resolved
  ChainTxSender sender(*fx_.store, eth_, clock_, {.chain_id = 137, .confirmations = 1});
  // Written as if the estimate had passed (the state changed before it was mined).
  const auto record =
      write_ahead("ctx_revert", "redeem:w:c2", redeem(condition), 10'000'000'000, 1'000'000'000);
  // Signed, never sent (a crash before the broadcast): advance sends these very bytes.
  EXPECT_EQ(sender.advance("ctx_revert", key_).value().state, store::ChainTxState::sent);
  const auto failed = sender.advance("ctx_revert", key_).value();
  EXPECT_EQ(failed.state, store::ChainTxState::failed);
  EXPECT_EQ(failed.tx_hash, record.tx_hash);
  EXPECT_EQ(failed.error, "result for condition not received yet");
  EXPECT_EQ(nonce_on_chain(eth_), record.nonce + 1);  // a mined revert uses its nonce
  EXPECT_FALSE(fx_.store->find_live_chain_transaction("redeem:w:c2").value());
}

TEST_F(ChainTxSenderTest, ALostBroadcastAndARestartSendOneTransaction) {
  const auto condition = funded_condition(3);
  evm_.run("report", "--question-id " + question(3) + " --payouts 0,1");
  // A node in front of ganache that drops the first eth_sendRawTransaction (answers 502
  // without passing it on).
  net::HttpClient upstream;
  int sends = 0;
  net::testing::RawHttpServer flaky([&](int, const std::string& request) {
    const std::string body = request.substr(request.find("\r\n\r\n") + 4);
    if (body.find("eth_sendRawTransaction") != std::string::npos && sends++ == 0)
      return net::testing::RawReply{net::testing::http_response(502, "bad gateway")};
    const auto answer = upstream.post(evm_.rpc_url(), body, {{"Content-Type", "application/json"}});
    return net::testing::RawReply{
        net::testing::http_response(answer.ok() ? 200 : 502, answer.ok() ? answer->body : "")};
  });
  net::HttpClient impatient(one_attempt());
  chain::JsonRpcClient rpc(impatient, {flaky.url("/")});
  chain::EthClient eth(rpc);
  const auto nonce_before = nonce_on_chain(eth_);
  const auto before = collateral_of_wallet(condition);
  {
    ChainTxSender sender(*fx_.store, eth, clock_, {.chain_id = 137, .confirmations = 1});
    const auto submitted = sender.submit("redeem:w:c3", ctf_, redeem(condition), key_);
    ASSERT_TRUE(submitted.ok()) << submitted.error().to_string();
    EXPECT_EQ(submitted->state, store::ChainTxState::signed_);  // the node never got it
    EXPECT_EQ(nonce_on_chain(eth_), nonce_before);
  }
  // A restart: a new sender finds it in the store and sends the same bytes.
  ChainTxSender restarted(*fx_.store, eth, clock_, {.chain_id = 137, .confirmations = 1});
  const auto tx = fx_.store->find_live_chain_transaction("redeem:w:c3").value().value();
  EXPECT_EQ(restarted.advance(tx.id, key_).value().state, store::ChainTxState::sent);
  // Another restart between the broadcast and the receipt.
  ChainTxSender again(*fx_.store, eth, clock_, {.chain_id = 137, .confirmations = 1});
  const auto done = again.advance(tx.id, key_).value();
  EXPECT_EQ(done.state, store::ChainTxState::confirmed);
  EXPECT_EQ(done.tx_hash, tx.tx_hash);
  EXPECT_EQ(sends, 2);
  EXPECT_EQ(nonce_on_chain(eth_), nonce_before + 1);
  EXPECT_EQ(std::stoull(collateral_of_wallet(condition)) - std::stoull(before), 5'000'000u);
  // Submitting the purpose again sends nothing.
  EXPECT_EQ(again.submit("redeem:w:c3", ctf_, redeem(condition), key_).value().id, tx.id);
  EXPECT_EQ(nonce_on_chain(eth_), nonce_before + 1);
}

TEST_F(ChainTxSenderTest, AnUnderpricedTransactionIsRepricedWithTheSameNonce) {
  const auto condition = funded_condition(5);
  evm_.run("report", "--question-id " + question(5) + " --payouts 1,0");
  const auto before = collateral_of_wallet(condition);
  ChainTxSender sender(
      *fx_.store, eth_, clock_,
      {.chain_id = 137, .confirmations = 1, .bump_after = std::chrono::seconds(60)});
  const auto record = write_ahead("ctx_cheap", "redeem:w:c5", redeem(condition), 1, 1);
  // Under the base fee: the node refuses it; it waits, signed.
  EXPECT_EQ(sender.advance("ctx_cheap", key_).value().state, store::ChainTxState::signed_);
  clock_.advance(std::chrono::seconds(61));
  const auto bumped = sender.advance("ctx_cheap", key_).value();
  EXPECT_EQ(bumped.state, store::ChainTxState::sent);
  EXPECT_EQ(bumped.nonce, record.nonce);
  EXPECT_NE(bumped.tx_hash, record.tx_hash);
  EXPECT_EQ(bumped.previous_hashes, std::vector<std::string>{record.tx_hash});
  EXPECT_GT(std::stoull(bumped.max_fee_per_gas), 1'000'000u);
  const auto done = sender.advance("ctx_cheap", key_).value();
  EXPECT_EQ(done.state, store::ChainTxState::confirmed);
  EXPECT_EQ(done.tx_hash, bumped.tx_hash);
  EXPECT_EQ(nonce_on_chain(eth_), record.nonce + 1);
  EXPECT_EQ(std::stoull(collateral_of_wallet(condition)) - std::stoull(before), 5'000'000u);
}

TEST_F(ChainTxSenderTest, AWrongChainIsRefusedBeforeAnythingIsWritten) {
  const auto condition = funded_condition(4);
  evm_.run("report", "--question-id " + question(4) + " --payouts 1,0");
  ChainTxSender sender(*fx_.store, eth_, clock_, {.chain_id = 1, .confirmations = 1});
  const auto refused = sender.submit("redeem:w:c4", ctf_, redeem(condition), key_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "wrong_chain");
  EXPECT_FALSE(fx_.store->find_live_chain_transaction("redeem:w:c4").value());
}

}  // namespace
}  // namespace polycopy::engine
