// What happens to orders and trades over time and on request: cancels (with owner
// isolation), GTD expiry, trade status progression, the market maker's refills.
#include "venue_test_fixture.hpp"

namespace polycopy::sim::venue_test {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using LifecycleTest = VenueTest;

TEST_F(LifecycleTest, CancelOnlyTouchesTheOwnersOrders) {
  const PlaceResult alice = place(kAlice, kYes, Side::buy, 400'000, 10 * kUnit);
  ASSERT_EQ(alice.status, "live");
  EXPECT_EQ(venue().balance(kAlice.wallet).collateral_reserved, usd(4 * kUnit));

  const CancelResult by_bob = venue().cancel(kBob.owner, {alice.order_id});
  EXPECT_TRUE(by_bob.canceled.empty());
  ASSERT_EQ(by_bob.not_canceled.size(), 1u);
  EXPECT_EQ(by_bob.not_canceled[0].second, "order not found");
  EXPECT_EQ(level(kYes, Side::buy, 400'000), 10 * kUnit);

  const CancelResult by_alice = venue().cancel(kAlice.owner, {alice.order_id});
  ASSERT_EQ(by_alice.canceled.size(), 1u);
  EXPECT_EQ(by_alice.canceled[0], alice.order_id);
  EXPECT_EQ(level(kYes, Side::buy, 400'000), 0);
  EXPECT_EQ(venue().balance(kAlice.wallet).collateral_reserved, usd(0));
  EXPECT_EQ(venue().order(kAlice.owner, alice.order_id)->status, OrderStatus::canceled);
  const auto cancels = events_of<OrderEvent>();
  ASSERT_FALSE(cancels.empty());
  EXPECT_EQ(cancels.back().type, OrderEventType::cancellation);

  const CancelResult again = venue().cancel(kAlice.owner, {alice.order_id});
  ASSERT_EQ(again.not_canceled.size(), 1u);
  EXPECT_EQ(again.not_canceled[0].second, "order can't be found - already canceled or matched");
}

TEST_F(LifecycleTest, CancelAllAndCancelMarket) {
  const PlaceResult a1 = place(kAlice, kYes, Side::buy, 400'000, 10 * kUnit);
  const PlaceResult a2 = place(kAlice, kNo, Side::buy, 300'000, 10 * kUnit);
  const PlaceResult a3 = place(kAlice, kOtherYes, Side::buy, 300'000, 10 * kUnit);
  const PlaceResult b1 = place(kBob, kYes, Side::buy, 400'000, 10 * kUnit);

  const CancelResult by_asset = venue().cancel_market(kAlice.owner, std::nullopt, kNo);
  ASSERT_EQ(by_asset.canceled.size(), 1u);
  EXPECT_EQ(by_asset.canceled[0], a2.order_id);

  const CancelResult by_market = venue().cancel_market(kAlice.owner, condition(2), std::nullopt);
  ASSERT_EQ(by_market.canceled.size(), 1u);
  EXPECT_EQ(by_market.canceled[0], a3.order_id);

  const CancelResult all = venue().cancel_all(kAlice.owner);
  ASSERT_EQ(all.canceled.size(), 1u);
  EXPECT_EQ(all.canceled[0], a1.order_id);
  EXPECT_TRUE(venue().open_orders(kAlice.owner, {}).empty());

  const auto bobs = venue().open_orders(kBob.owner, {});
  ASSERT_EQ(bobs.size(), 1u);
  EXPECT_EQ(bobs[0].id, b1.order_id);
  EXPECT_EQ(level(kYes, Side::buy, 400'000), 10 * kUnit);
}

TEST_F(LifecycleTest, OpenOrdersFilter) {
  place(kAlice, kYes, Side::buy, 400'000, 10 * kUnit);
  const PlaceResult other = place(kAlice, kOtherYes, Side::buy, 400'000, 10 * kUnit);
  OrderFilter f;
  f.market = condition(2);
  const auto open = venue().open_orders(kAlice.owner, f);
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].id, other.order_id);
  f = {};
  f.asset_id = kYes;
  EXPECT_EQ(venue().open_orders(kAlice.owner, f).size(), 1u);
}

TEST_F(LifecycleTest, GtdOrderExpires) {
  PlaceRequest r = order_request(kAlice, kYes, Side::buy, 400'000, 10 * kUnit, OrderType::gtd);
  r.order.order.expiration = kStartMs / 1000 + 120;
  ASSERT_EQ(venue().place(r).status, "live");

  advance_by(seconds(119));
  EXPECT_EQ(venue().order(kAlice.owner, r.order.hash)->status, OrderStatus::live);
  advance_by(seconds(1));
  EXPECT_EQ(venue().order(kAlice.owner, r.order.hash)->status, OrderStatus::canceled);
  EXPECT_EQ(level(kYes, Side::buy, 400'000), 0);
  EXPECT_EQ(venue().balance(kAlice.wallet).collateral_reserved, usd(0));
  const auto orders = events_of<OrderEvent>();
  ASSERT_FALSE(orders.empty());
  EXPECT_EQ(orders.back().type, OrderEventType::cancellation);
  EXPECT_EQ(orders.back().at, core::from_unix_ms(kStartMs + 120'000));
}

TEST_F(LifecycleTest, TradeStatusGoesMatchedMinedConfirmed) {
  const PlaceResult r = place(kAlice, kYes, Side::buy, 510'000, 10 * kUnit);
  ASSERT_TRUE(r.success);
  const std::string id = r.trade_ids.at(0);
  const auto status = [&] { return venue().trades(kAlice.owner, {}).at(0).status; };

  advance_by(milliseconds(1'999));
  EXPECT_EQ(status(), TradeStatus::matched);
  advance_by(milliseconds(1));
  EXPECT_EQ(status(), TradeStatus::mined);
  advance_by(milliseconds(2'999));
  EXPECT_EQ(status(), TradeStatus::mined);
  advance_by(milliseconds(1));
  EXPECT_EQ(status(), TradeStatus::confirmed);
  EXPECT_EQ(venue().trades(kAlice.owner, {}).at(0).last_update,
            core::from_unix_ms(kStartMs + 5'000));

  const auto updates = events_of<TradeEvent>();
  ASSERT_EQ(updates.size(), 3u);
  for (const auto& e : updates) EXPECT_EQ(e.trade.id, id);
  EXPECT_EQ(updates[0].trade.status, TradeStatus::matched);
  EXPECT_EQ(updates[1].trade.status, TradeStatus::mined);
  EXPECT_EQ(updates[2].trade.status, TradeStatus::confirmed);
}

TEST_F(LifecycleTest, LateAdvanceAppliesEverythingInTimeOrder) {
  ASSERT_TRUE(place(kAlice, kYes, Side::buy, 510'000, 10 * kUnit).success);
  advance_by(seconds(3600));
  const auto updates = events_of<TradeEvent>();
  ASSERT_EQ(updates.size(), 3u);
  EXPECT_EQ(updates[1].at, core::from_unix_ms(kStartMs + 2'000));
  EXPECT_EQ(updates[2].at, core::from_unix_ms(kStartMs + 5'000));
}

TEST_F(LifecycleTest, TradesFilterByTime) {
  ASSERT_TRUE(place(kAlice, kYes, Side::buy, 510'000, 10 * kUnit).success);
  clock_.advance(seconds(10));
  ASSERT_TRUE(place(kAlice, kNo, Side::buy, 510'000, 10 * kUnit).success);
  TradeFilter f;
  f.after_s = kStartMs / 1000 + 5;
  ASSERT_EQ(venue().trades(kAlice.owner, f).size(), 1u);
  EXPECT_EQ(venue().trades(kAlice.owner, f)[0].token_id, kNo);
  f = {};
  f.before_s = kStartMs / 1000 + 5;
  ASSERT_EQ(venue().trades(kAlice.owner, f).size(), 1u);
  EXPECT_EQ(venue().trades(kAlice.owner, f)[0].token_id, kYes);
  EXPECT_TRUE(venue().trades(kBob.owner, {}).empty());
}

TEST_F(LifecycleTest, MarketMakerRefillsAConsumedLevelAMinuteLater) {
  ASSERT_TRUE(place(kAlice, kYes, Side::buy, 510'000, 100 * kUnit).success);
  EXPECT_EQ(level(kYes, Side::sell, 510'000), 0);
  events_.clear();

  advance_by(seconds(59));
  EXPECT_EQ(level(kYes, Side::sell, 510'000), 0);
  advance_by(seconds(1));
  EXPECT_EQ(level(kYes, Side::sell, 510'000), 100 * kUnit);
  const auto changes = events_of<BookChanged>();
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].price, price(510'000));
  EXPECT_EQ(changes[0].size, shares(100 * kUnit));
  EXPECT_EQ(changes[0].best_ask, price(510'000));
}

TEST_F(LifecycleTest, PartlyConsumedLevelIsToppedUp) {
  ASSERT_TRUE(place(kAlice, kYes, Side::buy, 510'000, 30 * kUnit).success);
  ASSERT_TRUE(place(kBob, kYes, Side::buy, 510'000, 30 * kUnit).success);
  EXPECT_EQ(level(kYes, Side::sell, 510'000), 40 * kUnit);
  advance_by(seconds(60));
  EXPECT_EQ(level(kYes, Side::sell, 510'000), 100 * kUnit);
}

}  // namespace
}  // namespace polycopy::sim::venue_test
