// Live orders against the simulator. Placing: planned from the book, checked and reserved,
// written ahead, signed and posted once; refusals at each step leave nothing held. Tracking:
// fills reach the store and the risk manager once, expiry frees what is still held.
#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "chain/hex.hpp"
#include "engine/engine_fixture.hpp"
#include "engine/live_setup.hpp"
#include "engine/order_placer.hpp"
#include "engine/order_reconciler.hpp"
#include "engine/order_tracker.hpp"
#include "store/wallet_secret_context.hpp"

namespace polycopy::engine {
namespace {

using testing::hex32;

const std::string kKey = "0x00000000000000000000000000000000000000000000000000000000000000a1";

class LiveOrderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    clock_.set(sim_.now());
    market_ = testing::open_market(sim_.scenario);
    ASSERT_NE(market_, nullptr);
    store::Store& s = *fx_.store;
    testing::store_user(s, clock_.now());
    testing::store_market(s, *market_, clock_.now());
    store::SourceTradeRecord trade;
    trade.trader_address = "0x" + std::string(39, '0') + "9";
    trade.tx_hash = "0x" + std::string(63, '0') + "1";
    trade.condition_id = hex32(market_->condition_id);
    trade.token_id = token(0);
    trade.id = store::source_trade_id(trade.tx_hash, trade.token_id, trade.trader_address);
    trade.side = store::TradeSide::buy;
    trade.price = best_ask();
    trade.size = core::Shares::from_micros(10'000'000);
    trade.usd = core::notional(trade.size, trade.price, core::Rounding::down);
    trade.traded_at = trade.received_at = clock_.now();
    ASSERT_EQ(s.insert_source_trades({trade}).value().size(), 1u);
    trade_id_ = trade.id;

    wallet_ = testing::store_wallet(s, box_, kKey, clock_.now());
    testing::store_live_pair(s, clock_.now());
  }

  std::string token(int outcome) const {
    return market_->outcomes[static_cast<std::size_t>(outcome)].token_id.to_decimal();
  }
  core::Price best_ask() const {
    core::Price best = core::Price::one();
    for (const auto& level : market_->outcomes[0].asks) best = std::min(best, level.price);
    return best;
  }
  store::LtStrategy strategy() {
    return fx_.store->get_lt_strategy("usr_a", "lt_a").value().value();
  }
  // A signal whose entry price is a tick under the best ask: the order rests on the book.
  PlacementRequest request(std::int64_t bet_micros) const {
    return PlacementRequest{trade_id_,
                            hex32(market_->condition_id),
                            token(0),
                            core::Price::from_micros(best_ask().micros() - 10'000).value(),
                            core::Usd::from_micros(bet_micros),
                            best_ask()};
  }
  core::Result<PlacementOutcome> place(const PlacementRequest& r) {
    return placer_.place(strategy(), wallet_, r);
  }
  std::vector<polymarket::parse::OpenOrder> venue_orders() {
    auto identity = wallets_.trading_identity(wallet_).value();
    polymarket::ClobTradingClient trading(*sim_.http, sim_.urls.clob, identity, &clock_);
    return trading.open_orders().value();
  }
  store::RiskState risk_state() {
    const auto snapshot =
        fx_.store->get_risk_snapshot("usr_a", "lt_a", clock_.now()).value().value();
    return risk::current_state(snapshot);
  }
  core::Usd reserved() { return risk_state().reserved; }
  const sim::BookLevel& best_ask_level() const {
    const auto& asks = market_->outcomes[0].asks;
    return *std::min_element(asks.begin(), asks.end(),
                             [](const auto& a, const auto& b) { return a.price < b.price; });
  }
  // A signal priced at the best ask, betting for `shares` of it (rounded up to the cent).
  PlacementRequest crossing(core::Shares shares) const {
    PlacementRequest r = request(0);
    r.entry_price = best_ask();
    r.bet = core::round_to_cent(core::notional(shares, best_ask(), core::Rounding::up),
                                core::Rounding::up);
    return r;
  }
  store::OrderRecord order_of(const PlacementOutcome& placed) {
    return fx_.store->find_order(*placed.order_id).value().value();
  }
  TrackReport track() {
    auto report = tracker_.track(strategy(), wallet_);
    EXPECT_TRUE(report.ok()) << report.error().to_string();
    if (!report) return {};
    for (const auto& error : report->errors) ADD_FAILURE() << error;
    return *report;
  }
  void pass_expiry() {
    sim_.advance(std::chrono::seconds(strategy().params.order_expiry_seconds + 120));
    clock_.set(sim_.now());
  }

  testing::RunningSim sim_{testing::frozen_scenario(41, 2, 4)};
  testing::StoreFixture fx_;
  core::ManualClock clock_;
  core::SecretBox box_ = core::SecretBox::from_hex(std::string(64, 'e')).value();
  const sim::ScenarioMarket* market_ = nullptr;
  std::string trade_id_;
  store::Wallet wallet_;
  risk::RiskManager risk_{*fx_.store, clock_};
  WalletAccess wallets_{*fx_.store, box_, *sim_.http, sim_.urls.clob, clock_};
  OrderPlacer placer_{*fx_.store, risk_, wallets_, *sim_.http, sim_.urls.clob, clock_};
  OrderTracker tracker_{*fx_.store, risk_, wallets_, *sim_.http, sim_.urls.clob, clock_};
  OrderReconciler reconciler_{*fx_.store, risk_, wallets_, *sim_.http, sim_.urls.clob, clock_};

  ReconcileReport reconcile() {
    auto report = reconciler_.reconcile(strategy(), wallet_, std::chrono::milliseconds(0));
    EXPECT_TRUE(report.ok()) << report.error().to_string();
    if (!report) return {};
    for (const auto& error : report->errors) ADD_FAILURE() << error;
    return *report;
  }
  void fault(const std::string& kind) {
    sim_.post(sim_.urls.sim + "/faults",
              {{"kind", kind}, {"method", "POST"}, {"path", "/order"}, {"count", 1}});
  }
};

TEST_F(LiveOrderTest, PostsOnceWrittenAheadAndHeldAgainstTheBudget) {
  const auto placed = place(request(20'000'000));
  ASSERT_TRUE(placed.ok()) << placed.error().to_string();
  ASSERT_EQ(placed->placement, Placement::posted) << placed->message;
  ASSERT_TRUE(placed->venue_order_id);
  const auto order = fx_.store->find_order(*placed->order_id).value().value();
  EXPECT_EQ(order.state, store::OrderState::submitted);
  EXPECT_EQ(order.venue_order_id, placed->venue_order_id);
  EXPECT_EQ(order.limit_price.micros(), best_ask().micros() - 10'000);
  EXPECT_EQ(reserved(), core::notional(order.size, order.limit_price, core::Rounding::up));
  const auto reservations = fx_.store->list_budget_reservations("lt_a").value();
  ASSERT_EQ(reservations.size(), 1u);
  EXPECT_EQ(reservations[0].order_id, order.id);
  const auto on_venue = venue_orders();
  ASSERT_EQ(on_venue.size(), 1u);

  // The same signal again: the stored order, nothing sent, nothing more held.
  const auto again = place(request(20'000'000));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->placement, Placement::already_placed);
  EXPECT_EQ(again->order_id, order.id);
  EXPECT_EQ(venue_orders().size(), 1u);
  EXPECT_EQ(fx_.store->list_budget_reservations("lt_a").value().size(), 1u);
}

TEST_F(LiveOrderTest, UnderTheMinimumSizeNothingIsHeld) {
  const auto placed = place(request(500'000));  // 0.50 buys under 5 shares
  ASSERT_TRUE(placed.ok());
  EXPECT_EQ(placed->placement, Placement::not_placeable);
  EXPECT_EQ(placed->code, "below_min_order_size");
  EXPECT_TRUE(fx_.store->list_budget_reservations("lt_a").value().empty());
  EXPECT_TRUE(fx_.store->list_orders("lt_a", {}).value().empty());
}

TEST_F(LiveOrderTest, ARiskRefusalSendsNothing) {
  auto lt = strategy();
  lt.params.risk.max_position_usd = core::Usd::from_micros(5'000'000);
  ASSERT_TRUE(fx_.store->update_lt_strategy(lt, {}).ok());
  const auto placed = place(request(20'000'000));
  ASSERT_TRUE(placed.ok());
  EXPECT_EQ(placed->placement, Placement::refused_by_risk);
  EXPECT_EQ(placed->code, "position_too_large");
  EXPECT_TRUE(fx_.store->list_orders("lt_a", {}).value().empty());
  EXPECT_TRUE(venue_orders().empty());
}

TEST_F(LiveOrderTest, AVenueRefusalEndsTheOrderAndFreesItsBudget) {
  sim_.post(sim_.urls.sim + "/wallets/" + wallet_.address + "/fund",
            {{"balance", "1"}, {"allowance", "1"}});
  const auto placed = place(request(20'000'000));
  ASSERT_TRUE(placed.ok()) << placed.error().to_string();
  EXPECT_EQ(placed->placement, Placement::rejected) << placed->message;
  ASSERT_TRUE(placed->order_id);
  const auto order = fx_.store->find_order(*placed->order_id).value().value();
  EXPECT_EQ(order.state, store::OrderState::rejected);
  ASSERT_TRUE(order.venue_message);
  EXPECT_NE(order.venue_message->find("balance"), std::string::npos) << *order.venue_message;
  EXPECT_EQ(reserved(), core::Usd{});
  EXPECT_TRUE(venue_orders().empty());
}

TEST_F(LiveOrderTest, ATickChangeBeforeTheOrderArrivesIsRejectedAndFreesItsBudget) {
  // The order is planned on a 0.01 tick; the market moves to 0.1 while it is on its way
  // (the venue holds the POST 400 ms), so it arrives off the tick.
  PlacementRequest r = request(20'000'000);
  if (r.entry_price.micros() % 100'000 == 0)
    r.entry_price = core::Price::from_micros(r.entry_price.micros() - 10'000).value();
  testing::add_fault(sim_, {{"kind", "latency"},
                            {"method", "POST"},
                            {"path", "/order"},
                            {"count", 1},
                            {"latency_ms", 400}});
  std::thread tick_change([this] {
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    net::HttpClient http;
    const auto changed =
        http.post(sim_.urls.sim + "/markets/" + hex32(market_->condition_id) + "/tick-size",
                  R"({"tick_size":"0.1"})", {{"Content-Type", "application/json"}});
    EXPECT_TRUE(changed.ok() && changed->status == 200);
  });
  const auto placed = place(r);
  tick_change.join();
  ASSERT_TRUE(placed.ok()) << placed.error().to_string();
  EXPECT_EQ(placed->placement, Placement::rejected) << placed->message;
  const auto order = fx_.store->find_order(*placed->order_id).value().value();
  EXPECT_EQ(order.state, store::OrderState::rejected);
  ASSERT_TRUE(order.venue_message);
  EXPECT_NE(order.venue_message->find("tick"), std::string::npos) << *order.venue_message;
  EXPECT_EQ(reserved(), core::Usd{});
  EXPECT_TRUE(venue_orders().empty());
}

TEST_F(LiveOrderTest, ACrossingOrderFillsAndItsBudgetBecomesSpend) {
  const auto placed = place(crossing(core::Shares::from_micros(5'000'000)));
  ASSERT_TRUE(placed.ok()) << placed.error().to_string();
  ASSERT_EQ(placed->placement, Placement::posted) << placed->message;
  const auto first = track();
  EXPECT_EQ(first.orders_checked, 1);
  EXPECT_GE(first.fills_recorded, 1);
  const auto order = order_of(*placed);
  EXPECT_EQ(order.state, store::OrderState::filled);
  EXPECT_EQ(order.filled_size, order.size);
  const auto s = risk_state();
  EXPECT_EQ(s.reserved, core::Usd{});
  EXPECT_EQ(s.day_spent, core::notional(order.size, best_ask(), core::Rounding::up));
  EXPECT_EQ(s.exposure, s.day_spent);
  EXPECT_EQ(fx_.store->list_order_fills(order.id).value().size(),
            static_cast<std::size_t>(first.fills_recorded));
  // Nothing live any more: a second pass has nothing to do and changes nothing.
  EXPECT_EQ(track().orders_checked, 0);
  EXPECT_EQ(risk_state().day_spent, s.day_spent);
}

TEST_F(LiveOrderTest, ARestingOrderExpiresAndFreesItsBudget) {
  const auto placed = place(request(20'000'000));
  ASSERT_TRUE(placed.ok());
  ASSERT_EQ(placed->placement, Placement::posted) << placed->message;
  EXPECT_EQ(track().orders_ended, 0);
  EXPECT_GT(reserved(), core::Usd{});
  pass_expiry();
  const auto report = track();
  EXPECT_EQ(report.orders_ended, 1);
  EXPECT_EQ(report.fills_recorded, 0);
  EXPECT_EQ(order_of(*placed).state, store::OrderState::expired);
  EXPECT_EQ(reserved(), core::Usd{});
  EXPECT_EQ(risk_state().day_reserved, core::Usd{});
  EXPECT_TRUE(venue_orders().empty());
}

TEST_F(LiveOrderTest, APartialFillThenExpirySpendsThePartAndFreesTheRest) {
  const core::Shares level = best_ask_level().size;
  const auto placed = place(crossing(level + core::Shares::from_micros(10'000'000)));
  ASSERT_TRUE(placed.ok()) << placed.error().to_string();
  ASSERT_EQ(placed->placement, Placement::posted) << placed->message;
  track();
  auto order = order_of(*placed);
  ASSERT_EQ(order.state, store::OrderState::partially_filled);
  EXPECT_EQ(order.filled_size, level);
  const core::Usd part = core::notional(level, best_ask(), core::Rounding::up);
  EXPECT_EQ(risk_state().day_spent, part);
  EXPECT_GT(reserved(), core::Usd{});
  pass_expiry();
  EXPECT_EQ(track().orders_ended, 1);
  order = order_of(*placed);
  EXPECT_EQ(order.state, store::OrderState::expired);
  EXPECT_EQ(order.filled_size, level);
  const auto s = risk_state();
  EXPECT_EQ(s.day_spent, part);
  EXPECT_EQ(s.reserved, core::Usd{});
  EXPECT_EQ(s.exposure, part);
  EXPECT_EQ(fx_.store->get_risk_snapshot("usr_a", "lt_a", clock_.now()).value()->open_positions, 1);
}

TEST_F(LiveOrderTest, ALostAnswerIsFoundOnTheVenueAndNeverSentTwice) {
  fault("lose_response");  // the venue takes the order; its answer never arrives
  const auto placed = place(request(20'000'000));
  ASSERT_TRUE(placed.ok()) << placed.error().to_string();
  ASSERT_EQ(placed->placement, Placement::unknown_outcome) << placed->message;
  auto order = order_of(*placed);
  EXPECT_EQ(order.state, store::OrderState::intent);
  ASSERT_TRUE(order.order_hash);
  EXPECT_GT(reserved(), core::Usd{});  // still held: the order may be live

  // The same signal again: nothing is sent.
  const auto again = place(request(20'000'000));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->placement, Placement::already_placed);
  ASSERT_EQ(venue_orders().size(), 1u);

  const auto report = reconcile();
  EXPECT_EQ(report.intents_checked, 1);
  EXPECT_EQ(report.adopted, 1);
  order = order_of(*placed);
  EXPECT_EQ(order.state, store::OrderState::submitted);
  EXPECT_EQ(order.venue_order_id, order.order_hash);
  EXPECT_EQ(venue_orders().size(), 1u);
  EXPECT_GT(reserved(), core::Usd{});
  EXPECT_EQ(reconcile().intents_checked, 0);  // nothing left to settle
}

TEST_F(LiveOrderTest, AnIntentTheVenueNeverGotEndsAndFreesItsBudget) {
  fault("server_error");  // a 500 before the venue looks at it: the client cannot know
  const auto placed = place(request(20'000'000));
  ASSERT_TRUE(placed.ok()) << placed.error().to_string();
  ASSERT_EQ(placed->placement, Placement::unknown_outcome) << placed->message;
  EXPECT_GT(reserved(), core::Usd{});
  const auto report = reconcile();
  EXPECT_EQ(report.abandoned, 1);
  EXPECT_EQ(report.adopted, 0);
  EXPECT_EQ(order_of(*placed).state, store::OrderState::cancelled);
  EXPECT_EQ(reserved(), core::Usd{});
  EXPECT_TRUE(venue_orders().empty());
  // The signal is not placed again: its key has its (ended) order.
  EXPECT_EQ(place(request(20'000'000))->placement, Placement::already_placed);
  EXPECT_TRUE(venue_orders().empty());
}

TEST_F(LiveOrderTest, AHoldNoIntentWasWrittenForIsReleased) {
  // A reservation bound to no intent (the placer commits both together: only a store written
  // otherwise, by hand or an older version, has one).
  risk::OrderRequest order;
  order.condition_id = hex32(market_->condition_id);
  order.token_id = token(0);
  order.limit_price = best_ask();
  order.size = core::Shares::from_micros(10'000'000);
  const auto held = risk_.check_and_reserve("lt_a", order);
  ASSERT_TRUE(held.ok() && held->reservation_id);
  EXPECT_GT(reserved(), core::Usd{});
  // Within the grace period it may still be on its way: left alone.
  auto young = reconciler_.reconcile(strategy(), wallet_, std::chrono::minutes(1));
  ASSERT_TRUE(young.ok());
  EXPECT_EQ(young->holds_released, 0);
  EXPECT_GT(reserved(), core::Usd{});
  clock_.advance(std::chrono::minutes(2));
  auto old = reconciler_.reconcile(strategy(), wallet_, std::chrono::minutes(1));
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(old->holds_released, 1);
  EXPECT_EQ(reserved(), core::Usd{});
  EXPECT_EQ(fx_.store->get_risk_snapshot("usr_a", "lt_a", clock_.now()).value()->open_positions, 0);
}

// A crash between an order's end in the store and its risk booking leaves the budget held:
// the reconciler books it once the end is older than the grace period.
TEST_F(LiveOrderTest, AHoldLeftOnAnEndedOrderIsBookedByTheReconciler) {
  const auto placed = place(request(20'000'000));
  ASSERT_TRUE(placed.ok());
  ASSERT_EQ(placed->placement, Placement::posted) << placed->message;
  ASSERT_TRUE(fx_.store
                  ->end_order(*placed->order_id, store::OrderState::cancelled, "cancelled by hand",
                              clock_.now())
                  .ok());
  const auto held = reserved();
  EXPECT_GT(held, core::Usd{});
  ASSERT_EQ(fx_.store->list_holds_of_ended_orders("lt_a", clock_.now()).value().size(), 1u);
  EXPECT_TRUE(fx_.store->list_holds_of_ended_orders("lt_a", clock_.now() - std::chrono::seconds(1))
                  .value()
                  .empty());  // ended after that instant
  auto young = reconciler_.reconcile(strategy(), wallet_, std::chrono::minutes(1));
  ASSERT_TRUE(young.ok());
  EXPECT_EQ(reserved(), held);  // within the grace period: left alone
  clock_.advance(std::chrono::minutes(2));
  auto old = reconciler_.reconcile(strategy(), wallet_, std::chrono::minutes(1));
  ASSERT_TRUE(old.ok());
  EXPECT_TRUE(old->errors.empty()) << old->errors.front();
  EXPECT_EQ(reserved(), core::Usd{});
  EXPECT_TRUE(fx_.store->list_holds_of_ended_orders("lt_a", clock_.now()).value().empty());
}

}  // namespace
}  // namespace polycopy::engine
