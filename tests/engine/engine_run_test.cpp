// `polycopy engine run` as a long-running process: it ticks on its interval, wakes early
// when the market websocket shows a trade on a watched market, and stops cleanly on SIGTERM.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <thread>

#include "engine/engine_fixture.hpp"
#include "engine/engine_process.hpp"
#include "engine/sim_harness.hpp"

namespace polycopy::engine {
namespace {

using namespace std::chrono_literals;

// Polls `done` every 50 ms for up to `limit`.
template <class F>
bool eventually(F done, std::chrono::milliseconds limit) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(50ms);
  }
  return done();
}

std::size_t signal_count(store::Store& store) {
  store::SignalQuery all;
  all.limit = 1'000'000;
  auto signals = store.list_ft_signals("usr_run", "ft_run", all);
  return signals ? signals->size() : 0;
}

TEST(EngineRun, AWebsocketTradeWakesTheEngineBeforeItsIntervalAndSigtermStopsIt) {
  testing::TempDir dir;
  testing::RunningSim sim(testing::frozen_scenario(31, 3, 8));
  const std::string db = dir.file("engine.db");
  const std::string trader = testing::hex(sim.scenario.traders[0].wallet);
  auto store = store::open_sqlite_store(db).value();
  (void)store->migrate().value();
  store::FtStrategyParams params;
  params.name = "run";
  params.target_traders = {trader};
  params.min_trader_resolved_count = 0;
  params.allow_adding = true;
  testing::add_strategy(*store, "usr_run", "ft_run", params);

  // An hour between ticks: only the websocket can bring the second one within the test.
  testing::EngineProcess engine(
      db, sim.urls, {"engine", "run", "--clock", "venue", "--interval", "3600", "--min-gap", "0"});
  ASSERT_TRUE(engine.started());
  const auto venue_trades = sim.all_trades(trader).size();
  ASSERT_GT(venue_trades, 0u);
  ASSERT_TRUE(eventually([&] { return signal_count(*store) == venue_trades; }, 20s))
      << signal_count(*store) << " of " << venue_trades;

  // A trade on an open market the trader traded before: its tokens are watched.
  auto open = store->open_market_conditions().value();
  ASSERT_FALSE(open.empty());
  const auto market = store->get_market(open.front()).value();
  ASSERT_TRUE(market.has_value());
  // The websocket subscription follows the first tick; give it a moment to be sent.
  std::this_thread::sleep_for(500ms);
  testing::sim_trade(sim, trader, market->tokens[0].token_id, "BUY", "0.5", "10");
  EXPECT_TRUE(eventually([&] { return signal_count(*store) == venue_trades + 1; }, 15s))
      << "no early tick: " << signal_count(*store) << " signals";

  engine.signal(SIGTERM);
  EXPECT_EQ(engine.wait(), 0);
}

}  // namespace
}  // namespace polycopy::engine
