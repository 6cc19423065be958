// On-chain transactions against a real SQLite file: nonces reserved once each across
// connections and above the chain's own count, transactions written ahead of their
// broadcast with one live transaction per purpose, fee bumps keeping the old hashes, final
// states that do not move again.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "store/store_fixture.hpp"

namespace polycopy::store {
namespace {

using testing::at_ms;

const std::string kFrom = "0x" + std::string(38, '0') + "a1";

std::string hash(int n) {
  const std::string digits = std::to_string(n);
  return "0x" + std::string(64 - digits.size(), '0') + digits;
}

ChainTransaction tx(const std::string& id, const std::string& purpose, std::uint64_t nonce) {
  ChainTransaction t;
  t.id = id;
  t.chain_id = 137;
  t.from_address = kFrom;
  t.nonce = nonce;
  t.purpose = purpose;
  t.to_address = "0x" + std::string(38, '0') + "c7";
  t.data = "0x01b7037c";
  t.value = "0";
  t.gas = 200'000;
  t.max_fee_per_gas = "90000000000";
  t.max_priority_fee_per_gas = "30000000000";
  t.tx_hash = hash(static_cast<int>(nonce) + 1);
  t.raw = "0x02f8";
  t.created_at = at_ms(1'000);
  return t;
}

class ChainTransactionsTest : public testing::StoreTest {};

TEST_F(ChainTransactionsTest, NoncesFollowTheStoreAndTheChainAndAreTakenOnce) {
  EXPECT_EQ(store_->next_nonce(137, kFrom, 5).value(), 5u);  // nothing stored: the chain's
  ASSERT_TRUE(store_->insert_chain_transaction(tx("ctx_5", "p5", 5)).ok());
  EXPECT_EQ(store_->next_nonce(137, kFrom, 5).value(), 6u);  // the chain lags the store
  EXPECT_EQ(store_->next_nonce(137, kFrom, 9).value(), 9u);  // sent from elsewhere
  EXPECT_EQ(store_->next_nonce(1, kFrom, 0).value(), 0u);    // another chain
  EXPECT_EQ(store_->insert_chain_transaction(tx("ctx_x", "px", 5)).error().code, "nonce_taken");
  // Four threads with their own connections race: each takes the next nonce and inserts,
  // signing again when another got there first. 4 x 25 transactions, no nonce twice, no gap.
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      auto store = open_sqlite_store(path_).value();
      for (int i = 0; i < 25; ++i) {
        const std::string id = "ctx_" + std::to_string(t) + "_" + std::to_string(i);
        while (true) {
          const auto nonce = store->next_nonce(137, kFrom, 0).value();
          auto t_x = tx(id, id, nonce);
          const auto inserted = store->insert_chain_transaction(t_x);
          if (inserted.ok()) break;
          ASSERT_EQ(inserted.error().code, "nonce_taken");
        }
      }
    });
  for (auto& thread : threads) thread.join();
  std::set<std::uint64_t> nonces;
  const auto stored = store_->list_unfinished_chain_transactions().value();
  for (const auto& t : stored) nonces.insert(t.nonce);
  EXPECT_EQ(nonces.size(), 101u);
  EXPECT_EQ(*nonces.begin(), 5u);
  EXPECT_EQ(*nonces.rbegin(), 105u);
}

TEST_F(ChainTransactionsTest, OneLiveTransactionPerPurposeWrittenAheadOfItsBroadcast) {
  ASSERT_TRUE(store_->insert_chain_transaction(tx("ctx_1", "redeem:w:c", 0)).ok());
  const auto stored = store_->find_chain_transaction("ctx_1").value().value();
  EXPECT_EQ(stored.state, ChainTxState::signed_);
  EXPECT_EQ(stored.broadcasts, 0);
  EXPECT_EQ(stored.raw, "0x02f8");
  EXPECT_EQ(store_->insert_chain_transaction(tx("ctx_2", "redeem:w:c", 1)).error().code,
            "conflict");
  EXPECT_FALSE(store_->find_chain_transaction("ctx_2").value());
  EXPECT_EQ(store_->find_live_chain_transaction("redeem:w:c").value()->id, "ctx_1");
  EXPECT_EQ(store_->list_unfinished_chain_transactions().value().size(), 1u);

  ASSERT_TRUE(store_->mark_chain_transaction_sent("ctx_1", at_ms(2'000)).ok());
  ASSERT_TRUE(store_->mark_chain_transaction_sent("ctx_1", at_ms(3'000)).ok());  // re-broadcast
  auto sent = store_->find_chain_transaction("ctx_1").value().value();
  EXPECT_EQ(sent.state, ChainTxState::sent);
  EXPECT_EQ(sent.broadcasts, 2);
  EXPECT_EQ(sent.sent_at, at_ms(3'000));

  // A fee bump: same nonce, new bytes; the old hash is kept for the receipt look.
  ASSERT_TRUE(store_
                  ->replace_chain_broadcast("ctx_1", hash(77), "0x02f9", "180000000000",
                                            "60000000000", at_ms(4'000))
                  .ok());
  const auto bumped = store_->find_chain_transaction("ctx_1").value().value();
  EXPECT_EQ(bumped.tx_hash, hash(77));
  EXPECT_EQ(bumped.previous_hashes, std::vector<std::string>{hash(1)});
  EXPECT_EQ(bumped.state, ChainTxState::signed_);
  EXPECT_EQ(bumped.nonce, 0u);

  // The earlier broadcast was the one mined.
  ASSERT_TRUE(store_
                  ->finish_chain_transaction("ctx_1", ChainTxState::confirmed, hash(1), 42,
                                             std::nullopt, at_ms(5'000))
                  .ok());
  const auto done = store_->find_chain_transaction("ctx_1").value().value();
  EXPECT_EQ(done.state, ChainTxState::confirmed);
  EXPECT_EQ(done.tx_hash, hash(1));
  EXPECT_EQ(done.block_number, 42u);
  EXPECT_TRUE(store_->list_unfinished_chain_transactions().value().empty());
  EXPECT_EQ(
      store_
          ->finish_chain_transaction("ctx_1", ChainTxState::failed, hash(1), 43, "x", at_ms(6'000))
          .error()
          .code,
      "conflict");
  EXPECT_EQ(store_->mark_chain_transaction_sent("ctx_1", at_ms(6'000)).error().code, "conflict");
  // Confirmed stays live: the purpose is done, never a second transaction.
  EXPECT_EQ(store_->insert_chain_transaction(tx("ctx_3", "redeem:w:c", 5)).error().code,
            "conflict");
}

TEST_F(ChainTransactionsTest, AFailedTransactionFreesItsPurpose) {
  ASSERT_TRUE(store_->insert_chain_transaction(tx("ctx_1", "redeem:w:c", 0)).ok());
  ASSERT_TRUE(store_
                  ->finish_chain_transaction("ctx_1", ChainTxState::failed, hash(1), 7,
                                             "result for condition not received yet", at_ms(2))
                  .ok());
  const auto failed = store_->find_chain_transaction("ctx_1").value().value();
  EXPECT_EQ(failed.error, "result for condition not received yet");
  EXPECT_FALSE(store_->find_live_chain_transaction("redeem:w:c").value());
  EXPECT_TRUE(store_->insert_chain_transaction(tx("ctx_2", "redeem:w:c", 1)).ok());
  // The same nonce twice for one sender is refused by the store itself.
  EXPECT_FALSE(store_->insert_chain_transaction(tx("ctx_3", "redeem:w:d", 1)).ok());
  EXPECT_EQ(store_
                ->finish_chain_transaction("ctx_2", ChainTxState::sent, hash(2), std::nullopt,
                                           std::nullopt, at_ms(3))
                .error()
                .code,
            "invalid_argument");
  EXPECT_EQ(store_->mark_chain_transaction_sent("ctx_none", at_ms(3)).error().code, "not_found");
}

}  // namespace
}  // namespace polycopy::store
