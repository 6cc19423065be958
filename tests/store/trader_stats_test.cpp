// Trader statistics against a real SQLite file: maintained incrementally and exactly once,
// whichever of a trade and its market's resolution is stored first, with the arithmetic of
// records_ft.hpp (BUY trades only, 50/50 resolved but not won, rounding down, the 30-day
// window of resolution days).
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
using core::Ratio;
using core::Shares;
using core::Usd;
using testing::address;
using testing::at_ms;

constexpr std::int64_t kDay = 86'400'000;
const std::int64_t kNow = 20'000 * kDay + 12 * 3'600'000;  // noon of day 20000

std::string hex64(int n) {
  char buffer[67];
  std::snprintf(buffer, sizeof buffer, "0x%064x", n);
  return buffer;
}

std::string market_id(int m) {
  return hex64(0x1000 + m);
}
// Token ids of market m: outcome 0 and outcome 1.
std::string token(int m, int outcome) {
  return std::to_string(100 * m + 10 + outcome);
}

SourceTradeRecord buy(int trader, int tx, int market, std::optional<std::int64_t> outcome_index,
                      std::int64_t size_micros, std::int64_t usd_micros) {
  SourceTradeRecord t;
  t.trader_address = address(trader);
  t.tx_hash = hex64(tx);
  t.condition_id = market_id(market);
  t.token_id = token(market, outcome_index.value_or(0));
  t.id = source_trade_id(t.tx_hash, t.token_id, t.trader_address);
  t.outcome_index = outcome_index;
  t.side = TradeSide::buy;
  t.price = Price::from_micros(500'000).value();
  t.size = Shares::from_micros(size_micros);
  t.usd = Usd::from_micros(usd_micros);
  t.traded_at = at_ms(1'000 + tx);
  t.received_at = at_ms(2'000 + tx);
  return t;
}

SourceTradeRecord sell(int trader, int tx, int market) {
  auto t = buy(trader, tx, market, 0, 5'000'000, 3'000'000);
  t.side = TradeSide::sell;
  return t;
}

ResolutionRecord resolution(int market, std::int64_t n0, std::int64_t n1, std::int64_t den,
                            std::int64_t resolved_ms) {
  std::optional<std::int64_t> winner;
  if (n0 == den) winner = 0;
  if (n1 == den) winner = 1;
  return ResolutionRecord{market_id(market),         winner, n0, n1, den, at_ms(resolved_ms),
                          at_ms(resolved_ms + 1'000)};
}

ResolutionRecord won_by(int market, std::int64_t winner, std::int64_t resolved_ms = kNow) {
  return resolution(market, winner == 0 ? 1 : 0, winner == 1 ? 1 : 0, 1, resolved_ms);
}

class TraderStatsTest : public testing::StoreTest {
 protected:
  void add_market(int m, bool with_tokens = true) {
    MarketRecord market;
    market.condition_id = market_id(m);
    market.question = "Q" + std::to_string(m);
    market.updated_at = at_ms(1);
    std::vector<OutcomeTokenRecord> tokens;
    if (with_tokens)
      tokens = {{token(m, 0), market_id(m), 0, "Yes"}, {token(m, 1), market_id(m), 1, "No"}};
    auto ok = store_->upsert_market(market, tokens);
    ASSERT_TRUE(ok.ok()) << ok.error().to_string();
  }
  void insert(const std::vector<SourceTradeRecord>& trades, std::size_t expected_new) {
    auto ids = store_->insert_source_trades(trades);
    ASSERT_TRUE(ids.ok()) << ids.error().to_string();
    EXPECT_EQ(ids->size(), expected_new);
  }
  void resolve(const ResolutionRecord& r) {
    auto ok = store_->record_resolution(r);
    ASSERT_TRUE(ok.ok()) << ok.error().to_string();
  }
  TraderStatsRecord stats(int trader, std::int64_t now_ms = kNow) {
    auto s = store_->get_trader_stats(address(trader), at_ms(now_ms));
    EXPECT_TRUE(s.ok()) << s.error().to_string();
    EXPECT_TRUE(s->has_value()) << "no stats for trader " << trader;
    return s->value_or(TraderStatsRecord{});
  }
};

void expect_same(const TraderStatsRecord& a, const TraderStatsRecord& b) {
  EXPECT_EQ(a.trader_address, b.trader_address);
  EXPECT_EQ(a.trade_count, b.trade_count);
  EXPECT_EQ(a.average_trade_usd, b.average_trade_usd);
  EXPECT_EQ(a.resolved_count, b.resolved_count);
  EXPECT_EQ(a.win_count, b.win_count);
  EXPECT_EQ(a.win_rate, b.win_rate);
  EXPECT_EQ(a.resolved_count_30d, b.resolved_count_30d);
  EXPECT_EQ(a.win_count_30d, b.win_count_30d);
  EXPECT_EQ(a.win_rate_30d, b.win_rate_30d);
  EXPECT_EQ(a.realised_pnl, b.realised_pnl);
}

TEST_F(TraderStatsTest, AbsentWithoutABuyTrade) {
  EXPECT_FALSE(store_->get_trader_stats(address(1), at_ms(kNow)).value().has_value());
  insert({sell(1, 1, 1)}, 1);
  EXPECT_TRUE(store_->get_trader(address(1)).value().has_value());
  EXPECT_FALSE(store_->get_trader_stats(address(1), at_ms(kNow)).value().has_value());
}

TEST_F(TraderStatsTest, TradeThenResolutionIsCountedOnceByTheResolution) {
  add_market(1);
  insert({buy(1, 1, 1, 0, 10'000'000, 4'200'000), sell(1, 2, 1)}, 2);
  auto s = stats(1);
  EXPECT_EQ(s.trader_address, address(1));
  EXPECT_EQ(s.trade_count, 1);  // the SELL does not count
  EXPECT_EQ(s.average_trade_usd, Usd::from_micros(4'200'000));
  EXPECT_EQ(s.resolved_count, 0);
  EXPECT_EQ(s.win_rate, std::nullopt);
  EXPECT_EQ(s.win_rate_30d, std::nullopt);
  EXPECT_EQ(s.realised_pnl, Usd{});

  resolve(won_by(1, 0));
  s = stats(1);
  EXPECT_EQ(s.trade_count, 1);
  EXPECT_EQ(s.resolved_count, 1);
  EXPECT_EQ(s.win_count, 1);
  EXPECT_EQ(s.win_rate, Ratio::from_micros(1'000'000));
  EXPECT_EQ(s.resolved_count_30d, 1);
  EXPECT_EQ(s.win_count_30d, 1);
  EXPECT_EQ(s.realised_pnl, Usd::from_micros(10'000'000 - 4'200'000));

  // Repeats change nothing: the same resolution, the same trade.
  resolve(won_by(1, 0));
  insert({buy(1, 1, 1, 0, 10'000'000, 4'200'000)}, 0);
  expect_same(stats(1), s);
  // A conflicting resolution is refused and changes nothing either.
  EXPECT_EQ(store_->record_resolution(won_by(1, 1)).error().code, "resolution_conflict");
  expect_same(stats(1), s);
}

TEST_F(TraderStatsTest, ResolutionThenTradeIsCountedOnceAtInsert) {
  add_market(1);
  resolve(won_by(1, 1));
  EXPECT_FALSE(store_->get_trader_stats(address(1), at_ms(kNow)).value().has_value());
  insert({buy(1, 1, 1, 0, 10'000'000, 4'000'000)}, 1);  // lost
  auto s = stats(1);
  EXPECT_EQ(s.trade_count, 1);
  EXPECT_EQ(s.resolved_count, 1);
  EXPECT_EQ(s.win_count, 0);
  EXPECT_EQ(s.win_rate, Ratio::from_micros(0));
  EXPECT_EQ(s.realised_pnl, Usd::from_micros(-4'000'000));

  // The feed path counts the same way, and a repeat through either path changes nothing.
  const auto won = buy(1, 2, 1, 1, 8'000'000, 2'000'000);
  auto ids = store_->ingest_trader_trades(
      {won}, FeedCursor{address(1), won.traded_at, won.tx_hash, won.token_id, at_ms(5'000)});
  ASSERT_TRUE(ids.ok()) << ids.error().to_string();
  EXPECT_EQ(ids->size(), 1u);
  s = stats(1);
  EXPECT_EQ(s.trade_count, 2);
  EXPECT_EQ(s.resolved_count, 2);
  EXPECT_EQ(s.win_count, 1);
  EXPECT_EQ(s.win_rate, Ratio::from_micros(500'000));
  EXPECT_EQ(s.average_trade_usd, Usd::from_micros(3'000'000));
  EXPECT_EQ(s.realised_pnl, Usd::from_micros(-4'000'000 + 6'000'000));

  insert({won, buy(1, 1, 1, 0, 10'000'000, 4'000'000)}, 0);
  EXPECT_TRUE(store_
                  ->ingest_trader_trades({won}, FeedCursor{address(1), won.traded_at, won.tx_hash,
                                                           won.token_id, at_ms(6'000)})
                  .value()
                  .empty());
  resolve(won_by(1, 1));
  expect_same(stats(1), s);
}

TEST_F(TraderStatsTest, ARepeatWithinOneBatchIsCountedOnce) {
  add_market(1);
  resolve(won_by(1, 0));
  const auto t = buy(1, 1, 1, 0, 2'000'000, 1'000'000);
  insert({t, t, t}, 1);
  const auto s = stats(1);
  EXPECT_EQ(s.trade_count, 1);
  EXPECT_EQ(s.resolved_count, 1);
  EXPECT_EQ(s.realised_pnl, Usd::from_micros(1'000'000));
}

TEST_F(TraderStatsTest, FiftyFiftyIsResolvedButNotWonAndPaysHalfRoundedDown) {
  add_market(1);
  add_market(2);
  insert({buy(1, 1, 1, 0, 3'000'001, 1'000'000)}, 1);
  resolve(resolution(1, 1, 1, 2, kNow));  // both outcomes pay half
  resolve(resolution(2, 1, 1, 2, kNow));
  insert({buy(1, 2, 2, 1, 1'000'003, 600'000)}, 1);
  const auto s = stats(1);
  EXPECT_EQ(s.resolved_count, 2);
  EXPECT_EQ(s.win_count, 0);
  EXPECT_EQ(s.win_rate, Ratio::from_micros(0));
  EXPECT_EQ(s.resolved_count_30d, 2);
  EXPECT_EQ(s.win_count_30d, 0);
  // floor(3000001 / 2) - 1000000 + floor(1000003 / 2) - 600000
  EXPECT_EQ(s.realised_pnl, Usd::from_micros(1'500'000 - 1'000'000 + 500'001 - 600'000));
}

TEST_F(TraderStatsTest, WinRateAndAverageRoundDown) {
  for (int m = 1; m <= 3; ++m) add_market(m);
  insert({buy(1, 1, 1, 0, 1'000'000, 3'000'000), buy(1, 2, 2, 0, 1'000'000, 3'000'000),
          buy(1, 3, 3, 0, 1'000'000, 4'000'001)},
         3);
  EXPECT_EQ(stats(1).average_trade_usd, Usd::from_micros(3'333'333));  // 10000001 / 3
  resolve(won_by(1, 0));
  resolve(won_by(2, 1));
  resolve(won_by(3, 1));
  auto s = stats(1);
  EXPECT_EQ(s.resolved_count, 3);
  EXPECT_EQ(s.win_count, 1);
  EXPECT_EQ(s.win_rate, Ratio::from_micros(333'333));  // 1/3 rounded down
  EXPECT_EQ(s.win_rate_30d, Ratio::from_micros(333'333));
  EXPECT_EQ(s.realised_pnl, Usd::from_micros(1'000'000 - 10'000'001));

  // 2/3 rounds down too.
  add_market(4);
  add_market(5);
  insert({buy(1, 4, 4, 0, 1'000'000, 0), buy(1, 5, 5, 0, 1'000'000, 0)}, 2);
  resolve(won_by(4, 0));
  resolve(won_by(5, 1));
  s = stats(1);
  EXPECT_EQ(s.win_count, 2);
  EXPECT_EQ(s.resolved_count, 5);
  EXPECT_EQ(s.win_rate, Ratio::from_micros(400'000));
  EXPECT_EQ(s.average_trade_usd, Usd::from_micros(2'000'000));  // 10000001 / 5
}

TEST_F(TraderStatsTest, TwoThirdsRoundsDown) {
  for (int m = 1; m <= 3; ++m) add_market(m);
  insert(
      {buy(2, 1, 1, 0, 1'000'000, 1), buy(2, 2, 2, 0, 1'000'000, 1), buy(2, 3, 3, 0, 1'000'000, 1)},
      3);
  resolve(won_by(1, 0));
  resolve(won_by(2, 0));
  resolve(won_by(3, 1));
  EXPECT_EQ(stats(2).win_rate, Ratio::from_micros(666'666));
}

TEST_F(TraderStatsTest, AnUnknownOutcomeIndexIsTakenFromTheToken) {
  add_market(1);
  add_market(2, /*with_tokens=*/false);
  auto from_token = buy(1, 1, 1, std::nullopt, 4'000'000, 1'000'000);
  from_token.token_id = token(1, 1);  // the No token
  from_token.id = source_trade_id(from_token.tx_hash, from_token.token_id, address(1));
  auto unknown = buy(1, 2, 2, std::nullopt, 4'000'000, 1'500'000);  // market without tokens
  insert({from_token, unknown}, 2);
  resolve(won_by(1, 1));
  resolve(won_by(2, 0));
  const auto s = stats(1);
  EXPECT_EQ(s.resolved_count, 2);
  EXPECT_EQ(s.win_count, 1);  // the token's outcome won; the unknown one counts as lost
  EXPECT_EQ(s.realised_pnl, Usd::from_micros(4'000'000 - 1'000'000 - 1'500'000));
}

TEST_F(TraderStatsTest, ThirtyDayWindowIsTodayAndThe29DaysBefore) {
  const std::int64_t today = kNow / kDay;
  // Resolution days relative to today, and whether they are inside the window.
  const std::vector<std::pair<std::int64_t, bool>> days = {
      {0, true}, {-29, true}, {-30, false}, {-45, false}, {1, false}};
  for (std::size_t i = 0; i < days.size(); ++i) {
    const int m = static_cast<int>(i) + 1;
    add_market(m);
    insert({buy(1, m, m, 0, 1'000'000, 500'000)}, 1);
    // The first minute of the day (the earliest moment counted) or its last one.
    const std::int64_t day_start = (today + days[i].first) * kDay;
    resolve(won_by(m, i % 2 == 0 ? 0 : 1, i == 1 ? day_start : day_start + kDay - 1));
  }
  auto s = stats(1);
  EXPECT_EQ(s.resolved_count, 5);
  EXPECT_EQ(s.win_count, 3);           // markets 1, 3 and 5
  EXPECT_EQ(s.resolved_count_30d, 2);  // today (won) and 29 days ago (lost)
  EXPECT_EQ(s.win_count_30d, 1);
  EXPECT_EQ(s.win_rate_30d, Ratio::from_micros(500'000));

  // A day later, 29 days ago becomes 30 days ago and tomorrow becomes today.
  s = stats(1, kNow + kDay);
  EXPECT_EQ(s.resolved_count_30d, 2);  // today-1 (won) and tomorrow (won)
  EXPECT_EQ(s.win_count_30d, 2);
  EXPECT_EQ(s.win_rate_30d, Ratio::from_micros(1'000'000));

  // Long after: nothing in the window, the all-time figures stay.
  s = stats(1, kNow + 100 * kDay);
  EXPECT_EQ(s.resolved_count_30d, 0);
  EXPECT_EQ(s.win_rate_30d, std::nullopt);
  EXPECT_EQ(s.resolved_count, 5);
}

TEST_F(TraderStatsTest, TradersAreCountedSeparately) {
  add_market(1);
  insert({buy(1, 1, 1, 0, 2'000'000, 1'000'000), buy(2, 1, 1, 1, 2'000'000, 1'000'000)}, 2);
  resolve(won_by(1, 1));
  EXPECT_EQ(stats(1).win_count, 0);
  EXPECT_EQ(stats(1).realised_pnl, Usd::from_micros(-1'000'000));
  EXPECT_EQ(stats(2).win_count, 1);
  EXPECT_EQ(stats(2).realised_pnl, Usd::from_micros(1'000'000));
}

TEST_F(TraderStatsTest, AFailedBatchCountsNothing) {
  add_market(1);
  resolve(won_by(1, 0));
  auto ok = buy(1, 1, 1, 0, 1'000'000, 1);
  auto bad = buy(1, 2, 1, 0, 1'000'000, 1);
  bad.size = Shares::from_micros(0);
  EXPECT_FALSE(store_->insert_source_trades({ok, bad}).ok());
  EXPECT_FALSE(store_->get_trader_stats(address(1), at_ms(kNow)).value().has_value());
}

TEST(TraderStatsMigration, BackfillsTheStoredHistory) {
  testing::TempDir dir;
  const auto path = dir.file("v6.db");
  {
    auto connection = sqlite::open_sqlite_connection(path);
    ASSERT_TRUE(connection.ok());
    auto applied = migrations::apply(**connection, migrations::all().first(6), at_ms(0));
    ASSERT_TRUE(applied.ok()) << applied.error().to_string();
  }
  {
    auto store = open_sqlite_store(path);
    ASSERT_TRUE(store.ok());
    // At version 6 the store cannot be used for trades (the stats columns are missing), so
    // the history is written directly.
    auto connection = sqlite::open_sqlite_connection(path);
    ASSERT_TRUE(connection.ok());
    auto run = [&](const std::string& sql) {
      auto done = sql::execute(**connection, sql);
      ASSERT_TRUE(done.ok()) << sql << ": " << done.error().to_string();
    };
    const std::string a = address(1);
    run("INSERT INTO traders (address, first_seen_at, updated_at) VALUES ('" + a + "', 1, 1)");
    for (int m = 1; m <= 2; ++m) {
      run("INSERT INTO markets (condition_id, question, updated_at) VALUES ('" + market_id(m) +
          "', 'Q', 1)");
      for (int o = 0; o <= 1; ++o)
        run("INSERT INTO outcome_tokens (token_id, condition_id, outcome_index, outcome) VALUES "
            "('" +
            token(m, o) + "', '" + market_id(m) + "', " + std::to_string(o) + ", 'X')");
    }
    // market 1 resolves to outcome 1 (day 20000), market 2 stays open
    run("INSERT INTO resolutions (condition_id, winning_outcome_index, payout_numerator_0, "
        "payout_numerator_1, payout_denominator, resolved_at, recorded_at) VALUES ('" +
        market_id(1) + "', 1, 0, 1, 1, " + std::to_string(kNow) + ", " + std::to_string(kNow + 5) +
        ")");
    auto trade = [&](int tx, int m, const std::string& token_id, const std::string& outcome_index,
                     const std::string& side, std::int64_t size, std::int64_t usd) {
      run("INSERT INTO source_trades (id, trader_address, tx_hash, condition_id, token_id, "
          "outcome_index, side, price_micros, size_micros, usd_micros, traded_at, received_at) "
          "VALUES ('" +
          source_trade_id(hex64(tx), token_id, a) + "', '" + a + "', '" + hex64(tx) + "', '" +
          market_id(m) + "', '" + token_id + "', " + outcome_index + ", '" + side + "', 500000, " +
          std::to_string(size) + ", " + std::to_string(usd) + ", 1, 2)");
    };
    trade(1, 1, token(1, 1), "1", "BUY", 3'000'000, 1'000'000);     // won: +2
    trade(2, 1, token(1, 0), "NULL", "BUY", 3'000'000, 2'000'000);  // token 0: lost, -2
    trade(3, 1, token(1, 1), "1", "SELL", 3'000'000, 9'000'000);    // ignored
    trade(4, 2, token(2, 0), "0", "BUY", 1'000'000, 500'001);       // open market
    auto migrated = (*store)->migrate();
    ASSERT_TRUE(migrated.ok()) << migrated.error().to_string();
    ASSERT_GE(migrated->size(), 1u);
    EXPECT_EQ(migrated->front().name, "trader_stats");
    // Migration 8 numbers the stored trades in storage order: 1..4.
    EXPECT_EQ((*store)->latest_source_trade_seq().value(), 4);

    auto s = (*store)->get_trader_stats(a, at_ms(kNow));
    ASSERT_TRUE(s.ok()) << s.error().to_string();
    ASSERT_TRUE(s->has_value());
    const auto& stats = **s;
    EXPECT_EQ(stats.trade_count, 3);
    EXPECT_EQ(stats.average_trade_usd, Usd::from_micros(1'166'667));  // 3500001 / 3
    EXPECT_EQ(stats.resolved_count, 2);
    EXPECT_EQ(stats.win_count, 1);
    EXPECT_EQ(stats.win_rate, Ratio::from_micros(500'000));
    EXPECT_EQ(stats.resolved_count_30d, 2);
    EXPECT_EQ(stats.win_count_30d, 1);
    EXPECT_EQ(stats.realised_pnl, Usd::from_micros(0));

    // Later changes build on the backfill: market 2 resolves for the open trade.
    ASSERT_TRUE((*store)
                    ->record_resolution(
                        ResolutionRecord{market_id(2), 0, 1, 0, 1, at_ms(kNow), at_ms(kNow)})
                    .ok());
    const auto after = (*store)->get_trader_stats(a, at_ms(kNow)).value().value();
    EXPECT_EQ(after.resolved_count, 3);
    EXPECT_EQ(after.win_count, 2);
    EXPECT_EQ(after.win_rate, Ratio::from_micros(666'666));
    EXPECT_EQ(after.realised_pnl, Usd::from_micros(499'999));
  }
}

}  // namespace
}  // namespace polycopy::store
