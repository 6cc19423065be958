// Market data against a real SQLite file: source trades stored once, feed cursors that survive
// a restart and move atomically with their trades, markets, resolutions, and the evaluator's
// "not yet processed" query.
#include <gtest/gtest.h>

#include <cstdio>

#include "store/migrations/migration.hpp"
#include "store/migrations/migrator.hpp"
#include "store/sql/query.hpp"
#include "store/sqlite/sqlite_connection.hpp"
#include "store/store_fixture.hpp"

namespace polycopy::store {
namespace {

using core::Price;
using core::Shares;
using core::Usd;
using testing::address;
using testing::at_ms;

std::string hex64(int n) {
  char buffer[67];
  std::snprintf(buffer, sizeof buffer, "0x%064x", n);
  return buffer;
}

const std::string kMarket = hex64(0xabc);

SourceTradeRecord make_trade(int trader, int tx, std::int64_t traded_ms) {
  SourceTradeRecord t;
  t.trader_address = address(trader);
  t.tx_hash = hex64(tx);
  t.condition_id = kMarket;
  t.token_id = "1234567890";
  t.id = source_trade_id(t.tx_hash, t.token_id, t.trader_address);
  t.outcome = "Yes";
  t.outcome_index = 0;
  t.side = TradeSide::sell;
  t.price = Price::from_micros(420'000).value();
  t.size = Shares::from_micros(10'500'000);
  t.usd = Usd::from_micros(4'410'000);
  t.traded_at = at_ms(traded_ms);
  t.received_at = at_ms(traded_ms + 900);
  return t;
}

FeedCursor cursor_after(const SourceTradeRecord& t, std::int64_t now_ms) {
  return FeedCursor{t.trader_address, t.traded_at, t.tx_hash, t.token_id, at_ms(now_ms)};
}

MarketRecord make_market(const std::string& question) {
  MarketRecord m;
  m.condition_id = kMarket;
  m.question = question;
  m.slug = "will-it";
  m.category = "sports";
  m.end_at = at_ms(1'800'000'000'000);
  m.is_live = true;
  m.neg_risk = true;
  m.tick_size = Price::from_micros(1'000).value();
  m.min_order_size = Shares::from_micros(5'000'000);
  m.updated_at = at_ms(1'700'000'000'000);
  return m;
}

std::vector<OutcomeTokenRecord> make_tokens() {
  return {{"111", kMarket, 0, "Yes"}, {"222", kMarket, 1, "No"}};
}

ResolutionRecord make_resolution(std::int64_t winner) {
  return ResolutionRecord{kMarket,
                          winner,
                          winner == 0 ? 1 : 0,
                          winner == 1 ? 1 : 0,
                          1,
                          at_ms(1'800'000'000'000),
                          at_ms(1'800'000'001'000)};
}

class MarketDataTest : public testing::StoreTest {
 protected:
  std::size_t count_trades() {
    auto connection = sqlite::open_sqlite_connection(path_);
    auto rows = sql::query(**connection, "SELECT COUNT(*) FROM source_trades");
    return static_cast<std::size_t>(rows->front().front().integer());
  }
};

TEST_F(MarketDataTest, SameTradeTwiceAcrossCallsIsStoredAndReportedOnce) {
  const auto a = make_trade(1, 1, 1'000);
  const auto b = make_trade(1, 2, 2'000);
  auto first = store_->insert_source_trades({a});
  ASSERT_TRUE(first.ok()) << first.error().to_string();
  EXPECT_EQ(*first, std::vector<std::string>{a.id});

  auto second = store_->insert_source_trades({b, a, b});  // a stored, b twice in the batch
  ASSERT_TRUE(second.ok()) << second.error().to_string();
  EXPECT_EQ(*second, std::vector<std::string>{b.id});
  EXPECT_EQ(count_trades(), 2u);
  EXPECT_TRUE(store_->get_trader(address(1)).value().has_value());  // created for the FK
}

TEST_F(MarketDataTest, AManyTradeBatchSpanningStatementsKeepsInputOrder) {
  std::vector<SourceTradeRecord> trades;
  for (int i = 0; i < 150; ++i) trades.push_back(make_trade(1 + i % 3, 1000 - i, 5'000 + i));
  auto ids = store_->insert_source_trades(trades);
  ASSERT_TRUE(ids.ok()) << ids.error().to_string();
  ASSERT_EQ(ids->size(), trades.size());
  for (std::size_t i = 0; i < trades.size(); ++i) EXPECT_EQ((*ids)[i], trades[i].id);
  EXPECT_TRUE(store_->insert_source_trades(trades).value().empty());
}

TEST_F(MarketDataTest, MalformedInputsAreRefusedWithTheirCodes) {
  auto refuse = [&](auto edit, const std::string& code) {
    auto t = make_trade(1, 1, 1'000);
    edit(t);
    auto result = store_->insert_source_trades({t});
    ASSERT_FALSE(result.ok()) << code;
    EXPECT_EQ(result.error().code, code);
  };
  refuse([](auto& t) { t.trader_address = "0xABC"; }, "invalid_address");
  refuse([](auto& t) { t.tx_hash = "0x" + std::string(64, 'G'); }, "invalid_tx_hash");
  refuse([](auto& t) { t.condition_id = "0x12"; }, "invalid_condition_id");
  refuse([](auto& t) { t.token_id = "0x1f"; }, "invalid_token_id");
  refuse([](auto& t) { t.size = Shares::from_micros(-1); }, "invalid_size");
  refuse([](auto& t) { t.size = Shares{}; }, "invalid_size");
  refuse([](auto& t) { t.usd = Usd::from_micros(-5); }, "invalid_usd");
  refuse([](auto& t) { t.outcome_index = 2; }, "invalid_outcome_index");
  refuse([](auto& t) { t.id = "other"; }, "invalid_trade_id");
  EXPECT_EQ(count_trades(), 0u);
}

TEST_F(MarketDataTest, ABadTradeInABatchStoresNothingAndLeavesTheCursor) {
  const auto first = make_trade(1, 1, 1'000);
  ASSERT_TRUE(store_->ingest_trader_trades({first}, cursor_after(first, 5'000)).ok());

  auto good = make_trade(1, 2, 2'000);
  auto bad = make_trade(1, 3, 3'000);
  bad.size = Shares::from_micros(-10);
  auto result = store_->ingest_trader_trades({good, bad}, cursor_after(bad, 6'000));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "invalid_size");
  EXPECT_EQ(count_trades(), 1u);
  auto cursor = store_->get_feed_cursor(address(1)).value();
  ASSERT_TRUE(cursor);
  EXPECT_EQ(cursor->tx_hash, first.tx_hash);
  EXPECT_EQ(cursor->updated_at, at_ms(5'000));
}

TEST_F(MarketDataTest, ADatabaseFailureMidBatchRollsBackTradesAndCursor) {
  // A row already holding the new trade's id under another key makes the insert fail in SQL.
  const auto clash = make_trade(1, 7, 7'000);
  auto other = make_trade(2, 8, 1'000);
  other.id = clash.id;  // bypass validation: written straight to the table
  {
    auto connection = sqlite::open_sqlite_connection(path_);
    ASSERT_TRUE(sql::execute(**connection,
                             "INSERT INTO traders (address, first_seen_at, updated_at) "
                             "VALUES (?, 0, 0)",
                             {other.trader_address})
                    .ok());
    ASSERT_TRUE(sql::execute(**connection,
                             "INSERT INTO source_trades (id, trader_address, tx_hash, "
                             "condition_id, token_id, side, price_micros, size_micros, "
                             "usd_micros, traded_at, received_at) VALUES (?, ?, ?, ?, ?, 'BUY', "
                             "1, 1, 1, 0, 0)",
                             {other.id, other.trader_address, other.tx_hash, other.condition_id,
                              other.token_id})
                    .ok());
  }
  const auto fine = make_trade(1, 6, 6'000);
  auto result = store_->ingest_trader_trades({fine, clash}, cursor_after(clash, 9'000));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(count_trades(), 1u);
  EXPECT_FALSE(store_->get_feed_cursor(address(1)).value().has_value());
}

TEST_F(MarketDataTest, CursorRoundTripsAndAdvancesWithItsTrades) {
  EXPECT_FALSE(store_->get_feed_cursor(address(4)).value().has_value());
  const auto a = make_trade(4, 1, 1'000);
  ASSERT_TRUE(store_->set_feed_cursor(cursor_after(a, 2'000)).ok());
  auto read = store_->get_feed_cursor(address(4)).value();
  ASSERT_TRUE(read);
  EXPECT_EQ(read->traded_at, a.traded_at);
  EXPECT_EQ(read->tx_hash, a.tx_hash);
  EXPECT_EQ(read->token_id, a.token_id);
  EXPECT_EQ(read->updated_at, at_ms(2'000));

  const auto b = make_trade(4, 2, 3'000);
  const auto c = make_trade(4, 3, 4'000);
  auto ids = store_->ingest_trader_trades({b, c}, cursor_after(c, 5'000));
  ASSERT_TRUE(ids.ok()) << ids.error().to_string();
  EXPECT_EQ(*ids, (std::vector<std::string>{b.id, c.id}));
  read = store_->get_feed_cursor(address(4)).value();
  EXPECT_EQ(read->tx_hash, c.tx_hash);
  EXPECT_EQ(read->traded_at, c.traded_at);
}

TEST_F(MarketDataTest, IngestRefusesATradeOfAnotherTraderAndABadCursor) {
  const auto mine = make_trade(1, 1, 1'000);
  const auto theirs = make_trade(2, 2, 2'000);
  auto mismatch = store_->ingest_trader_trades({mine, theirs}, cursor_after(mine, 3'000));
  ASSERT_FALSE(mismatch.ok());
  EXPECT_EQ(mismatch.error().code, "trader_mismatch");
  auto cursor = cursor_after(mine, 3'000);
  cursor.tx_hash = "0x1";
  EXPECT_EQ(store_->ingest_trader_trades({mine}, cursor).error().code, "invalid_tx_hash");
  EXPECT_EQ(count_trades(), 0u);
}

TEST_F(MarketDataTest, CursorAndTradesSurviveReopeningTheFile) {
  const auto a = make_trade(5, 1, 1'000);
  ASSERT_TRUE(store_->ingest_trader_trades({a}, cursor_after(a, 2'000)).ok());
  store_.reset();

  auto reopened = open_store();
  ASSERT_TRUE(reopened->migrate().value().empty());
  auto cursor = reopened->get_feed_cursor(address(5)).value();
  ASSERT_TRUE(cursor);
  EXPECT_EQ(cursor->tx_hash, a.tx_hash);
  EXPECT_TRUE(reopened->ingest_trader_trades({a}, cursor_after(a, 3'000)).value().empty());
}

TEST_F(MarketDataTest, TraderUpsertKeepsFirstSeenAndName) {
  ASSERT_TRUE(store_->upsert_trader(address(9), "whale", at_ms(1'000)).ok());
  ASSERT_TRUE(store_->upsert_trader(address(9), std::nullopt, at_ms(2'000)).ok());
  auto trader = store_->get_trader(address(9)).value();
  ASSERT_TRUE(trader);
  EXPECT_EQ(trader->display_name, "whale");
  EXPECT_EQ(trader->first_seen_at, at_ms(1'000));
  EXPECT_EQ(trader->updated_at, at_ms(2'000));
  EXPECT_EQ(store_->upsert_trader("0x12", "x", at_ms(0)).error().code, "invalid_address");
}

TEST_F(MarketDataTest, MarketUpsertUpdatesFieldsAndKeepsTokens) {
  ASSERT_TRUE(store_->upsert_market(make_market("first?"), make_tokens()).ok());
  EXPECT_FALSE(store_->get_market(kMarket).value()->market.game_start_at);
  auto updated = make_market("second?");
  updated.closed = true;
  updated.slug.reset();
  updated.game_start_at = at_ms(1'799'000'000'000);
  ASSERT_TRUE(store_->upsert_market(updated, {}).ok());

  auto market = store_->get_market(kMarket).value();
  EXPECT_EQ(market->market.game_start_at, at_ms(1'799'000'000'000));
  ASSERT_TRUE(market);
  EXPECT_EQ(market->market.question, "second?");
  EXPECT_TRUE(market->market.closed);
  EXPECT_FALSE(market->market.slug);
  EXPECT_EQ(market->market.category, "sports");
  EXPECT_EQ(market->market.end_at, at_ms(1'800'000'000'000));
  EXPECT_EQ(market->market.tick_size.micros(), 1'000);
  EXPECT_EQ(market->market.min_order_size.micros(), 5'000'000);
  ASSERT_EQ(market->tokens.size(), 2u);
  EXPECT_EQ(market->tokens[0].token_id, "111");
  EXPECT_EQ(market->tokens[1].outcome, "No");
  ASSERT_TRUE(store_->upsert_market(updated, make_tokens()).ok());  // same tokens again: fine
}

TEST_F(MarketDataTest, LooksUpMarketsByToken) {
  ASSERT_TRUE(store_->upsert_market(make_market("q"), make_tokens()).ok());
  auto market = store_->get_market_by_token("222").value();
  ASSERT_TRUE(market);
  EXPECT_EQ(market->market.condition_id, kMarket);
  EXPECT_FALSE(store_->get_market_by_token("333").value());
  EXPECT_FALSE(store_->get_market(hex64(1)).value());
}

TEST_F(MarketDataTest, MarketRefusesBadTokensAndTokensOfAnotherMarket) {
  auto tokens = make_tokens();
  tokens[1].outcome_index = 0;
  EXPECT_EQ(store_->upsert_market(make_market("q"), tokens).error().code, "invalid_tokens");
  auto bad_id = make_market("q");
  bad_id.condition_id = "0xabc";
  EXPECT_EQ(store_->upsert_market(bad_id, {}).error().code, "invalid_condition_id");
  ASSERT_TRUE(store_->upsert_market(make_market("q"), make_tokens()).ok());

  auto other = make_market("other");
  other.condition_id = hex64(0xdef);
  std::vector<OutcomeTokenRecord> stolen{{"111", other.condition_id, 0, "Yes"},
                                         {"444", other.condition_id, 1, "No"}};
  auto result = store_->upsert_market(other, stolen);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "conflict");
  EXPECT_FALSE(store_->get_market(other.condition_id).value());  // rolled back whole
}

TEST_F(MarketDataTest, ResolutionIsIdempotentAndADifferentWinnerConflicts) {
  ASSERT_TRUE(store_->upsert_market(make_market("q"), make_tokens()).ok());
  ASSERT_TRUE(store_->record_resolution(make_resolution(1)).ok());
  auto again = make_resolution(1);
  again.recorded_at = at_ms(1'900'000'000'000);
  ASSERT_TRUE(store_->record_resolution(again).ok());
  auto stored = store_->get_resolution(kMarket).value();
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->winning_outcome_index, 1);
  EXPECT_EQ(stored->recorded_at, at_ms(1'800'000'001'000));  // the first record stays

  auto conflict = store_->record_resolution(make_resolution(0));
  ASSERT_FALSE(conflict.ok());
  EXPECT_EQ(conflict.error().code, "resolution_conflict");
}

TEST_F(MarketDataTest, ResolutionRefusesInconsistentPayoutsAndUnknownMarkets) {
  auto bad = make_resolution(0);
  bad.payout_numerator_1 = 1;  // winner 0 cannot pay outcome 1
  EXPECT_EQ(store_->record_resolution(bad).error().code, "invalid_resolution");
  EXPECT_EQ(store_->record_resolution(make_resolution(0)).error().code, "foreign_key");
}

TEST_F(MarketDataTest, UnprocessedTradesExcludeThoseWithASignalOfThatStrategy) {
  ASSERT_TRUE(store_->insert_user(testing::make_user("usr_1", "ann")).ok());
  ASSERT_TRUE(store_->insert_ft_strategy(testing::make_ft("ft_1", "usr_1", "one")).ok());
  ASSERT_TRUE(store_->insert_ft_strategy(testing::make_ft("ft_2", "usr_1", "two")).ok());
  const auto late = make_trade(1, 1, 3'000);
  const auto early = make_trade(2, 2, 1'000);
  const auto middle = make_trade(3, 3, 2'000);
  ASSERT_TRUE(store_->insert_source_trades({late, early, middle}).ok());
  {
    auto connection = sqlite::open_sqlite_connection(path_);
    ASSERT_TRUE(sql::execute(**connection,
                             "INSERT INTO strategy_signals (id, ft_strategy_id, source_trade_id, "
                             "accepted, reason_code, evaluated_at) VALUES ('sig_1', 'ft_1', ?, 0, "
                             "'price_out_of_range', 0)",
                             {early.id})
                    .ok());
  }
  auto pending = store_->unprocessed_source_trades_for_ft("ft_1", 10).value();
  ASSERT_EQ(pending.size(), 2u);
  EXPECT_EQ(pending[0].id, middle.id);  // oldest first
  EXPECT_EQ(pending[1].id, late.id);
  EXPECT_EQ(pending[1].side, TradeSide::sell);
  EXPECT_EQ(pending[1].size, late.size);
  EXPECT_EQ(pending[1].price, late.price);
  EXPECT_EQ(pending[1].outcome, "Yes");
  EXPECT_EQ(pending[1].received_at, late.received_at);

  EXPECT_EQ(store_->unprocessed_source_trades_for_ft("ft_2", 10).value().size(), 3u);
  EXPECT_EQ(store_->unprocessed_source_trades_for_ft("ft_2", 1).value().front().id, early.id);
  EXPECT_EQ(store_->unprocessed_source_trades_for_ft("ft_2", 0).error().code, "invalid_limit");

  // A walk in batches resumes past the last key it saw, in (traded_at, id) order.
  const auto first = store_->unprocessed_source_trades_for_ft("ft_2", 1).value().front();
  const auto next =
      store_
          ->unprocessed_source_trades_for_ft("ft_2", 10, SourceTradeKey{first.traded_at, first.id})
          .value();
  ASSERT_EQ(next.size(), 2u);
  EXPECT_EQ(next[0].id, middle.id);
  EXPECT_EQ(next[1].id, late.id);
  // Same time, larger id: still after; the key itself and everything before it are not.
  EXPECT_EQ(store_
                ->unprocessed_source_trades_for_ft(
                    "ft_2", 10, SourceTradeKey{middle.traded_at, middle.id.substr(0, 3)})
                .value()
                .size(),
            2u);
  EXPECT_TRUE(
      store_->unprocessed_source_trades_for_ft("ft_2", 10, SourceTradeKey{late.traded_at, late.id})
          .value()
          .empty());
}

TEST_F(MarketDataTest, TheEvaluationMarkSkipsWhatWasStoredBeforeItAndOnlyMovesForward) {
  ASSERT_TRUE(store_->insert_user(testing::make_user("usr_1", "ann")).ok());
  ASSERT_TRUE(store_->insert_ft_strategy(testing::make_ft("ft_1", "usr_1", "one")).ok());
  ASSERT_TRUE(store_->insert_ft_strategy(testing::make_ft("ft_2", "usr_1", "two")).ok());
  const auto a = make_trade(1, 1, 5'000);
  const auto b = make_trade(2, 2, 6'000);
  ASSERT_TRUE(store_->insert_source_trades({a, b}).ok());
  const auto stored_through = store_->latest_source_trade_seq().value();
  EXPECT_EQ(stored_through, 2);
  EXPECT_EQ(store_->unprocessed_source_trades_for_ft("ft_1", 10).value().size(), 2u);
  ASSERT_TRUE(store_->mark_ft_evaluated_through("ft_1", stored_through).ok());
  EXPECT_TRUE(store_->unprocessed_source_trades_for_ft("ft_1", 10).value().empty());
  EXPECT_EQ(store_->unprocessed_source_trades_for_ft("ft_2", 10).value().size(), 2u);

  // Stored later but traded earlier (a new trader's history): still after the mark.
  const auto late_history = make_trade(3, 3, 1'000);
  ASSERT_TRUE(store_->insert_source_trades({a, late_history}).ok());  // a: a repeat, no seq
  const auto pending = store_->unprocessed_source_trades_for_ft("ft_1", 10).value();
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].id, late_history.id);
  EXPECT_GT(pending[0].seq, stored_through);

  ASSERT_TRUE(store_->mark_ft_evaluated_through("ft_1", 1).ok());  // never backwards
  EXPECT_EQ(store_->unprocessed_source_trades_for_ft("ft_1", 10).value().size(), 1u);
  EXPECT_EQ(store_->mark_ft_evaluated_through("ft_missing", 1).error().code, "not_found");
}

TEST(TraderFeedMigration, AppliesOnADatabaseAtVersionFive) {
  testing::TempDir dir;
  const auto path = dir.file("v5.db");
  {
    auto connection = sqlite::open_sqlite_connection(path);
    ASSERT_TRUE(connection.ok());
    auto applied = migrations::apply(**connection, migrations::all().first(5), at_ms(0));
    ASSERT_TRUE(applied.ok()) << applied.error().to_string();
    ASSERT_EQ(migrations::current_version(**connection).value(), 5);
    EXPECT_FALSE((*connection)->table_exists("trader_feed_cursors").value());
  }
  auto store = open_sqlite_store(path);
  ASSERT_TRUE(store.ok());
  auto applied = (*store)->migrate();
  ASSERT_TRUE(applied.ok()) << applied.error().to_string();
  ASSERT_GE(applied->size(), 1u);
  EXPECT_EQ(applied->front().version, 6);
  EXPECT_EQ(applied->front().name, "trader_feed");
  EXPECT_EQ((*store)->schema_version().value(), (*store)->latest_schema_version());
  const auto a = make_trade(1, 1, 1'000);
  EXPECT_TRUE((*store)->ingest_trader_trades({a}, cursor_after(a, 2'000)).ok());
}

}  // namespace
}  // namespace polycopy::store
