// Fills from the CLOB user websocket, against the simulator over real sockets: a crossing
// order's fill reaches the store and the risk manager through the socket alone, later
// statuses and replays of the same trade count once, a dropped socket is covered by polling
// without double counting after it comes back. Plus the fee arithmetic with non-zero rates.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <thread>

#include "chain/hex.hpp"
#include "engine/engine_fixture.hpp"
#include "engine/fill_recorder.hpp"
#include "engine/live_setup.hpp"
#include "engine/order_placer.hpp"
#include "engine/order_tracker.hpp"
#include "engine/user_fill_listener.hpp"
#include "store/wallet_secret_context.hpp"

namespace polycopy::engine {
namespace {

using polymarket::parse::ClobTrade;
using testing::hex32;

const std::string kKey = "0x00000000000000000000000000000000000000000000000000000000000000b2";

core::Shares shares(std::int64_t micros) {
  return core::Shares::from_micros(micros);
}
core::Price price(std::int64_t micros) {
  return core::Price::from_micros(micros).value();
}
chain::Bytes32 bytes32(const std::string& hex) {
  return chain::parse_bytes32(hex).value();
}

// Waits (up to 10 s of wall time) for a condition another thread makes true.
bool eventually(const std::function<bool()>& condition) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return condition();
}

// ---- Fee arithmetic (no venue) ----

TEST(TradeFee, TakerRateOnTheCurve) {
  // 10 shares at 0.65, 700 bps: 10 x 0.07 x 0.65 x 0.35 = 0.15925 exactly.
  EXPECT_EQ(trade_fee(shares(10'000'000), price(650'000), 700).micros(), 159'250);
  // Symmetric around 0.5: 0.35 costs what 0.65 does.
  EXPECT_EQ(trade_fee(shares(10'000'000), price(350'000), 700).micros(), 159'250);
  // 100 shares at 0.5, 1000 bps: 100 x 0.1 x 0.25 = 2.5.
  EXPECT_EQ(trade_fee(shares(100'000'000), price(500'000), 1000).micros(), 2'500'000);
}

TEST(TradeFee, MakerRateAsReported) {
  // 5.5 shares at 0.48 with a maker rate of 100 bps: 5.5 x 0.01 x 0.48 x 0.52 = 0.013728.
  EXPECT_EQ(trade_fee(shares(5'500'000), price(480'000), 100).micros(), 13'728);
  EXPECT_EQ(trade_fee(shares(5'500'000), price(480'000), 0).micros(), 0);
}

TEST(TradeFee, RoundsUpToTheMicroDollar) {
  // 0.000001 shares at 0.5, 1000 bps: 0.000000025 USD, charged as 0.000001.
  EXPECT_EQ(trade_fee(shares(1), price(500'000), 1000).micros(), 1);
  // 3 shares at 0.333333, 7 bps: 3 x 0.0007 x 0.333333 x 0.666667 = 0.000466666...
  EXPECT_EQ(trade_fee(shares(3'000'000), price(333'333), 7).micros(), 467);
}

TEST(TradeFee, EdgesAndBounds) {
  EXPECT_EQ(trade_fee(shares(10'000'000), price(1'000'000), 700).micros(), 0);  // p = 1
  EXPECT_EQ(trade_fee(shares(10'000'000), price(0), 700).micros(), 0);          // p = 0
  EXPECT_EQ(trade_fee(shares(10'000'000), price(500'000), -5).micros(), 0);
  EXPECT_EQ(trade_fee(shares(10'000'000), price(500'000), 50'000),
            trade_fee(shares(10'000'000), price(500'000), 10'000));
  EXPECT_EQ(trade_fee(shares(10'000'000), price(500'000), 10'000).micros(), 2'500'000);
  // A huge size does not overflow: 9e12 shares at 0.5, 10 000 bps = size / 4.
  const std::int64_t huge = 9'000'000'000'000'000'000;
  EXPECT_EQ(trade_fee(shares(huge), price(500'000), 10'000).micros(), huge / 4);
}

TEST(OurPart, TakesTheRateOfOurSide) {
  const std::string taker = "0x" + std::string(63, '0') + "a";
  const std::string maker = "0x" + std::string(63, '0') + "b";
  ClobTrade trade;
  trade.trade_id = "t1";
  trade.taker_order_id = bytes32(taker);
  trade.size = shares(12'000'000);
  trade.price = price(600'000);
  trade.fee_rate_bps = 700;
  polymarket::parse::MakerOrder m;
  m.order_id = bytes32(maker);
  m.matched_amount = shares(4'000'000);
  m.price = price(590'000);
  m.fee_rate_bps = 25;
  trade.maker_orders.push_back(m);

  const auto as_taker = our_part(trade, taker);
  ASSERT_TRUE(as_taker);
  EXPECT_TRUE(as_taker->taker);
  EXPECT_EQ(as_taker->size, shares(12'000'000));
  EXPECT_EQ(as_taker->fee_rate_bps, 700);
  const auto as_maker = our_part(trade, maker);
  ASSERT_TRUE(as_maker);
  EXPECT_FALSE(as_maker->taker);
  EXPECT_EQ(as_maker->size, shares(4'000'000));
  EXPECT_EQ(as_maker->price, price(590'000));
  EXPECT_EQ(as_maker->fee_rate_bps, 25);
  // 4 x 0.0025 x 0.59 x 0.41 = 0.002419.
  EXPECT_EQ(trade_fee(as_maker->size, as_maker->price, as_maker->fee_rate_bps).micros(), 2'419);
  EXPECT_FALSE(our_part(trade, "0x" + std::string(63, '0') + "c"));
}

// ---- Against the simulator ----

class UserFillsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    clock_.set(sim_.now());
    market_ = testing::open_market(sim_.scenario);
    ASSERT_NE(market_, nullptr);
    store::Store& s = *fx_.store;
    testing::store_user(s, clock_.now());
    testing::store_market(s, *market_, clock_.now());
    for (std::uint64_t i = 1; i <= 3; ++i) {
      store::SourceTradeRecord trade;
      trade.trader_address = "0x" + std::string(39, '0') + "9";
      trade.tx_hash = testing::fake_hex(i, 64);
      trade.condition_id = hex32(market_->condition_id);
      trade.token_id = token(0);
      trade.id = store::source_trade_id(trade.tx_hash, trade.token_id, trade.trader_address);
      trade.side = store::TradeSide::buy;
      trade.price = best_ask();
      trade.size = shares(10'000'000);
      trade.usd = core::notional(trade.size, trade.price, core::Rounding::down);
      trade.traded_at = trade.received_at = clock_.now();
      ASSERT_EQ(s.insert_source_trades({trade}).value().size(), 1u);
      source_trades_.push_back(trade.id);
    }

    wallet_ = testing::store_wallet(s, box_, kKey, clock_.now());
    testing::store_live_pair(s, clock_.now());
  }

  void TearDown() override {
    if (listener_) listener_->stop();
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
  // A signal for the n-th source trade priced at the best ask, betting for `size` of it: the
  // order crosses and fills when posted.
  PlacementRequest crossing(std::size_t n, core::Shares size) const {
    return PlacementRequest{
        source_trades_.at(n),
        hex32(market_->condition_id),
        token(0),
        best_ask(),
        core::round_to_cent(core::notional(size, best_ask(), core::Rounding::up),
                            core::Rounding::up),
        best_ask()};
  }
  // The same, a tick under the best ask: the order rests on the book.
  PlacementRequest resting(std::size_t n, std::int64_t bet_micros) const {
    return PlacementRequest{source_trades_.at(n),
                            hex32(market_->condition_id),
                            token(0),
                            price(best_ask().micros() - 10'000),
                            core::Usd::from_micros(bet_micros),
                            best_ask()};
  }
  store::OrderRecord place(const PlacementRequest& r) {
    const auto placed = placer_.place(strategy(), wallet_, r);
    EXPECT_TRUE(placed.ok()) << placed.error().to_string();
    EXPECT_EQ(placed->placement, Placement::posted) << placed->message;
    return fx_.store->find_order(placed->order_id.value()).value().value();
  }
  store::OrderRecord reread(const store::OrderRecord& order) {
    return fx_.store->find_order(order.id).value().value();
  }
  store::RiskState risk_state() {
    const auto snapshot =
        fx_.store->get_risk_snapshot("usr_a", "lt_a", clock_.now()).value().value();
    return risk::current_state(snapshot);
  }
  // A venue trade (built here, not by the simulator) in which the order is the maker of 5
  // shares at its limit price.
  static ClobTrade maker_trade(const store::OrderRecord& order, const std::string& id,
                               const std::string& status) {
    ClobTrade trade;
    trade.trade_id = id;
    trade.taker_order_id = bytes32(testing::fake_hex(77, 64));
    trade.size = shares(5'000'000);
    trade.price = order.limit_price;
    trade.status = status;
    polymarket::parse::MakerOrder maker;
    maker.order_id = bytes32(*order.venue_order_id);
    maker.matched_amount = shares(5'000'000);
    maker.price = order.limit_price;
    trade.maker_orders.push_back(maker);
    return trade;
  }
  // The venue's trades of an order, read by REST.
  std::vector<ClobTrade> venue_trades(const store::OrderRecord& order) {
    auto identity = wallets_.trading_identity(wallet_).value();
    polymarket::ClobTradingClient trading(*sim_.http, sim_.urls.clob, identity, &clock_);
    const auto on_venue = trading.order(*order.venue_order_id).value();
    std::vector<ClobTrade> out;
    for (const auto& id : on_venue.associate_trades) {
      polymarket::TradeFilter filter;
      filter.id = id;
      const auto trades = trading.trades(filter).value();
      out.insert(out.end(), trades.begin(), trades.end());
    }
    return out;
  }

  // Starts a listener for the wallet; reconnects after `reconnect` (no jitter), pings often
  // so that a PONG tells when the venue has read every frame sent before its PING.
  void start_listener(std::chrono::milliseconds reconnect = std::chrono::milliseconds(200)) {
    UserFillListenerOptions options;
    options.url = sim_.urls.ws_user;
    options.ws.ping_interval = std::chrono::milliseconds(50);
    options.ws.reconnect = net::BackoffPolicy{reconnect, reconnect, 1.0, 0.0};
    listener_ =
        std::make_unique<UserFillListener>(*fx_.store, risk_, wallets_, wallet_, options, clock_);
    ASSERT_TRUE(listener_->start().ok());
    ASSERT_TRUE(eventually([&] { return listener_->connected(); }));
    EXPECT_TRUE(listener_->take_poll_request());  // the first connect asks too
    settle();
  }
  // Waits until the venue has answered a PING sent after everything sent so far (frames on
  // one connection are read in order): subscriptions sent before are in force.
  void settle() {
    const auto before = listener_->socket_stats().pongs;
    ASSERT_TRUE(eventually([&] { return listener_->socket_stats().pongs >= before + 2; }));
  }
  void refresh() {
    ASSERT_TRUE(listener_->refresh().ok());
    settle();
  }
  // Moves simulated time past MINED and CONFIRMED for the trades matched so far.
  void confirm_trades() {
    sim_.advance(std::chrono::seconds(10));
    clock_.set(sim_.now());
  }
  // The order is filled and the listener has counted each of its stored fills.
  bool fills_done(const store::OrderRecord& placed) {
    const auto fills = fx_.store->list_order_fills(placed.id).value();
    return reread(placed).state == store::OrderState::filled &&
           listener_->stats().fills_recorded == fills.size();
  }
  void expect_no_listener_errors() {
    const auto stats = listener_->stats();
    EXPECT_EQ(stats.errors, 0u) << stats.last_error.value_or("");
  }
  // The risk state after one fill of `order` at the best ask: spent once, nothing of it held
  // (`held`: what other orders still hold).
  void expect_spent_once(const store::OrderRecord& order, core::Usd held = {}) {
    const auto s = risk_state();
    EXPECT_EQ(s.reserved, held);
    EXPECT_EQ(s.day_spent, core::notional(order.size, best_ask(), core::Rounding::up));
    EXPECT_EQ(s.exposure, s.day_spent);
  }

  testing::RunningSim sim_{testing::frozen_scenario(43, 2, 4)};
  testing::StoreFixture fx_;
  core::ManualClock clock_;
  core::SecretBox box_ = core::SecretBox::from_hex(std::string(64, 'f')).value();
  const sim::ScenarioMarket* market_ = nullptr;
  std::vector<std::string> source_trades_;
  store::Wallet wallet_;
  risk::RiskManager risk_{*fx_.store, clock_};
  WalletAccess wallets_{*fx_.store, box_, *sim_.http, sim_.urls.clob, clock_};
  OrderPlacer placer_{*fx_.store, risk_, wallets_, *sim_.http, sim_.urls.clob, clock_};
  std::unique_ptr<UserFillListener> listener_;
};

TEST_F(UserFillsTest, ACrossingOrdersFillArrivesByWebsocketAlone) {
  start_listener();
  // No OrderTracker exists in this test: only the socket can record the fill.
  const auto placed = place(crossing(0, shares(5'000'000)));
  // The MATCHED event may already have recorded it (the socket started with no market, which
  // the venue reads as every market); otherwise the later statuses will, once subscribed.
  refresh();
  confirm_trades();

  // Done when every stored fill has been through the risk manager too (the listener counts a
  // fill after both writes).
  ASSERT_TRUE(eventually([&] { return fills_done(placed); }));
  const auto order = reread(placed);
  EXPECT_EQ(order.filled_size, order.size);
  const auto fills = fx_.store->list_order_fills(order.id).value();
  ASSERT_FALSE(fills.empty());
  core::Shares total;
  for (const auto& f : fills) {
    total += f.size;
    EXPECT_EQ(f.fee, core::Usd{});  // the simulator charges 0 bps
  }
  EXPECT_EQ(total, order.size);
  const auto stats = listener_->stats();
  EXPECT_EQ(stats.fills_recorded, fills.size());
  expect_spent_once(order);
  expect_no_listener_errors();
  // Filled: nothing live in the market any more, so the next refresh leaves it.
  refresh();
  EXPECT_TRUE(listener_->markets().empty());
}

TEST_F(UserFillsTest, LaterStatusesAndReplaysOfATradeCountOnce) {
  // A resting order first, so that the market is subscribed before the crossing one.
  const auto rests = place(resting(0, 20'000'000));
  const auto held = core::notional(rests.size, rests.limit_price, core::Rounding::up);
  start_listener();
  ASSERT_EQ(listener_->markets().size(), 1u);
  const auto placed = place(crossing(1, shares(5'000'000)));
  refresh();
  EXPECT_EQ(listener_->markets(), std::vector<std::string>{hex32(market_->condition_id)});
  confirm_trades();
  const auto trades = venue_trades(placed);
  ASSERT_FALSE(trades.empty());
  // Every trade arrived at least twice over the socket (MATCHED or MINED, then CONFIRMED).
  ASSERT_TRUE(eventually(
      [&] { return listener_->stats().trades >= 2 * trades.size() && fills_done(placed); }));
  const auto order = reread(placed);
  const auto fills = fx_.store->list_order_fills(order.id).value();
  EXPECT_EQ(fills.size(), trades.size());
  EXPECT_EQ(listener_->stats().fills_recorded, trades.size());
  expect_spent_once(order, held);

  // The same trades handed over again, as MATCHED then CONFIRMED: nothing moves.
  const auto spent = risk_state().day_spent;
  for (auto trade : trades) {
    trade.status = "MATCHED";
    listener_->on_trade(trade);
    trade.status = "CONFIRMED";
    listener_->on_trade(trade);
  }
  EXPECT_EQ(fx_.store->list_order_fills(order.id).value().size(), fills.size());
  EXPECT_EQ(listener_->stats().fills_recorded, trades.size());
  EXPECT_EQ(risk_state().day_spent, spent);
  EXPECT_EQ(reread(placed).filled_size, order.size);
  expect_no_listener_errors();
}

TEST_F(UserFillsTest, ADroppedSocketIsCoveredByPollingWithoutDoubleCounting) {
  start_listener(std::chrono::milliseconds(3000));
  const auto drops = sim_.post(sim_.urls.sim + "/websockets/drop", nlohmann::json::object());
  EXPECT_GE(drops.value("dropped", 0), 1);
  ASSERT_TRUE(eventually([&] { return !listener_->connected(); }));

  // While the socket is down (it comes back after 3 s): the order fills, every status of its
  // trades goes by, and polling records the fill.
  const auto placed = place(crossing(0, shares(5'000'000)));
  ASSERT_TRUE(listener_->refresh().ok());
  confirm_trades();
  OrderTracker tracker{*fx_.store, risk_, wallets_, *sim_.http, sim_.urls.clob, clock_};
  const auto first = tracker.track(strategy(), wallet_);
  ASSERT_TRUE(first.ok()) << first.error().to_string();
  EXPECT_TRUE(first->errors.empty());
  EXPECT_GE(first->fills_recorded, 1);  // new to the store: the socket never saw them
  EXPECT_FALSE(listener_->connected());
  EXPECT_EQ(listener_->stats().fills_recorded, 0u);
  const auto order = reread(placed);
  EXPECT_EQ(order.state, store::OrderState::filled);
  expect_spent_once(order);
  const auto fills = fx_.store->list_order_fills(order.id).value();

  // The socket comes back and asks for a poll; polling again and the same trades arriving on
  // the socket (as a venue resending them would) change nothing.
  ASSERT_TRUE(eventually([&] { return listener_->connected(); }));
  EXPECT_TRUE(listener_->take_poll_request());
  EXPECT_FALSE(listener_->take_poll_request());
  EXPECT_GE(listener_->socket_stats().reconnects, 1u);
  const auto second = tracker.track(strategy(), wallet_);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->fills_recorded, 0);
  for (auto trade : venue_trades(order)) {
    trade.status = "CONFIRMED";
    listener_->on_trade(trade);
  }
  EXPECT_EQ(listener_->stats().fills_recorded, 0u);
  EXPECT_EQ(fx_.store->list_order_fills(order.id).value().size(), fills.size());
  expect_spent_once(order);
  expect_no_listener_errors();
}

TEST_F(UserFillsTest, FeesAreStoredAndFailedTradesAreNotFills) {
  const auto order = place(resting(0, 20'000'000));
  ASSERT_TRUE(order.venue_order_id);
  FillRecorder recorder(*fx_.store, risk_, clock_);

  // A venue trade in which our resting order is the maker at a non-zero rate (the
  // simulator's own trades carry 0 bps).
  ClobTrade trade = maker_trade(order, "trade-fee-1", "FAILED");
  trade.fee_rate_bps = 700;
  trade.maker_orders[0].fee_rate_bps = 25;

  // FAILED: not ours to record, nothing stored or counted.
  const auto failed = recorder.record("lt_a", order, trade);
  ASSERT_TRUE(failed.ok()) << failed.error().to_string();
  EXPECT_FALSE(failed->ours);
  EXPECT_TRUE(fx_.store->list_order_fills(order.id).value().empty());
  EXPECT_EQ(risk_state().day_spent, core::Usd{});

  trade.status = "MATCHED";
  const auto matched = recorder.record("lt_a", order, trade);
  ASSERT_TRUE(matched.ok()) << matched.error().to_string();
  EXPECT_TRUE(matched->ours);
  EXPECT_TRUE(matched->stored_now);
  EXPECT_EQ(matched->order.state, store::OrderState::partially_filled);
  const auto fills = fx_.store->list_order_fills(order.id).value();
  ASSERT_EQ(fills.size(), 1u);
  EXPECT_EQ(fills[0].venue_trade_id, fill_key("trade-fee-1", *order.venue_order_id));
  EXPECT_EQ(fills[0].size, shares(5'000'000));
  // The maker's rate, not the taker's 700.
  const auto fee = trade_fee(shares(5'000'000), order.limit_price, 25);
  EXPECT_GT(fee, core::Usd{});
  EXPECT_EQ(fills[0].fee, fee);
  EXPECT_EQ(risk_state().day_spent,
            core::notional(shares(5'000'000), order.limit_price, core::Rounding::up));

  // The same trade again, confirmed: counted once.
  trade.status = "CONFIRMED";
  const auto again = recorder.record("lt_a", order, trade);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->ours);
  EXPECT_FALSE(again->stored_now);
  EXPECT_EQ(fx_.store->list_order_fills(order.id).value().size(), 1u);
  EXPECT_EQ(risk_state().day_spent,
            core::notional(shares(5'000'000), order.limit_price, core::Rounding::up));
}

// MATCHED recorded, then the venue says FAILED: the fill is not undone (position, budgets and
// PnL keep it), the strategy stops with a critical alert, once, and stays resumable.
TEST_F(UserFillsTest, AFillTheVenueLaterFailsStopsTheStrategyOnce) {
  const auto order = place(resting(0, 20'000'000));
  ASSERT_TRUE(order.venue_order_id);
  FillRecorder recorder(*fx_.store, risk_, clock_);
  ClobTrade trade = maker_trade(order, "trade-fails-1", "MATCHED");
  ASSERT_TRUE(recorder.record("lt_a", order, trade).value().stored_now);
  const auto spent = risk_state().day_spent;
  EXPECT_GT(spent, core::Usd{});
  EXPECT_FALSE(strategy().paused);

  trade.status = "FAILED";
  const auto failed = recorder.record("lt_a", reread(order), trade);
  ASSERT_TRUE(failed.ok()) << failed.error().to_string();
  EXPECT_TRUE(failed->failed_after_fill);
  EXPECT_FALSE(failed->ours);
  const auto lt = strategy();
  EXPECT_TRUE(lt.paused);
  EXPECT_NE(lt.pause_reason->find("trade-fails-1 FAILED"), std::string::npos);
  const auto alerts = fx_.store->list_open_alerts("usr_a").value();
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].code, "fill_failed");
  EXPECT_EQ(alerts[0].severity, "critical");
  const auto fills = fx_.store->list_order_fills(order.id).value();
  ASSERT_EQ(fills.size(), 1u);
  EXPECT_TRUE(fills[0].venue_failed_at);
  EXPECT_EQ(reread(order).filled_size, shares(5'000'000));
  EXPECT_EQ(risk_state().day_spent, spent);

  // Resumed by the user, the same FAILED trade seen again (a replay, a poll) stops nothing.
  const store::RuleChange resume{"chg_r", "usr_a", "user:usr_a", "lt_strategy", "lt_a", "resume",
                                 {},      {},      {},           clock_.now()};
  ASSERT_TRUE(fx_.store->set_lt_paused("usr_a", "lt_a", false, std::nullopt, resume).ok());
  const auto again = recorder.record("lt_a", reread(order), trade);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->failed_after_fill);
  EXPECT_FALSE(strategy().paused);
  EXPECT_EQ(fx_.store->list_order_fills(order.id).value().size(), 1u);
}

}  // namespace
}  // namespace polycopy::engine
