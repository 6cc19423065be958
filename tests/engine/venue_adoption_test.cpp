// Orders the venue has for the wallet that the store lacks are adopted into the strategy:
// held against the budget whatever the rules say, alerted once, tracked like our own; orders
// the store knows (by venue id or by the hash written with the intent) are left alone.
// The "other" store plays a second copy of polycopy trading the same wallet.
#include <gtest/gtest.h>

#include <algorithm>

#include "chain/hex.hpp"
#include "engine/engine_fixture.hpp"
#include "engine/live_setup.hpp"
#include "engine/order_placer.hpp"
#include "engine/order_tracker.hpp"
#include "engine/venue_order_adopter.hpp"
#include "risk/transitions.hpp"
#include "store/wallet_secret_context.hpp"

namespace polycopy::engine {
namespace {

using testing::hex32;

const std::string kKey = "0x00000000000000000000000000000000000000000000000000000000000000d4";

// One store's view: user, market, wallet, FT twin, LT strategy, and the engine parts.
struct Side {
  Side(testing::RunningSim& sim, const sim::ScenarioMarket& market, core::ManualClock& clock,
       const core::SecretBox& box)
      : risk(*fx.store, clock),
        wallets(*fx.store, box, *sim.http, sim.urls.clob, clock),
        placer(*fx.store, risk, wallets, *sim.http, sim.urls.clob, clock),
        adopter(*fx.store, risk, wallets, *sim.http, sim.urls.clob, clock) {
    testing::store_user(*fx.store, clock.now());
    testing::store_market(*fx.store, market, clock.now());
    wallet = testing::store_wallet(*fx.store, box, kKey, clock.now());
    testing::store_live_pair(*fx.store, clock.now());
  }
  store::LtStrategy strategy() {
    return fx.store->get_lt_strategy("usr_a", "lt_a").value().value();
  }
  store::RiskState risk_state(core::Timestamp now) {
    return risk::current_state(fx.store->get_risk_snapshot("usr_a", "lt_a", now).value().value());
  }

  testing::StoreFixture fx;
  risk::RiskManager risk;
  WalletAccess wallets;
  OrderPlacer placer;
  VenueOrderAdopter adopter;
  store::Wallet wallet;
};

class VenueAdoptionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    clock_.set(sim_.now());
    market_ = testing::open_market(sim_.scenario, /*cent_tick=*/true);
    ASSERT_NE(market_, nullptr);
    ours_ = std::make_unique<Side>(sim_, *market_, clock_, box_);
    other_ = std::make_unique<Side>(sim_, *market_, clock_, box_);
  }
  // A resting order placed through a side's own store (two ticks under the best ask), or
  // one at the best ask that fills at once (`crossing`).
  std::string place(Side& side, const std::string& source_trade, bool crossing = false) {
    core::Price ask = core::Price::one();
    for (const auto& level : market_->outcomes[0].asks) ask = std::min(ask, level.price);
    if (crossing) ask = core::Price::from_micros(ask.micros() + 20'000).value();
    // The order's source trade must exist in that side's store.
    auto trade = testing::make_trade(
        "0x" + std::string(39, '0') + "5", hex32(market_->condition_id),
        market_->outcomes[0].token_id.to_decimal(), 0, store::TradeSide::buy, ask.micros() - 20'000,
        10'000'000, clock_.now(), std::hash<std::string>{}(source_trade));
    EXPECT_EQ(side.fx.store->insert_source_trades({trade}).value().size(), 1u);
    PlacementRequest request;
    request.source_trade_id = trade.id;
    request.condition_id = hex32(market_->condition_id);
    request.token_id = market_->outcomes[0].token_id.to_decimal();
    request.entry_price = core::Price::from_micros(ask.micros() - 20'000).value();
    request.bet = core::Usd::from_micros(6'000'000);
    request.signal_price = request.entry_price;
    auto placed = side.placer.place(side.strategy(), side.wallet, request);
    EXPECT_TRUE(placed.ok() && placed->placement == Placement::posted);
    return placed.ok() && placed->venue_order_id ? *placed->venue_order_id : "";
  }

  testing::RunningSim sim_{testing::frozen_scenario(43, 2, 4)};
  core::ManualClock clock_;
  core::SecretBox box_ = core::SecretBox::from_hex(std::string(64, 'c')).value();
  const sim::ScenarioMarket* market_ = nullptr;
  std::unique_ptr<Side> ours_, other_;
};

TEST_F(VenueAdoptionTest, AnOrderTheStoreLacksIsAdoptedHeldAndAlertedOnce) {
  const std::string mine = place(*ours_, "mine");
  const std::string foreign = place(*other_, "foreign");
  ASSERT_FALSE(foreign.empty());
  const auto reserved_before = ours_->risk_state(clock_.now()).reserved;

  const auto report = ours_->adopter.adopt(ours_->strategy(), ours_->wallet);
  ASSERT_TRUE(report.ok()) << report.error().to_string();
  EXPECT_EQ(report->venue_orders, 2);
  EXPECT_EQ(report->adopted, 1);
  EXPECT_TRUE(report->errors.empty());

  const auto adopted = ours_->fx.store->find_order_by_venue_id(foreign).value().value();
  EXPECT_EQ(adopted.state, store::OrderState::submitted);
  EXPECT_EQ(adopted.idempotency_key, "adopted:" + foreign);
  EXPECT_FALSE(adopted.source_trade_id);
  const auto hold = ours_->fx.store->find_reservation_by_order(adopted.id).value().value();
  EXPECT_EQ(hold.amount, core::notional(adopted.size, adopted.limit_price, core::Rounding::up));
  EXPECT_EQ(ours_->risk_state(clock_.now()).reserved, reserved_before + hold.amount);
  // Our own order was known by its venue id: not adopted again.
  EXPECT_EQ(
      ours_->fx.store->find_order_by_venue_id(mine).value().value().idempotency_key,
      store::order_idempotency_key(
          "lt_a",
          ours_->fx.store->find_order_by_venue_id(mine).value().value().source_trade_id.value()));

  const auto alerts = ours_->fx.store->list_open_alerts("usr_a").value();
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].code, "venue_order_adopted");
  EXPECT_NE(alerts[0].message.find(foreign), std::string::npos);

  // The next pass finds it known: nothing more held, no second alert.
  const auto again = ours_->adopter.adopt(ours_->strategy(), ours_->wallet).value();
  EXPECT_EQ(again.adopted, 0);
  EXPECT_EQ(ours_->fx.store->list_budget_reservations("lt_a").value().size(), 2u);
  EXPECT_EQ(ours_->fx.store->list_open_alerts("usr_a").value().size(), 1u);
}

TEST_F(VenueAdoptionTest, AdoptionHoldsTheBudgetEvenWhenTheRulesWouldRefuse) {
  const std::string foreign = place(*other_, "foreign");
  auto lt = ours_->strategy();
  lt.params.risk.max_position_usd = core::Usd::from_micros(1'000'000);  // under the order
  ASSERT_TRUE(ours_->fx.store->update_lt_strategy(lt, {}).ok());
  const auto report = ours_->adopter.adopt(ours_->strategy(), ours_->wallet).value();
  EXPECT_EQ(report.adopted, 1);
  EXPECT_TRUE(ours_->fx.store->find_order_by_venue_id(foreign).value().has_value());
}

// An order that filled completely is never open: the wallet's trades name it, it is adopted,
// and tracking records its fills and ends it, so the risk state counts the position.
TEST_F(VenueAdoptionTest, AnOrderThatFilledCompletelyIsFoundThroughTheWalletsTrades) {
  const std::string foreign = place(*other_, "foreign", /*crossing=*/true);
  ASSERT_FALSE(foreign.empty());
  const auto report = ours_->adopter.adopt(ours_->strategy(), ours_->wallet);
  ASSERT_TRUE(report.ok()) << report.error().to_string();
  EXPECT_TRUE(report->errors.empty()) << report->errors.front();
  EXPECT_EQ(report->venue_orders, 0);  // nothing open
  EXPECT_EQ(report->from_trades, 1);
  EXPECT_EQ(report->adopted, 1);
  const auto adopted = ours_->fx.store->find_order_by_venue_id(foreign).value().value();
  EXPECT_EQ(adopted.idempotency_key, "adopted:" + foreign);

  OrderTracker tracker(*ours_->fx.store, ours_->risk, ours_->wallets, *sim_.http, sim_.urls.clob,
                       clock_);
  const auto tracked = tracker.track(ours_->strategy(), ours_->wallet);
  ASSERT_TRUE(tracked.ok()) << tracked.error().to_string();
  EXPECT_GE(tracked->fills_recorded, 1);
  const auto filled = ours_->fx.store->find_order(adopted.id).value().value();
  EXPECT_EQ(filled.state, store::OrderState::filled);
  EXPECT_EQ(filled.filled_size, adopted.size);
  const auto state = ours_->risk_state(clock_.now());
  EXPECT_EQ(state.reserved, core::Usd{});
  EXPECT_GT(state.exposure, core::Usd{});

  // Seen again through the same trades: known now, nothing adopted twice.
  const auto again = ours_->adopter.adopt(ours_->strategy(), ours_->wallet).value();
  EXPECT_EQ(again.from_trades, 0);
  EXPECT_EQ(again.adopted, 0);
  // The other copy knows its own order: nothing to adopt there.
  EXPECT_EQ(other_->adopter.adopt(other_->strategy(), other_->wallet).value().adopted, 0);
}

}  // namespace
}  // namespace polycopy::engine
