// Kill and restart: `polycopy engine run --once` runs as a separate process against the
// simulator, one tick per simulated half hour for two days, and is killed (SIGKILL) part-way
// through some ticks before the tick is run again. Nothing may be lost or repeated: the
// store must hold exactly what the independent model computes, each trade evaluated once.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <thread>

#include "engine/engine_process.hpp"
#include "engine/ft_model.hpp"
#include "engine/sim_harness.hpp"
#include "store/store.hpp"

namespace polycopy::engine {
namespace {

using namespace std::chrono_literals;

constexpr std::int64_t kUnit = 1'000'000;
const std::vector<std::string> kTickArgs{"engine", "run", "--once", "--clock", "venue"};

using testing::EngineProcess;

TEST(FtRestart, KilledMidTickTheEngineLosesAndRepeatsNothing) {
  testing::TempDir dir;
  testing::RunningSim sim(testing::frozen_scenario(23, 6, 20, std::chrono::hours(48)));
  const std::string db = dir.file("engine.db");
  std::vector<std::string> traders;
  for (const auto& t : sim.scenario.traders) traders.push_back(testing::hex(t.wallet));

  testing::ModelStrategy model;
  model.starting_cash = 500 * kUnit;
  model.max_trade_age_s = 2400;
  model.traders = {traders[0], traders[1], traders[2]};
  model.min_resolved = 2;
  model.allow_adding = true;
  model.bet = 12 * kUnit;
  {
    auto store = store::open_sqlite_store(db).value();
    (void)store->migrate().value();
    ASSERT_TRUE(store->insert_user({"usr_01", "alice", core::from_unix_ms(0)}).ok());
    store::FtStrategy s;
    s.id = "ft_restart";
    s.user_id = "usr_01";
    s.params.name = "restart";
    s.params.target_traders = {traders[0], traders[1], traders[2]};
    s.params.max_trade_age_seconds = 2400;
    s.params.min_trader_resolved_count = 2;
    s.params.allow_adding = true;
    s.params.bet_size = core::Usd::from_micros(12 * kUnit);
    s.params.starting_cash = core::Usd::from_micros(500 * kUnit);
    ASSERT_TRUE(store->insert_ft_strategy(s).ok());
  }

  std::vector<std::int64_t> ticks;
  int killed = 0;
  constexpr int kTicks = 2 * 24 * 2;  // two days, every 30 minutes
  for (int k = 0; k <= kTicks; ++k) {
    if (k > 0) sim.advance(30min);
    ticks.push_back(core::to_unix_ms(sim.now()));
    // Killed runs first: at tick 0 (the backfill, the longest) at growing delays, then every
    // eighth tick; each is followed by more runs until one completes the tick.
    std::vector<std::chrono::milliseconds> kills;
    if (k == 0) kills = {20ms, 60ms, 120ms, 200ms, 300ms, 450ms};
    if (k % 8 == 4) kills = {std::chrono::milliseconds(20 + 15 * (k % 5))};
    for (const auto delay : kills) {
      EngineProcess process(db, sim.urls, kTickArgs);
      std::this_thread::sleep_for(delay);
      process.signal(SIGKILL);
      if (process.wait() == -SIGKILL) ++killed;
    }
    EngineProcess process(db, sim.urls, kTickArgs);
    ASSERT_EQ(process.wait(), 0) << "tick " << k;
  }
  EXPECT_GE(killed, 3);  // the kills landed while the engine ran

  std::vector<testing::ModelTrade> trades;
  for (int i = 0; i < 3; ++i) {
    for (const auto& row : sim.all_trades(traders[static_cast<std::size_t>(i)])) {
      trades.push_back(testing::model_trade(row));
    }
  }
  const auto expected = testing::run_model(model, sim.scenario, trades, ticks);
  EXPECT_GT(expected.positions.size(), 3u);

  auto store = store::open_sqlite_store(db).value();
  store::SignalQuery all;
  all.limit = 1'000'000;
  const auto signals = store->list_ft_signals("usr_01", "ft_restart", all).value();
  std::map<std::string, std::string> actual;
  for (const auto& s : signals)
    actual[s.source_trade_id] = s.accepted ? "accepted" : *s.reason_code;
  EXPECT_EQ(actual.size(), signals.size()) << "a trade was evaluated twice";
  EXPECT_EQ(actual, expected.signals);
  store::PaperPositionQuery every;
  every.limit = 1'000'000;
  const auto positions = store->list_paper_positions("usr_01", "ft_restart", every).value();
  EXPECT_EQ(positions.size(), expected.positions.size());
  for (const auto& p : positions) {
    ASSERT_TRUE(expected.positions.contains(p.source_trade_id)) << p.source_trade_id;
    const auto& m = expected.positions.at(p.source_trade_id);
    EXPECT_EQ(p.shares.micros(), m.shares);
    EXPECT_EQ(p.cost.micros(), m.cost);
    EXPECT_EQ(p.status == store::PaperPositionStatus::resolved, m.settled);
  }
  const auto performance = store->get_ft_performance("usr_01", "ft_restart").value();
  EXPECT_EQ(performance.cash.micros(), expected.cash);
  EXPECT_EQ(performance.realised_pnl.micros(), expected.realised_pnl);
}

}  // namespace
}  // namespace polycopy::engine
