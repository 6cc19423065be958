// FtRunner on a store alone (no venue): markets, trades and trader statistics are put in
// through the store port, then the runner's signals, paper positions and cash are checked.
#include <gtest/gtest.h>

#include <map>

#include "engine/engine_fixture.hpp"
#include "engine/ft_runner.hpp"
#include "strategy/reason_codes.hpp"

namespace polycopy::engine {
namespace {

using namespace std::chrono_literals;
using store::TradeSide;

constexpr std::int64_t kUnit = 1'000'000;
const std::string kAlice = testing::fake_hex(0xa11ce, 40);
const std::string kBob = testing::fake_hex(0xb0b, 40);

struct RunnerFixture {
  RunnerFixture() : clock(core::from_unix_ms(1'700'000'000'000)) {
    for (int i = 0; i < 3; ++i) add_market(i);
  }

  static std::string condition(int market) { return testing::fake_hex(0xc000 + market, 64); }
  static std::string token(int market, int outcome) {
    return std::to_string(1000 + market * 10 + outcome);
  }

  void add_market(int i) {
    store::MarketRecord m;
    m.condition_id = condition(i);
    m.question = "Market " + std::to_string(i) + "?";
    m.category = "politics";
    m.end_at = clock.now() + std::chrono::hours(24 * 30);
    m.min_order_size = core::Shares::from_micros(5 * kUnit);
    m.updated_at = clock.now();
    std::vector<store::OutcomeTokenRecord> tokens{{token(i, 0), m.condition_id, 0, "Yes"},
                                                  {token(i, 1), m.condition_id, 1, "No"}};
    ASSERT_TRUE(db.store->upsert_market(m, tokens).ok());
  }

  // A trade `ago` before now on market/outcome; returns its id.
  std::string trade(const std::string& trader, int market, int outcome, std::int64_t price,
                    std::chrono::seconds ago, TradeSide side = TradeSide::buy) {
    auto r = testing::make_trade(trader, condition(market), token(market, outcome), outcome, side,
                                 price, 20 * kUnit, clock.now() - ago, ++tx);
    EXPECT_TRUE(db.store->insert_source_trades({r}).ok());
    return r.id;
  }

  store::FtStrategy strategy(const std::string& id, store::FtStrategyParams p) {
    p.name = id;
    testing::add_strategy(*db.store, "usr_01", id, p);
    return db.store->get_ft_strategy("usr_01", id).value().value();
  }

  std::map<std::string, std::string> signals(const std::string& id) {
    store::SignalQuery all;
    all.limit = 100'000;
    std::map<std::string, std::string> out;
    const auto listed = db.store->list_ft_signals("usr_01", id, all);
    if (!listed) {
      ADD_FAILURE() << listed.error().message;
      return out;
    }
    for (const auto& s : *listed) {
      EXPECT_FALSE(out.contains(s.source_trade_id)) << "evaluated twice: " << s.source_trade_id;
      out[s.source_trade_id] = s.accepted ? "accepted" : s.reason_code.value_or("?");
    }
    return out;
  }

  std::vector<store::PaperPositionRecord> positions(const std::string& id) {
    store::PaperPositionQuery all;
    all.limit = 100'000;
    return db.store->list_paper_positions("usr_01", id, all).value();
  }

  testing::StoreFixture db;
  core::ManualClock clock;
  std::uint64_t tx = 0;
};

// Copies every BUY of anybody, fixed 10 USD bets, no history needed.
store::FtStrategyParams copy_all() {
  store::FtStrategyParams p;
  p.max_trade_age_seconds = 3600;
  p.min_trader_resolved_count = 0;
  p.bet_size = core::Usd::from_micros(10 * kUnit);
  p.min_bet = core::Usd::from_micros(1 * kUnit);
  p.starting_cash = core::Usd::from_micros(100 * kUnit);
  return p;
}

TEST(FtRunner, AnAcceptedTradeOpensAPositionAndDebitsCash) {
  RunnerFixture f;
  const auto id = f.trade(kAlice, 0, 1, 500'000, 60s);
  const auto s = f.strategy("ft_a", copy_all());
  FtRunner runner(*f.db.store, f.clock);
  const auto run = runner.run(s, {});
  ASSERT_TRUE(run.ok()) << run.error().message;
  EXPECT_EQ(run->evaluated, 1);
  EXPECT_EQ(run->accepted, 1);

  const auto signals = f.signals("ft_a");
  ASSERT_EQ(signals.size(), 1u);
  EXPECT_EQ(signals.at(id), "accepted");
  const auto positions = f.positions("ft_a");
  ASSERT_EQ(positions.size(), 1u);
  const auto& p = positions[0];
  EXPECT_EQ(p.source_trade_id, id);
  EXPECT_EQ(p.condition_id, RunnerFixture::condition(0));
  EXPECT_EQ(p.token_id, RunnerFixture::token(0, 1));
  EXPECT_EQ(p.outcome_index, 1);
  // entry = 0.5 x 1.003 = 0.5015; shares = 10 / 0.5015 = 19.9401794… rounded down.
  EXPECT_EQ(p.entry_price.micros(), 501'500);
  EXPECT_EQ(p.shares.micros(), 19'940'179);
  EXPECT_EQ(p.cost.micros(), 10 * kUnit);
  EXPECT_EQ(p.status, store::PaperPositionStatus::open);
  EXPECT_EQ(p.opened_at, f.clock.now());

  const auto book = f.db.store->get_ft_book("ft_a").value();
  EXPECT_EQ(book.cash.micros(), 90 * kUnit);
  EXPECT_EQ(book.open_token_ids, std::vector<std::string>{RunnerFixture::token(0, 1)});

  // A second run has nothing new to evaluate.
  const auto again = runner.run(s, {});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->evaluated, 0);
  EXPECT_EQ(again->accepted, 0);
  EXPECT_EQ(f.positions("ft_a").size(), 1u);
  EXPECT_EQ(f.db.store->get_ft_book("ft_a").value().cash.micros(), 90 * kUnit);

  // A new trade later: only it is evaluated.
  const auto later = f.trade(kBob, 1, 0, 250'000, 10s);
  const auto third = runner.run(s, {});
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->evaluated, 1);
  EXPECT_EQ(third->accepted, 1);
  EXPECT_EQ(f.signals("ft_a").at(later), "accepted");
  EXPECT_EQ(f.db.store->get_ft_book("ft_a").value().cash.micros(), 80 * kUnit);
}

TEST(FtRunner, RejectionsAreRecordedWithTheirReason) {
  RunnerFixture f;
  const auto sell = f.trade(kAlice, 0, 0, 500'000, 60s, TradeSide::sell);
  const auto old = f.trade(kAlice, 0, 0, 500'000, 7200s);
  auto unknown = testing::make_trade(kAlice, testing::fake_hex(0xeeee, 64), "777", 0,
                                     TradeSide::buy, 500'000, 20 * kUnit, f.clock.now() - 30s, 99);
  ASSERT_TRUE(f.db.store->insert_source_trades({unknown}).ok());
  const auto first = f.trade(kAlice, 2, 0, 400'000, 20s);
  const auto duplicate = f.trade(kBob, 2, 0, 410'000, 10s);
  const auto s = f.strategy("ft_r", copy_all());
  FtRunner runner(*f.db.store, f.clock);
  const auto run = runner.run(s, {});
  ASSERT_TRUE(run.ok()) << run.error().message;
  EXPECT_EQ(run->evaluated, 5);
  EXPECT_EQ(run->accepted, 1);
  const auto signals = f.signals("ft_r");
  EXPECT_EQ(signals.at(sell), strategy::reason::not_a_buy);
  EXPECT_EQ(signals.at(old), strategy::reason::trade_too_old);
  EXPECT_EQ(signals.at(unknown.id), strategy::reason::market_not_found);
  EXPECT_EQ(signals.at(first), "accepted");
  EXPECT_EQ(signals.at(duplicate), strategy::reason::duplicate_position);
}

TEST(FtRunner, ADiscoveringStrategyWithoutTradersEvaluatesNothing) {
  RunnerFixture f;
  const auto alice = f.trade(kAlice, 0, 0, 500'000, 60s);
  const auto bob = f.trade(kBob, 1, 0, 500'000, 50s);
  auto p = copy_all();
  p.discover_month_pnl = true;
  const auto s = f.strategy("ft_d", p);
  FtRunner runner(*f.db.store, f.clock);
  const auto idle = runner.run(s, {});
  ASSERT_TRUE(idle.ok()) << idle.error().message;
  EXPECT_EQ(idle->evaluated, 0);
  EXPECT_TRUE(f.signals("ft_d").empty());
  EXPECT_EQ(f.db.store->unprocessed_source_trades_for_ft("ft_d", 10).value().size(), 2u);

  // Once the board names a trader (any case), only that trader is copied.
  std::string discovered = kBob;
  for (auto& c : discovered) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  discovered[1] = 'x';
  const auto run = runner.run(s, {discovered});
  ASSERT_TRUE(run.ok()) << run.error().message;
  EXPECT_EQ(run->evaluated, 2);
  EXPECT_EQ(run->accepted, 1);
  const auto signals = f.signals("ft_d");
  EXPECT_EQ(signals.at(bob), "accepted");
  EXPECT_EQ(signals.at(alice), strategy::reason::not_target_trader);
}

TEST(FtRunner, ADiscoveringStrategyWithAnExplicitListRunsWithoutDiscoveredTraders) {
  RunnerFixture f;
  const auto alice = f.trade(kAlice, 0, 0, 500'000, 60s);
  const auto bob = f.trade(kBob, 1, 0, 500'000, 50s);
  auto p = copy_all();
  p.discover_week_pnl = true;
  p.target_traders = {kAlice};
  const auto s = f.strategy("ft_e", p);
  FtRunner runner(*f.db.store, f.clock);
  const auto run = runner.run(s, {});
  ASSERT_TRUE(run.ok()) << run.error().message;
  EXPECT_EQ(run->evaluated, 2);
  const auto signals = f.signals("ft_e");
  EXPECT_EQ(signals.at(alice), "accepted");
  EXPECT_EQ(signals.at(bob), strategy::reason::not_target_trader);
}

TEST(FtRunner, ABatchLargerThanBatchSizeIsProcessedOnceOverSeveralTransactions) {
  RunnerFixture f;
  // 11 trades on 3 markets, batches of 4: the first trade on each market opens a position,
  // every later one holds that token already (duplicate_position).
  std::vector<std::string> ids;
  for (int i = 0; i < 11; ++i) {
    ids.push_back(f.trade(i % 2 == 0 ? kAlice : kBob, i % 3, 0, 300'000 + 10'000 * i,
                          std::chrono::seconds(100 - i)));
  }
  const auto s = f.strategy("ft_b", copy_all());
  FtRunner runner(*f.db.store, f.clock, 4);
  const auto run = runner.run(s, {});
  ASSERT_TRUE(run.ok()) << run.error().message;
  EXPECT_EQ(run->evaluated, 11);
  EXPECT_EQ(run->accepted, 3);
  const auto signals = f.signals("ft_b");
  ASSERT_EQ(signals.size(), 11u);
  for (int i = 0; i < 11; ++i) {
    // Oldest first: the first trade on each market opens, the rest hold the token already
    // (across batch boundaries too: trade 4 is in the second batch, trade 0 in the first).
    EXPECT_EQ(signals.at(ids[static_cast<std::size_t>(i)]),
              i < 3 ? std::string("accepted") : std::string(strategy::reason::duplicate_position))
        << "trade " << i;
  }
  EXPECT_EQ(f.positions("ft_b").size(), 3u);
  EXPECT_EQ(f.db.store->get_ft_book("ft_b").value().cash.micros(), 70 * kUnit);
  EXPECT_TRUE(f.db.store->unprocessed_source_trades_for_ft("ft_b", 100).value().empty());

  // Exactly a multiple of the batch size: 4 more trades, one batch of 4, then none.
  for (int i = 0; i < 4; ++i) f.trade(kAlice, i % 3, 1, 200'000, std::chrono::seconds(5 - i));
  const auto more = runner.run(s, {});
  ASSERT_TRUE(more.ok()) << more.error().message;
  EXPECT_EQ(more->evaluated, 4);
  EXPECT_EQ(more->accepted, 3);
  EXPECT_EQ(f.signals("ft_b").size(), 15u);
  EXPECT_EQ(f.db.store->get_ft_book("ft_b").value().cash.micros(), 40 * kUnit);
}

TEST(FtRunner, CashCarriesAcrossBatches) {
  RunnerFixture f;
  // allow_adding: every trade is accepted while cash lasts; 25 USD buys two 10 USD bets.
  auto p = copy_all();
  p.allow_adding = true;
  p.starting_cash = core::Usd::from_micros(25 * kUnit);
  std::vector<std::string> ids;
  for (int i = 0; i < 4; ++i)
    ids.push_back(f.trade(kAlice, 0, 0, 500'000, 40s - std::chrono::seconds(i)));
  const auto s = f.strategy("ft_c", p);
  FtRunner runner(*f.db.store, f.clock, 1);
  const auto run = runner.run(s, {});
  ASSERT_TRUE(run.ok()) << run.error().message;
  EXPECT_EQ(run->evaluated, 4);
  EXPECT_EQ(run->accepted, 2);
  const auto signals = f.signals("ft_c");
  EXPECT_EQ(signals.at(ids[0]), "accepted");
  EXPECT_EQ(signals.at(ids[1]), "accepted");
  EXPECT_EQ(signals.at(ids[2]), strategy::reason::insufficient_cash);
  EXPECT_EQ(signals.at(ids[3]), strategy::reason::insufficient_cash);
  EXPECT_EQ(f.db.store->get_ft_book("ft_c").value().cash.micros(), 5 * kUnit);
}

TEST(FtRunner, ABetThatRoundsToNothingIsAZeroBet) {
  RunnerFixture f;
  const auto id = f.trade(kAlice, 0, 0, 500'000, 60s);
  auto p = copy_all();
  p.min_bet = core::Usd{};
  p.bet_size = core::Usd::from_micros(4'000);  // 0.004 USD: rounded down to the cent, 0
  const auto s = f.strategy("ft_z", p);
  FtRunner runner(*f.db.store, f.clock);
  const auto run = runner.run(s, {});
  ASSERT_TRUE(run.ok()) << run.error().message;
  EXPECT_EQ(run->evaluated, 1);
  EXPECT_EQ(run->accepted, 0);
  EXPECT_EQ(f.signals("ft_z").at(id), strategy::reason::zero_bet);
  EXPECT_TRUE(f.positions("ft_z").empty());
  EXPECT_EQ(f.db.store->get_ft_book("ft_z").value().cash.micros(), 100 * kUnit);
}

}  // namespace
}  // namespace polycopy::engine
