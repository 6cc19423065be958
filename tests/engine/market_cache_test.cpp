// MarketCache against the simulator: misses are filled with everything the evaluation reads
// of a market, a resolution at the venue is recorded on refresh_open (and moves the trader
// statistics), a near-1 price on an open market is not a resolution, and ids the venue does
// not know are not asked again until refresh_open.
#include <gtest/gtest.h>

#include <algorithm>

#include "chain/hex.hpp"
#include "engine/engine_fixture.hpp"
#include "engine/market_cache.hpp"
#include "polymarket/clients/gamma_client.hpp"
#include "polymarket/orders/types.hpp"

namespace polycopy::engine {
namespace {

using nlohmann::json;
using store::TradeSide;

constexpr std::int64_t kUnit = 1'000'000;

struct CacheFixture {
  CacheFixture() : sim(testing::frozen_scenario(31, 4, 16)), clock(sim.now()) {}

  // Open markets (not closed, no winner yet), neg-risk ones first when asked.
  std::vector<const sim::ScenarioMarket*> open_markets() const {
    std::vector<const sim::ScenarioMarket*> out;
    for (const auto& m : sim.scenario.markets) {
      if (!m.closed && !m.winner) out.push_back(&m);
    }
    return out;
  }

  // Stores a trade by a made-up trader on a market's outcome.
  void trade(const sim::ScenarioMarket& m, std::int64_t outcome, TradeSide side, std::int64_t price,
             std::int64_t size, const std::string& trader = kTrader) {
    const auto record =
        testing::make_trade(trader, testing::hex32(m.condition_id),
                            m.outcomes.at(static_cast<std::size_t>(outcome)).token_id.to_decimal(),
                            outcome, side, price, size, clock.now(), ++tx_);
    ASSERT_TRUE(db.store->insert_source_trades({record}).ok());
  }

  static inline const std::string kTrader = testing::fake_hex(0xabc, 40);

  testing::RunningSim sim;
  testing::StoreFixture db;
  core::ManualClock clock;
  polymarket::GammaClient gamma{*sim.http, sim.urls.gamma};
  std::uint64_t tx_ = 0;
};

void expect_stored_as_at_the_venue(store::Store& store, const sim::ScenarioMarket& m) {
  const std::string id = testing::hex32(m.condition_id);
  const auto stored = store.get_market(id).value();
  ASSERT_TRUE(stored.has_value()) << id;
  const auto& r = stored->market;
  EXPECT_EQ(r.question, m.question) << id;
  EXPECT_EQ(r.slug.value_or(""), m.slug) << id;
  EXPECT_EQ(r.category.value_or(""), m.category) << id;
  ASSERT_TRUE(r.end_at.has_value()) << id;
  EXPECT_EQ(core::to_unix_ms(*r.end_at), core::to_unix_ms(m.end_date) / 1000 * 1000) << id;
  EXPECT_EQ(r.neg_risk, m.neg_risk) << id;
  EXPECT_EQ(r.closed, m.closed) << id;
  EXPECT_EQ(r.tick_size, polymarket::tick_price(m.tick)) << id;
  EXPECT_EQ(r.min_order_size, m.min_order_size) << id;
  ASSERT_EQ(stored->tokens.size(), 2u) << id;
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(stored->tokens[i].token_id, m.outcomes[i].token_id.to_decimal()) << id;
    EXPECT_EQ(stored->tokens[i].outcome_index, static_cast<std::int64_t>(i)) << id;
    EXPECT_EQ(stored->tokens[i].outcome, m.outcomes[i].name) << id;
    EXPECT_EQ(stored->tokens[i].condition_id, id) << id;
  }
}

TEST(MarketCache, FillMissesStoresTheMarketsOfStoredTrades) {
  CacheFixture f;
  // A neg-risk market, a plain one, one already resolved at the start when there is one, and
  // one with a tick other than 0.01 when there is one.
  std::vector<const sim::ScenarioMarket*> chosen;
  const auto take = [&](auto pred) {
    for (const auto& m : f.sim.scenario.markets) {
      if (pred(m) && std::ranges::find(chosen, &m) == chosen.end()) {
        chosen.push_back(&m);
        return true;
      }
    }
    return false;
  };
  EXPECT_TRUE(take([](const sim::ScenarioMarket& m) { return m.neg_risk && !m.closed; }));
  EXPECT_TRUE(take([](const sim::ScenarioMarket& m) { return !m.neg_risk && !m.closed; }));
  const bool resolved_one = take([](const sim::ScenarioMarket& m) { return m.winner.has_value(); });
  const bool other_tick =
      take([](const sim::ScenarioMarket& m) { return m.tick != polymarket::TickSize::t0_01; });
  // The seeded scenario has both (so the test checks them).
  EXPECT_TRUE(resolved_one);
  EXPECT_TRUE(other_tick);
  for (const auto* m : chosen) f.trade(*m, 0, TradeSide::buy, 400'000, 10 * kUnit);

  MarketCache cache(*f.db.store, f.gamma, f.clock);
  const auto filled = cache.fill_misses();
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  EXPECT_EQ(filled->requested, static_cast<std::int64_t>(chosen.size()));
  EXPECT_EQ(filled->stored, static_cast<std::int64_t>(chosen.size()));
  EXPECT_EQ(filled->missing, 0);
  EXPECT_EQ(filled->refused, 0);
  EXPECT_EQ(filled->resolved, resolved_one ? 1 : 0);
  for (const auto* m : chosen) {
    expect_stored_as_at_the_venue(*f.db.store, *m);
    const auto resolution = f.db.store->get_resolution(testing::hex32(m->condition_id)).value();
    ASSERT_EQ(resolution.has_value(), m->winner.has_value());
    if (resolution) {
      EXPECT_EQ(resolution->winning_outcome_index, *m->winner);
    }
  }
  EXPECT_TRUE(f.db.store->unknown_trade_conditions(100).value().empty());
  const auto again = cache.fill_misses();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->requested, 0);
}

TEST(MarketCache, AResolutionAtTheVenueIsRecordedOnRefreshOpenAndMovesTraderStats) {
  CacheFixture f;
  const auto open = f.open_markets();
  ASSERT_GE(open.size(), 2u);
  const auto& m = *open[0];
  const std::string id = testing::hex32(m.condition_id);
  f.trade(m, 1, TradeSide::buy, 400'000, 10 * kUnit);  // wins: +6
  f.trade(m, 0, TradeSide::buy, 500'000, 5 * kUnit);   // loses: -2.5
  f.trade(m, 1, TradeSide::sell, 600'000, 2 * kUnit);  // not counted
  f.trade(*open[1], 0, TradeSide::buy, 300'000, 1 * kUnit);

  MarketCache cache(*f.db.store, f.gamma, f.clock);
  ASSERT_TRUE(cache.fill_misses().ok());
  const auto before = f.db.store->get_trader_stats(CacheFixture::kTrader, f.clock.now()).value();
  ASSERT_TRUE(before.has_value());
  EXPECT_EQ(before->trade_count, 3);
  EXPECT_EQ(before->resolved_count, 0);
  EXPECT_FALSE(before->win_rate.has_value());
  EXPECT_EQ(before->realised_pnl.micros(), 0);

  // Not resolved yet: a refresh records nothing.
  const auto quiet = cache.refresh_open();
  ASSERT_TRUE(quiet.ok());
  EXPECT_EQ(quiet->requested, 2);
  EXPECT_EQ(quiet->resolved, 0);
  EXPECT_FALSE(f.db.store->get_resolution(id).value().has_value());

  f.sim.post(f.sim.urls.sim + "/markets/" + id + "/resolve", json{{"winner", 1}});
  const auto refreshed = cache.refresh_open();
  ASSERT_TRUE(refreshed.ok()) << refreshed.error().message;
  EXPECT_EQ(refreshed->requested, 2);
  EXPECT_EQ(refreshed->stored, 2);
  EXPECT_EQ(refreshed->resolved, 1);

  const auto resolution = f.db.store->get_resolution(id).value();
  ASSERT_TRUE(resolution.has_value());
  EXPECT_EQ(resolution->winning_outcome_index, 1);
  EXPECT_EQ(resolution->payout_numerator_0, 0);
  EXPECT_EQ(resolution->payout_numerator_1, 1);
  EXPECT_EQ(resolution->payout_denominator, 1);
  EXPECT_TRUE(f.db.store->get_market(id).value()->market.closed);

  const auto after = f.db.store->get_trader_stats(CacheFixture::kTrader, f.clock.now()).value();
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->trade_count, 3);
  EXPECT_EQ(after->resolved_count, 2);
  EXPECT_EQ(after->win_count, 1);
  ASSERT_TRUE(after->win_rate.has_value());
  EXPECT_EQ(after->win_rate->micros(), 500'000);
  EXPECT_EQ(after->realised_pnl.micros(), 3'500'000);
  EXPECT_EQ(after->resolved_count_30d, 2);

  // The resolved market is no longer refreshed; the other one still is.
  const auto next = cache.refresh_open();
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->requested, 1);
  EXPECT_EQ(next->resolved, 0);
  EXPECT_EQ(
      f.db.store->get_trader_stats(CacheFixture::kTrader, f.clock.now()).value()->resolved_count,
      2);
}

TEST(MarketCache, APriceOfOneOnAnOpenMarketIsNotAResolution) {
  CacheFixture f;
  const auto& m = *f.open_markets().at(0);
  const std::string id = testing::hex32(m.condition_id);
  // Trades at 1 and 0 make Gamma show outcome prices ["1", "0"] on a market still open.
  const std::string other = testing::fake_hex(0xfeed, 40);
  testing::sim_trade(f.sim, other, m.outcomes[0].token_id.to_decimal(), "BUY", "1", "1");
  testing::sim_trade(f.sim, other, m.outcomes[1].token_id.to_decimal(), "BUY", "0", "1");
  const auto raw = f.sim.get(f.sim.urls.gamma + "/markets?condition_ids=" + id);
  ASSERT_EQ(raw.size(), 1u);
  EXPECT_EQ(raw[0].at("closed"), false);
  const auto prices = json::parse(raw[0].at("outcomePrices").get<std::string>());
  ASSERT_EQ(prices, json::array({"1", "0"})) << raw[0].dump();

  f.trade(m, 0, TradeSide::buy, 990'000, 1 * kUnit);
  MarketCache cache(*f.db.store, f.gamma, f.clock);
  const auto filled = cache.fill_misses();
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  EXPECT_EQ(filled->stored, 1);
  EXPECT_EQ(filled->resolved, 0);
  const auto refreshed = cache.refresh_open();
  ASSERT_TRUE(refreshed.ok());
  EXPECT_EQ(refreshed->resolved, 0);
  EXPECT_FALSE(f.db.store->get_resolution(id).value().has_value());
  EXPECT_FALSE(f.db.store->get_market(id).value()->market.closed);
  EXPECT_EQ(
      f.db.store->get_trader_stats(CacheFixture::kTrader, f.clock.now()).value()->resolved_count,
      0);
}

TEST(MarketCache, AnIdTheVenueDoesNotKnowIsNotAskedAgainUntilRefreshOpen) {
  CacheFixture f;
  const auto& m = *f.open_markets().at(0);
  const std::string unknown = testing::fake_hex(0xdead, 64);
  f.trade(m, 0, TradeSide::buy, 500'000, 2 * kUnit);
  ASSERT_TRUE(f.db.store
                  ->insert_source_trades(
                      {testing::make_trade(CacheFixture::kTrader, unknown, "12345", 0,
                                           TradeSide::buy, 500'000, 2 * kUnit, f.clock.now(), 999)})
                  .ok());

  MarketCache cache(*f.db.store, f.gamma, f.clock);
  const auto first = cache.fill_misses();
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->requested, 2);
  EXPECT_EQ(first->stored, 1);
  EXPECT_EQ(first->missing, 1);
  EXPECT_FALSE(f.db.store->get_market(unknown).value().has_value());

  const auto second = cache.fill_misses();
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->requested, 0);
  EXPECT_EQ(second->missing, 0);

  // A venue fault now would fail any request: none is made.
  testing::add_fault(f.sim, {{"kind", "server_error"}, {"path", "/gamma"}, {"count", -1}});
  EXPECT_TRUE(cache.fill_misses().ok());
  testing::clear_faults(f.sim);

  const auto open = cache.refresh_open();
  ASSERT_TRUE(open.ok());
  EXPECT_EQ(open->requested, 1);  // the known, open market
  EXPECT_EQ(open->missing, 0);

  const auto retried = cache.fill_misses();
  ASSERT_TRUE(retried.ok());
  EXPECT_EQ(retried->requested, 1);
  EXPECT_EQ(retried->missing, 1);
}

// Ids the venue does not know sort among the misses; they must not hide the markets after
// them from a fill with a small limit.
TEST(MarketCache, UnknownIdsDoNotHideTheMarketsAfterThemFromALimitedFill) {
  CacheFixture f;
  const auto& m = *f.open_markets().at(0);
  f.trade(m, 0, TradeSide::buy, 500'000, 2 * kUnit);
  ASSERT_TRUE(f.db.store
                  ->insert_source_trades({testing::make_trade(
                      CacheFixture::kTrader, testing::fake_hex(1, 64), "12345", 0, TradeSide::buy,
                      500'000, 2 * kUnit, f.clock.now(), 999)})
                  .ok());
  MarketCache cache(*f.db.store, f.gamma, f.clock);
  const auto first = cache.fill_misses(1);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->missing, 1);
  const auto second = cache.fill_misses(1);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->stored, 1);
  EXPECT_TRUE(f.db.store->get_market(testing::hex32(m.condition_id)).value().has_value());
}

}  // namespace
}  // namespace polycopy::engine
