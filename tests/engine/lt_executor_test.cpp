// The LT executor against the simulator: each source trade its twin's rules accept becomes
// one order, written ahead and posted once; refusals (evaluation, risk, order rules) become
// signals with their reason and send nothing; an unreadable book decides nothing; an order
// found again after a crash gets its signal without a second order.
#include <gtest/gtest.h>

#include <algorithm>

#include "chain/hex.hpp"
#include "engine/engine_fixture.hpp"
#include "engine/live_setup.hpp"
#include "engine/lt_executor.hpp"
#include "polymarket/clients/clob_trading_client.hpp"
#include "store/wallet_secret_context.hpp"

namespace polycopy::engine {
namespace {

using testing::hex32;

const std::string kKey = "0x00000000000000000000000000000000000000000000000000000000000000b2";
const std::string kTrader = "0x" + std::string(39, '0') + "7";

class LtExecutorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    clock_.set(sim_.now());
    market_ = testing::open_market(sim_.scenario, /*cent_tick=*/true);
    ASSERT_NE(market_, nullptr);
    store::Store& s = *fx_.store;
    testing::store_user(s, clock_.now());
    testing::store_market(s, *market_, clock_.now());
    wallet_ = testing::store_wallet(s, box_, kKey, clock_.now());
    twin_.params.target_traders = {kTrader};
    twin_.params.min_trader_resolved_count = 0;
    twin_.params.bet_size = core::Usd::from_micros(6'000'000);
    testing::store_live_pair(s, clock_.now(), twin_.params);
    twin_ = s.get_ft_strategy("usr_a", "ft_a").value().value();
  }

  std::string token(int outcome) const {
    return market_->outcomes[static_cast<std::size_t>(outcome)].token_id.to_decimal();
  }
  core::Price best_ask(int outcome) const {
    core::Price best = core::Price::one();
    for (const auto& level : market_->outcomes[static_cast<std::size_t>(outcome)].asks)
      best = std::min(best, level.price);
    return best;
  }
  // A trade of the followed trader two ticks under the best ask: the copy rests on the book.
  std::string add_trade(int outcome, std::uint64_t tx) {
    const auto price = best_ask(outcome).micros() - 20'000;
    auto trade = testing::make_trade(kTrader, hex32(market_->condition_id), token(outcome), outcome,
                                     store::TradeSide::buy, price, 50'000'000, clock_.now(), tx);
    EXPECT_EQ(fx_.store->insert_source_trades({trade}).value().size(), 1u);
    return trade.id;
  }
  store::LtStrategy strategy() {
    return fx_.store->get_lt_strategy("usr_a", "lt_a").value().value();
  }
  LtRun run() {
    auto done = executor_.run(strategy(), twin_, wallet_, {});
    EXPECT_TRUE(done.ok()) << done.error().to_string();
    return done.ok() ? *done : LtRun{};
  }
  std::size_t venue_orders() {
    auto identity = wallets_.trading_identity(wallet_).value();
    polymarket::ClobTradingClient trading(*sim_.http, sim_.urls.clob, identity, &clock_);
    return trading.open_orders().value().size();
  }
  std::vector<store::OrderRecord> orders() { return fx_.store->list_orders("lt_a", {}).value(); }

  testing::RunningSim sim_{testing::frozen_scenario(43, 2, 4)};
  testing::StoreFixture fx_;
  core::ManualClock clock_;
  core::SecretBox box_ = core::SecretBox::from_hex(std::string(64, 'd')).value();
  const sim::ScenarioMarket* market_ = nullptr;
  store::Wallet wallet_;
  store::FtStrategy twin_;
  risk::RiskManager risk_{*fx_.store, clock_};
  WalletAccess wallets_{*fx_.store, box_, *sim_.http, sim_.urls.clob, clock_};
  OrderPlacer placer_{*fx_.store, risk_, wallets_, *sim_.http, sim_.urls.clob, clock_};
  LtExecutor executor_{*fx_.store, placer_, clock_};
};

TEST_F(LtExecutorTest, AnAcceptedTradeBecomesOneOrderAndIsNeverEvaluatedTwice) {
  const auto trade = add_trade(0, 1);
  const auto first = run();
  EXPECT_EQ(first.evaluated, 1);
  EXPECT_EQ(first.accepted, 1);
  EXPECT_EQ(first.posted, 1);
  ASSERT_EQ(orders().size(), 1u);
  const auto order = orders().front();
  EXPECT_EQ(order.source_trade_id, trade);
  EXPECT_EQ(order.token_id, token(0));
  EXPECT_EQ(order.state, store::OrderState::submitted);
  // Entry price = trade price x 1.003, rounded down to the 0.01 tick: the trade's price.
  EXPECT_EQ(order.limit_price.micros(), best_ask(0).micros() - 20'000);
  EXPECT_EQ(venue_orders(), 1u);
  // Its token is held now, and its budget taken from the cash the next evaluation sees.
  const auto book = fx_.store->get_lt_book("lt_a", {token(1), token(0), token(0)}).value();
  EXPECT_EQ(book.open_token_ids, std::vector<std::string>{token(0)});
  EXPECT_TRUE(fx_.store->get_lt_book("lt_a", {}).value().open_token_ids.empty());
  EXPECT_EQ(book.cash, strategy().params.starting_equity -
                           core::notional(order.size, order.limit_price, core::Rounding::up));

  const auto second = run();
  EXPECT_EQ(second.evaluated, 0);
  EXPECT_EQ(orders().size(), 1u);
  EXPECT_EQ(venue_orders(), 1u);
}

TEST_F(LtExecutorTest, RefusalsAreSignalsWithTheirReasonAndSendNothing) {
  add_trade(0, 1);
  ASSERT_EQ(run().posted, 1);
  add_trade(0, 2);  // the same token again: duplicate_position (evaluation)
  auto lt = strategy();
  lt.params.risk.max_position_usd = core::Usd::from_micros(2'000'000);  // under the bet
  ASSERT_TRUE(fx_.store->update_lt_strategy(lt, {}).ok());
  add_trade(1, 3);  // the other outcome: refused by the risk manager
  const auto refused = run();
  EXPECT_EQ(refused.evaluated, 2);
  EXPECT_EQ(refused.accepted, 1);
  EXPECT_EQ(refused.refused_by_risk, 1);
  EXPECT_EQ(refused.posted, 0);
  EXPECT_EQ(orders().size(), 1u);
  EXPECT_EQ(venue_orders(), 1u);
  EXPECT_EQ(fx_.store->list_budget_reservations("lt_a").value().size(), 1u);
  EXPECT_EQ(run().evaluated, 0);  // both stored as signals
}

TEST_F(LtExecutorTest, AnUnreadableBookDecidesNothingUntilTheVenueAnswers) {
  add_trade(0, 1);
  testing::add_fault(
      sim_, {{"kind", "server_error"}, {"method", "GET"}, {"path", "/book"}, {"count", 100}});
  auto stopped = executor_.run(strategy(), twin_, wallet_, {});
  ASSERT_TRUE(stopped.ok()) << stopped.error().to_string();
  EXPECT_TRUE(stopped->stopped);
  EXPECT_EQ(stopped->evaluated, 0);
  EXPECT_TRUE(orders().empty());
  EXPECT_TRUE(fx_.store->list_budget_reservations("lt_a").value().empty());

  testing::clear_faults(sim_);
  const auto retried = run();
  EXPECT_FALSE(retried.stopped);
  EXPECT_EQ(retried.posted, 1);
  EXPECT_EQ(venue_orders(), 1u);
}

TEST_F(LtExecutorTest, AnOrderPlacedBeforeACrashGetsItsSignalWithoutASecondOrder) {
  const auto trade = add_trade(0, 1);
  // The process placed the order, then died before storing the signal.
  PlacementRequest request;
  request.source_trade_id = trade;
  request.condition_id = hex32(market_->condition_id);
  request.token_id = token(0);
  request.entry_price = core::Price::from_micros(best_ask(0).micros() - 20'000).value();
  request.bet = twin_.params.bet_size;
  request.signal_price = request.entry_price;
  ASSERT_EQ(placer_.place(strategy(), wallet_, request).value().placement, Placement::posted);

  const auto after_restart = run();
  EXPECT_EQ(after_restart.evaluated, 1);
  EXPECT_EQ(after_restart.already_placed, 1);
  EXPECT_EQ(after_restart.posted, 0);
  EXPECT_EQ(orders().size(), 1u);
  EXPECT_EQ(venue_orders(), 1u);
}

TEST_F(LtExecutorTest, OnlyUnpausedStrategiesWithAWalletRun) {
  auto active = fx_.store->list_active_lt_strategies().value();
  ASSERT_EQ(active.size(), 1u);
  EXPECT_EQ(active[0].id, "lt_a");
  store::RuleChange change;
  change.id = "chg_1";
  change.user_id = "usr_a";
  change.actor = "user:usr_a";
  change.entity_type = "lt_strategy";
  change.entity_id = "lt_a";
  change.action = "pause";
  change.changed_at = clock_.now();
  ASSERT_TRUE(fx_.store->set_lt_paused("usr_a", "lt_a", true, "test", change).ok());
  EXPECT_TRUE(fx_.store->list_active_lt_strategies().value().empty());
}

}  // namespace
}  // namespace polycopy::engine
