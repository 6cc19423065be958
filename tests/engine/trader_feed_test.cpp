// TraderFeed against the simulator: the first pull stores a trader's history, later pulls
// store exactly the new trades (made with POST /sim/trades or coming due on the timeline),
// a restarted feed neither repeats nor misses, a venue error moves nothing, and paging works
// with the cursor in the middle of a page.
#include <gtest/gtest.h>

#include <algorithm>

#include "engine/engine_fixture.hpp"
#include "engine/trader_feed.hpp"
#include "polymarket/clients/data_client.hpp"

namespace polycopy::engine {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using testing::venue_trade_ids;

struct FeedFixture {
  FeedFixture() : sim(testing::frozen_scenario(23, 6, 12)), clock(sim.now()) {}

  // A scenario trader with at least `min_trades` trades in its history.
  std::string trader_with_history(std::size_t min_trades) {
    for (const auto& t : sim.scenario.traders) {
      const std::string address = testing::hex(t.wallet);
      if (sim.all_trades(address).size() >= min_trades) return address;
    }
    ADD_FAILURE() << "no trader has " << min_trades << " trades";
    return testing::hex(sim.scenario.traders.front().wallet);
  }

  // Trades in the newest second of a trader's venue history.
  std::int64_t newest_second_count(const std::string& trader) {
    const auto rows = sim.all_trades(trader);
    std::int64_t newest = 0;
    for (const auto& row : rows) newest = std::max(newest, row.at("timestamp").get<std::int64_t>());
    return std::ranges::count_if(rows, [newest](const json& row) {
      return row.at("timestamp").get<std::int64_t>() == newest;
    });
  }

  std::set<std::string> stored(const std::string& trader) {
    return testing::stored_trade_ids(*db.store, trader);
  }

  std::optional<store::FeedCursor> cursor(const std::string& trader) {
    return db.store->get_feed_cursor(trader).value();
  }

  std::string token(std::size_t market, std::size_t outcome) const {
    return sim.scenario.markets.at(market).outcomes.at(outcome).token_id.to_decimal();
  }

  testing::RunningSim sim;
  testing::StoreFixture db;
  core::ManualClock clock;
  polymarket::DataClient data{*sim.http, sim.urls.data};
};

std::set<std::string> minus(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::set<std::string> out;
  std::ranges::set_difference(a, b, std::inserter(out, out.end()));
  return out;
}

TEST(TraderFeed, FirstPullStoresTheHistoryAndSetsTheCursorToTheNewestTrade) {
  FeedFixture f;
  const auto trader = f.trader_with_history(5);
  const auto rows = f.sim.all_trades(trader);
  const auto venue = venue_trade_ids(f.sim, trader);
  ASSERT_EQ(venue.size(), rows.size()) << "the venue repeats a trade id";

  TraderFeed feed(*f.db.store, f.data, f.clock);
  EXPECT_FALSE(f.cursor(trader).has_value());
  const auto pulled = feed.pull(trader);
  ASSERT_TRUE(pulled.ok()) << pulled.error().message;
  EXPECT_EQ(pulled->fetched, static_cast<std::int64_t>(rows.size()));
  EXPECT_EQ(pulled->stored, static_cast<std::int64_t>(rows.size()));
  EXPECT_EQ(pulled->skipped, 0);
  EXPECT_FALSE(pulled->truncated);
  EXPECT_EQ(f.stored(trader), venue);

  std::int64_t newest = 0;
  for (const auto& row : rows) newest = std::max(newest, row.at("timestamp").get<std::int64_t>());
  const auto cursor = f.cursor(trader);
  ASSERT_TRUE(cursor.has_value());
  EXPECT_EQ(core::to_unix_ms(cursor->traded_at), newest * 1000);
  EXPECT_EQ(cursor->trader_address, trader);
  EXPECT_EQ(core::to_unix_ms(cursor->updated_at), core::to_unix_ms(f.clock.now()));
  // The cursor names one of the trades of that second.
  bool named = false;
  for (const auto& row : rows) {
    if (row.at("timestamp").get<std::int64_t>() == newest &&
        row.at("transactionHash").get<std::string>() == cursor->tx_hash &&
        row.at("asset").get<std::string>() == cursor->token_id)
      named = true;
  }
  EXPECT_TRUE(named) << cursor->tx_hash << " " << cursor->token_id;
  // Every stored trade carries the venue's numbers.
  for (const auto& t : testing::stored_trades(*f.db.store)) {
    EXPECT_EQ(t.usd, core::notional(t.size, t.price, core::Rounding::down)) << t.id;
    EXPECT_EQ(core::to_unix_ms(t.received_at), core::to_unix_ms(f.clock.now())) << t.id;
  }
}

TEST(TraderFeed, SecondPullWithNothingNewStoresNothingAndRereadsOnlyTheCursorSecond) {
  FeedFixture f;
  const auto trader = f.trader_with_history(5);
  TraderFeed feed(*f.db.store, f.data, f.clock);
  ASSERT_TRUE(feed.pull(trader).ok());
  const auto before = f.cursor(trader).value();

  f.clock.advance(60s);
  const auto again = feed.pull(trader);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->stored, 0);
  EXPECT_EQ(again->fetched, f.newest_second_count(trader));
  EXPECT_FALSE(again->truncated);
  const auto after = f.cursor(trader).value();
  EXPECT_EQ(after.traded_at, before.traded_at);
  EXPECT_EQ(after.tx_hash, before.tx_hash);
  EXPECT_EQ(after.token_id, before.token_id);
  EXPECT_EQ(f.stored(trader), venue_trade_ids(f.sim, trader));
}

TEST(TraderFeed, TradesMadeAtTheVenueAreStoredExactlyOnce) {
  FeedFixture f;
  const auto trader = f.trader_with_history(5);
  TraderFeed feed(*f.db.store, f.data, f.clock);
  ASSERT_TRUE(feed.pull(trader).ok());
  const auto before = venue_trade_ids(f.sim, trader);
  const auto cursor_second = f.newest_second_count(trader);

  f.sim.advance(2s);
  testing::sim_trade(f.sim, trader, f.token(0, 0), "BUY", "0.42", "10");
  testing::sim_trade(f.sim, trader, f.token(1, 1), "SELL", "0.3", "4.5");
  const auto added = minus(venue_trade_ids(f.sim, trader), before);
  ASSERT_GE(added.size(), 2u);

  f.clock.set(f.sim.now());
  const auto pulled = feed.pull(trader);
  ASSERT_TRUE(pulled.ok()) << pulled.error().message;
  EXPECT_EQ(pulled->stored, static_cast<std::int64_t>(added.size()));
  EXPECT_EQ(pulled->fetched, static_cast<std::int64_t>(added.size()) + cursor_second);
  EXPECT_EQ(f.stored(trader), venue_trade_ids(f.sim, trader));
  const auto cursor = f.cursor(trader).value();
  EXPECT_EQ(core::to_unix_ms(cursor.traded_at) / 1000, core::to_unix_ms(f.sim.now()) / 1000);
}

TEST(TraderFeed, TimelineTradesComingDueAreStored) {
  FeedFixture f;
  const auto& scenario = f.sim.scenario;
  // A trader with a timeline trade after the start.
  std::optional<sim::TimelineTrade> next;
  for (const auto& t : scenario.trades) {
    if (t.at > scenario.start) {
      next = t;
      break;
    }
  }
  ASSERT_TRUE(next.has_value()) << "the scenario has no future trade";
  const std::string trader = testing::hex(next->trader);
  TraderFeed feed(*f.db.store, f.data, f.clock);
  ASSERT_TRUE(feed.pull(trader).ok());
  const auto before = venue_trade_ids(f.sim, trader);

  const auto wait = std::chrono::duration_cast<std::chrono::seconds>(next->at - f.sim.now()) + 1s;
  f.sim.advance(wait);
  const auto added = minus(venue_trade_ids(f.sim, trader), before);
  ASSERT_FALSE(added.empty()) << "the timeline trade did not come due";

  f.clock.set(f.sim.now());
  const auto pulled = feed.pull(trader);
  ASSERT_TRUE(pulled.ok()) << pulled.error().message;
  EXPECT_EQ(pulled->stored, static_cast<std::int64_t>(added.size()));
  EXPECT_EQ(f.stored(trader), venue_trade_ids(f.sim, trader));
}

TEST(TraderFeed, ARestartedFeedNeitherRepeatsNorMisses) {
  FeedFixture f;
  const auto trader = f.trader_with_history(5);
  {
    TraderFeed first(*f.db.store, f.data, f.clock);
    ASSERT_TRUE(first.pull(trader).ok());
  }
  const auto before = venue_trade_ids(f.sim, trader);
  for (int i = 0; i < 3; ++i) {
    f.sim.advance(1s);
    testing::sim_trade(f.sim, trader, f.token(2, i % 2), "BUY", "0.5", std::to_string(i + 1));
  }
  const auto added = minus(venue_trade_ids(f.sim, trader), before);
  ASSERT_GE(added.size(), 3u);

  // The "restarted process": a new feed (and a new store connection) on the same database.
  auto reopened = store::open_sqlite_store(f.db.dir.file("engine.db")).value();
  f.clock.set(f.sim.now());
  TraderFeed second(*reopened, f.data, f.clock);
  const auto pulled = second.pull(trader);
  ASSERT_TRUE(pulled.ok()) << pulled.error().message;
  EXPECT_EQ(pulled->stored, static_cast<std::int64_t>(added.size()));
  EXPECT_EQ(f.stored(trader), venue_trade_ids(f.sim, trader));

  // A trade in the cursor's own second, after the pull: read again, stored once.
  testing::sim_trade(f.sim, trader, f.token(3, 0), "BUY", "0.61", "7");
  TraderFeed third(*f.db.store, f.data, f.clock);
  const auto same_second = third.pull(trader);
  ASSERT_TRUE(same_second.ok()) << same_second.error().message;
  EXPECT_EQ(same_second->stored, 1);
  const auto nothing = third.pull(trader);
  ASSERT_TRUE(nothing.ok());
  EXPECT_EQ(nothing->stored, 0);
  EXPECT_EQ(f.stored(trader), venue_trade_ids(f.sim, trader));
  EXPECT_EQ(testing::stored_trades(*f.db.store).size(), venue_trade_ids(f.sim, trader).size());
}

TEST(TraderFeed, AVenueErrorLeavesTheCursorAndTheTradesUnchanged) {
  FeedFixture f;
  const auto trader = f.trader_with_history(5);
  TraderFeed feed(*f.db.store, f.data, f.clock);
  ASSERT_TRUE(feed.pull(trader).ok());
  const auto cursor = f.cursor(trader).value();
  const auto stored = f.stored(trader);

  f.sim.advance(5s);
  testing::sim_trade(f.sim, trader, f.token(0, 1), "BUY", "0.2", "3");
  testing::sim_trade(f.sim, trader, f.token(4, 0), "BUY", "0.7", "2");
  f.clock.set(f.sim.now());
  testing::add_fault(f.sim, {{"kind", "server_error"}, {"path", "/data/trades"}, {"count", -1}});
  const auto failed = feed.pull(trader);
  EXPECT_FALSE(failed.ok());
  const auto unchanged = f.cursor(trader).value();
  EXPECT_EQ(unchanged.traded_at, cursor.traded_at);
  EXPECT_EQ(unchanged.tx_hash, cursor.tx_hash);
  EXPECT_EQ(unchanged.token_id, cursor.token_id);
  EXPECT_EQ(unchanged.updated_at, cursor.updated_at);
  EXPECT_EQ(f.stored(trader), stored);

  testing::clear_faults(f.sim);
  const auto caught_up = feed.pull(trader);
  ASSERT_TRUE(caught_up.ok()) << caught_up.error().message;
  EXPECT_EQ(caught_up->stored, 2);
  EXPECT_EQ(f.stored(trader), venue_trade_ids(f.sim, trader));
  EXPECT_GT(f.cursor(trader)->traded_at, cursor.traded_at);
}

TEST(TraderFeed, PagesSeveralPagesWithTheCursorInsideAPage) {
  FeedFixture f;
  const auto trader = f.trader_with_history(12);
  FeedOptions options;
  options.page_size = 5;
  TraderFeed feed(*f.db.store, f.data, f.clock, options);
  const auto first = feed.pull(trader);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->stored, static_cast<std::int64_t>(venue_trade_ids(f.sim, trader).size()));
  EXPECT_FALSE(first->truncated);
  EXPECT_EQ(f.stored(trader), venue_trade_ids(f.sim, trader));

  // 12 new trades, each in its own second: with the trades of the cursor's second the answer
  // spans 3 or more pages of 5 and the cursor sits inside one.
  const auto before = venue_trade_ids(f.sim, trader);
  const auto cursor_second = f.newest_second_count(trader);
  for (int i = 0; i < 12; ++i) {
    f.sim.advance(1s);
    testing::sim_trade(f.sim, trader, f.token(static_cast<std::size_t>(i % 5), 0), "BUY", "0.35",
                       std::to_string(i + 1));
  }
  const auto added = minus(venue_trade_ids(f.sim, trader), before);
  ASSERT_GE(added.size(), 12u);
  f.clock.set(f.sim.now());
  const auto pulled = feed.pull(trader);
  ASSERT_TRUE(pulled.ok()) << pulled.error().message;
  EXPECT_EQ(pulled->stored, static_cast<std::int64_t>(added.size()));
  EXPECT_EQ(pulled->fetched, static_cast<std::int64_t>(added.size()) + cursor_second);
  EXPECT_FALSE(pulled->truncated);
  EXPECT_EQ(f.stored(trader), venue_trade_ids(f.sim, trader));
}

TEST(TraderFeed, ThePageCapTruncatesTheFirstPullToTheNewestTrades) {
  FeedFixture f;
  const auto trader = f.trader_with_history(12);
  const auto rows = f.sim.all_trades(trader);
  FeedOptions options;
  options.page_size = 5;
  options.max_pages = 2;
  TraderFeed feed(*f.db.store, f.data, f.clock, options);
  const auto pulled = feed.pull(trader);
  ASSERT_TRUE(pulled.ok()) << pulled.error().message;
  EXPECT_TRUE(pulled->truncated);
  EXPECT_EQ(pulled->stored, 10);
  std::set<std::string> newest;
  for (std::size_t i = 0; i < 10; ++i) newest.insert(testing::venue_trade_id(rows[i]));
  EXPECT_EQ(f.stored(trader), newest);
  EXPECT_EQ(core::to_unix_ms(f.cursor(trader)->traded_at),
            rows.front().at("timestamp").get<std::int64_t>() * 1000);
}

}  // namespace
}  // namespace polycopy::engine
