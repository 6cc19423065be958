// Forward testing end to end against the simulator: two FT strategies follow a seeded
// scenario's traders for a simulated week (the engine ticking every 15 simulated minutes),
// then every signal, paper position and the cash must equal what the independent model of
// domain.md (ft_model.hpp) computes from the venue's own data.
#include <gtest/gtest.h>

#include "chain/hex.hpp"
#include "engine/ft_engine.hpp"
#include "engine/ft_model.hpp"
#include "engine/sim_harness.hpp"
#include "polymarket/clients/data_client.hpp"
#include "polymarket/clients/gamma_client.hpp"

namespace polycopy::engine {
namespace {

using namespace std::chrono_literals;
using testing::ModelStrategy;

constexpr std::int64_t kUnit = 1'000'000;

struct Fixture {
  explicit Fixture(sim::Scenario scenario) : sim(std::move(scenario)) {
    store = store::open_sqlite_store(dir.file("engine.db")).value();
    (void)store->migrate().value();
    const auto t0 = core::from_unix_ms(0);
    EXPECT_TRUE(store->insert_user({"usr_01", "alice", t0}).ok());
    EXPECT_TRUE(store->insert_user({"usr_02", "bob", t0}).ok());
  }

  void add_strategy(const std::string& id, const std::string& user, store::FtStrategyParams p) {
    store::FtStrategy s;
    s.id = id;
    s.user_id = user;
    s.params = std::move(p);
    s.created_at = s.updated_at = core::from_unix_ms(0);
    ASSERT_TRUE(store->insert_ft_strategy(s).ok());
  }

  testing::TempDir dir;
  testing::RunningSim sim;
  std::unique_ptr<store::Store> store;
};

// The two strategies: one filtering hard and sizing by edge, one copying everything of its
// traders with a small bankroll (so it runs out of cash).
struct Strategies {
  store::FtStrategyParams picky, greedy;
  ModelStrategy picky_model, greedy_model;
};

Strategies make_strategies(const sim::Scenario& scenario) {
  Strategies out;
  std::vector<std::string> traders;
  for (const auto& t : scenario.traders) traders.push_back(testing::hex(t.wallet));

  auto& p = out.picky;
  p.name = "picky";
  p.target_traders = {traders[0], traders[1], traders[2], traders[3]};
  p.max_trade_age_seconds = 1200;
  p.min_trader_resolved_count = 5;
  p.price_min = core::Price::from_micros(100'000).value();
  p.price_max = core::Price::from_micros(900'000).value();
  p.min_edge = core::Ratio::from_micros(-150'000);
  p.categories = {"politics", "crypto", "sports"};
  p.sizing_mode = store::SizingMode::edge_scaled;
  p.bet_size = core::Usd::from_micros(20 * kUnit);
  p.min_bet = core::Usd::from_micros(2 * kUnit);
  p.max_bet = core::Usd::from_micros(50 * kUnit);
  p.starting_cash = core::Usd::from_micros(1'000 * kUnit);
  auto& pm = out.picky_model;
  pm.starting_cash = 1'000 * kUnit;
  pm.max_trade_age_s = 1200;
  pm.traders = {p.target_traders.begin(), p.target_traders.end()};
  pm.min_resolved = 5;
  pm.price_min = 100'000;
  pm.price_max = 900'000;
  pm.min_edge = -150'000;
  pm.categories = {"politics", "crypto", "sports"};
  pm.edge_scaled = true;
  pm.bet = 20 * kUnit;
  pm.min_bet = 2 * kUnit;
  pm.max_bet = 50 * kUnit;

  auto& g = out.greedy;
  g.name = "greedy";
  g.target_traders = {traders[3], traders[4], traders[5]};
  g.max_trade_age_seconds = 1200;
  g.min_trader_resolved_count = 0;
  g.allow_adding = true;
  g.bet_size = core::Usd::from_micros(15 * kUnit);
  g.starting_cash = core::Usd::from_micros(200 * kUnit);
  auto& gm = out.greedy_model;
  gm.starting_cash = 200 * kUnit;
  gm.max_trade_age_s = 1200;
  gm.traders = {g.target_traders.begin(), g.target_traders.end()};
  gm.allow_adding = true;
  gm.bet = 15 * kUnit;
  return out;
}

std::vector<testing::ModelTrade> venue_trades(testing::RunningSim& sim,
                                              const std::vector<std::string>& traders) {
  std::vector<testing::ModelTrade> out;
  for (const auto& trader : traders) {
    for (const auto& row : sim.all_trades(trader)) out.push_back(testing::model_trade(row));
  }
  return out;
}

// Compares the store with the model for one strategy; returns how many signals it checked.
std::size_t expect_matches_model(store::Store& store, const std::string& user,
                                 const std::string& id, const testing::ModelResult& model) {
  store::SignalQuery all;
  all.limit = 1'000'000;
  const auto signals = store.list_ft_signals(user, id, all).value();
  std::map<std::string, std::string> actual;
  for (const auto& s : signals)
    actual[s.source_trade_id] = s.accepted ? "accepted" : *s.reason_code;
  EXPECT_EQ(actual.size(), signals.size()) << id << ": a trade evaluated twice";
  std::size_t mismatches = 0;
  for (const auto& [trade, reason] : model.signals) {
    const auto it = actual.find(trade);
    const std::string got = it == actual.end() ? "<none>" : it->second;
    if (got != reason && ++mismatches <= 10) {
      ADD_FAILURE() << id << " trade " << trade << ": engine " << got << ", model " << reason;
    }
  }
  EXPECT_EQ(mismatches, 0u) << id;
  EXPECT_EQ(actual.size(), model.signals.size()) << id;

  store::PaperPositionQuery every;
  every.limit = 1'000'000;
  const auto positions = store.list_paper_positions(user, id, every).value();
  EXPECT_EQ(positions.size(), model.positions.size()) << id;
  for (const auto& p : positions) {
    const auto it = model.positions.find(p.source_trade_id);
    if (it == model.positions.end()) {
      ADD_FAILURE() << id << ": a position the model does not have: " << p.source_trade_id;
      continue;
    }
    const auto& m = it->second;
    EXPECT_EQ(p.entry_price.micros(), m.entry) << p.source_trade_id;
    EXPECT_EQ(p.shares.micros(), m.shares) << p.source_trade_id;
    EXPECT_EQ(p.cost.micros(), m.cost) << p.source_trade_id;
    EXPECT_EQ(p.token_id, m.token) << p.source_trade_id;
    EXPECT_EQ(p.status == store::PaperPositionStatus::resolved, m.settled) << p.source_trade_id;
    if (m.settled) {
      EXPECT_EQ(p.payout.value().micros(), m.payout) << p.source_trade_id;
      EXPECT_EQ(p.pnl.value().micros(), m.payout - m.cost) << p.source_trade_id;
    }
  }
  const auto performance = store.get_ft_performance(user, id).value();
  EXPECT_EQ(performance.cash.micros(), model.cash) << id;
  EXPECT_EQ(performance.realised_pnl.micros(), model.realised_pnl) << id;
  std::map<std::string, std::int64_t> by_reason;
  for (const auto& r : performance.by_reason) by_reason[r.reason] = r.count;
  EXPECT_EQ(by_reason, model.by_reason) << id;
  return signals.size();
}

TEST(FtWeek, SignalsPositionsAndPnlMatchTheModelOfDomainMd) {
  Fixture f(testing::frozen_scenario(11, 8, 30));
  const auto strategies = make_strategies(f.sim.scenario);
  f.add_strategy("ft_picky", "usr_01", strategies.picky);
  f.add_strategy("ft_greedy", "usr_02", strategies.greedy);

  core::ManualClock clock(f.sim.now());
  net::HttpClient http;
  polymarket::DataClient data(http, f.sim.urls.data);
  polymarket::GammaClient gamma(http, f.sim.urls.gamma);
  FtEngineOptions options;
  options.market_refresh_interval = 15min;
  FtEngine engine(*f.store, data, gamma, clock, options);

  std::vector<std::int64_t> ticks;
  std::int64_t accepted = 0, settled = 0, stored = 0;
  constexpr int kTicks = 7 * 24 * 4;  // a week, every 15 minutes
  for (int k = 0; k <= kTicks; ++k) {
    if (k > 0) f.sim.advance(15min);
    clock.set(f.sim.now());
    ticks.push_back(core::to_unix_ms(clock.now()));
    const auto report = engine.tick();
    ASSERT_TRUE(report.problems.empty()) << report.problems.front();
    EXPECT_EQ(report.strategies, 2);
    EXPECT_EQ(report.traders, 6);
    accepted += report.accepted;
    settled += report.positions_settled;
    stored += report.trades_stored;
  }

  std::vector<std::string> followed;
  for (int i = 0; i < 6; ++i) followed.push_back(testing::hex(f.sim.scenario.traders[i].wallet));
  const auto trades = venue_trades(f.sim, followed);
  EXPECT_EQ(stored, static_cast<std::int64_t>(trades.size()));
  const auto picky = testing::run_model(strategies.picky_model, f.sim.scenario, trades, ticks);
  const auto greedy = testing::run_model(strategies.greedy_model, f.sim.scenario, trades, ticks);

  // The week exercised what it should: accepted and settled positions, several skip reasons.
  EXPECT_GT(picky.positions.size(), 5u);
  EXPECT_GT(greedy.positions.size(), 5u);
  EXPECT_GE(picky.by_reason.size(), 5u);
  EXPECT_TRUE(greedy.by_reason.contains("insufficient_cash"));
  EXPECT_EQ(accepted, static_cast<std::int64_t>(picky.positions.size() + greedy.positions.size()));
  EXPECT_GT(settled, 0);

  EXPECT_EQ(expect_matches_model(*f.store, "usr_01", "ft_picky", picky), trades.size());
  EXPECT_EQ(expect_matches_model(*f.store, "usr_02", "ft_greedy", greedy), trades.size());
  for (const auto& [reason, count] : picky.by_reason) {
    std::cout << "picky " << reason << " " << count << "\n";
  }
  for (const auto& [reason, count] : greedy.by_reason) {
    std::cout << "greedy " << reason << " " << count << "\n";
  }
}

}  // namespace
}  // namespace polycopy::engine
