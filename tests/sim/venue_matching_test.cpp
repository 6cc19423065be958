// Matching: fills against the market maker and other users, at resting prices, FOK/FAK,
// partial fills that rest, self-match avoidance, and conservation of funds between users.
#include "venue_test_fixture.hpp"

namespace polycopy::sim::venue_test {
namespace {

using MatchingTest = VenueTest;

TEST_F(MatchingTest, BuyFillsAgainstTheMarketMaker) {
  const PlaceResult r = place(kAlice, kYes, Side::buy, 510'000, 10 * kUnit);
  ASSERT_TRUE(r.success) << r.error_msg;
  EXPECT_EQ(r.http_status, 200);
  EXPECT_EQ(r.status, "matched");
  EXPECT_EQ(r.making_amount, usd(5'100'000));
  EXPECT_EQ(r.taking_amount, shares(10 * kUnit));
  ASSERT_EQ(r.trade_ids.size(), 1u);
  ASSERT_EQ(r.transaction_hashes.size(), 1u);
  EXPECT_FALSE(r.transaction_hashes[0].is_zero());

  const Balance b = venue().balance(kAlice.wallet);
  EXPECT_EQ(b.collateral, usd(994'900'000));
  EXPECT_EQ(b.collateral_reserved, usd(0));
  EXPECT_EQ(venue().token_balance(kAlice.wallet, kYes), shares(10 * kUnit));
  EXPECT_EQ(level(kYes, Side::sell, 510'000), 90 * kUnit);

  const auto positions = venue().positions(kAlice.wallet);
  ASSERT_EQ(positions.size(), 1u);
  EXPECT_EQ(positions[0].token_id, kYes);
  EXPECT_EQ(positions[0].size, shares(10 * kUnit));
  EXPECT_EQ(positions[0].avg_price, price(510'000));
  EXPECT_EQ(positions[0].total_bought, usd(5'100'000));
  EXPECT_EQ(positions[0].current_price, price(510'000));  // the last trade price

  const auto rows = venue().data_trades(kAlice.wallet, std::nullopt, std::nullopt);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].side, Side::buy);
  EXPECT_EQ(rows[0].size, shares(10 * kUnit));
  EXPECT_EQ(rows[0].transaction_hash, r.transaction_hashes[0]);

  const auto trades = venue().trades(kAlice.owner, {});
  ASSERT_EQ(trades.size(), 1u);
  const TradeRecord& t = trades[0];
  EXPECT_EQ(t.id, r.trade_ids[0]);
  EXPECT_EQ(t.id.size(), 36u);
  EXPECT_EQ(t.id[14], '4');  // uuid v4
  EXPECT_EQ(t.taker_order_id, r.order_id);
  EXPECT_EQ(t.taker_address, kAlice.wallet);
  EXPECT_EQ(t.status, TradeStatus::matched);
  EXPECT_EQ(t.size, shares(10 * kUnit));
  EXPECT_EQ(t.price, price(510'000));
  ASSERT_EQ(t.maker_orders.size(), 1u);
  EXPECT_TRUE(t.maker_orders[0].order_id.is_zero());
  EXPECT_EQ(t.maker_orders[0].owner, "");
  EXPECT_EQ(t.maker_orders[0].side, Side::sell);
  EXPECT_EQ(t.maker_orders[0].matched_amount, shares(10 * kUnit));

  const auto order = venue().order(kAlice.owner, r.order_id);
  ASSERT_TRUE(order);
  EXPECT_EQ(order->status, OrderStatus::matched);
  EXPECT_EQ(order->size_matched, shares(10 * kUnit));
  EXPECT_FALSE(venue().order(kBob.owner, r.order_id));  // another owner sees nothing

  const auto changes = events_of<BookChanged>();
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].side, Side::sell);
  EXPECT_EQ(changes[0].size, shares(90 * kUnit));
  EXPECT_EQ(changes[0].best_ask, price(510'000));
  EXPECT_EQ(changes[0].best_bid, price(490'000));
  ASSERT_EQ(events_of<TradeEvent>().size(), 1u);
  ASSERT_EQ(events_of<LastTrade>().size(), 1u);
  EXPECT_EQ(events_of<LastTrade>()[0].price, price(510'000));
  EXPECT_EQ(venue().book(kYes)->last_trade_price, price(510'000));
}

TEST_F(MatchingTest, WalksLevelsAndPaysEachRestingPrice) {
  // 100 at 0.51 and 50 at 0.52, limit 0.52: 51 + 26 = 77 pUSD.
  const PlaceResult r = place(kAlice, kYes, Side::buy, 520'000, 150 * kUnit);
  ASSERT_TRUE(r.success) << r.error_msg;
  EXPECT_EQ(r.making_amount, usd(77 * kUnit));
  EXPECT_EQ(venue().balance(kAlice.wallet).collateral, usd(923 * kUnit));
  const auto trade = venue().trades(kAlice.owner, {}).at(0);
  ASSERT_EQ(trade.maker_orders.size(), 2u);
  EXPECT_EQ(trade.maker_orders[0].price, price(510'000));
  EXPECT_EQ(trade.maker_orders[1].price, price(520'000));
  EXPECT_EQ(trade.price, price(513'333));  // 77 / 150, rounded to the micro
  EXPECT_EQ(level(kYes, Side::sell, 510'000), 0);
  EXPECT_EQ(level(kYes, Side::sell, 520'000), 150 * kUnit);
}

TEST_F(MatchingTest, PartialFillRestsTheRemainder) {
  const PlaceResult r = place(kAlice, kYes, Side::buy, 510'000, 150 * kUnit);
  ASSERT_TRUE(r.success) << r.error_msg;
  EXPECT_EQ(r.status, "live");
  EXPECT_EQ(r.taking_amount, shares(100 * kUnit));
  EXPECT_EQ(level(kYes, Side::buy, 510'000), 50 * kUnit);
  EXPECT_EQ(venue().book(kYes)->asks.front().price, price(520'000));

  const auto open = venue().open_orders(kAlice.owner, {});
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].status, OrderStatus::live);
  EXPECT_EQ(open[0].size_matched, shares(100 * kUnit));
  EXPECT_EQ(open[0].original_size, shares(150 * kUnit));
  const Balance b = venue().balance(kAlice.wallet);
  EXPECT_EQ(b.collateral, usd(949 * kUnit));
  EXPECT_EQ(b.collateral_reserved, usd(25'500'000));  // 50 more at 0.51
}

TEST_F(MatchingTest, FokIsKilledWhenTheBookIsTooThin) {
  const PlaceResult r = place(kAlice, kYes, Side::buy, 520'000, 301 * kUnit, OrderType::fok);
  EXPECT_FALSE(r.success);
  EXPECT_EQ(r.http_status, 400);
  EXPECT_EQ(r.error_msg, "order couldn't be fully filled, FOK orders are fully filled/killed");
  EXPECT_EQ(level(kYes, Side::sell, 510'000), 100 * kUnit);
  EXPECT_EQ(venue().balance(kAlice.wallet).collateral, usd(1'000 * kUnit));
  EXPECT_TRUE(events_.empty());
}

TEST_F(MatchingTest, FokFillsEverythingWhenItCan) {
  const PlaceResult r = place(kAlice, kYes, Side::buy, 520'000, 300 * kUnit, OrderType::fok);
  ASSERT_TRUE(r.success) << r.error_msg;
  EXPECT_EQ(r.status, "matched");
  EXPECT_EQ(r.taking_amount, shares(300 * kUnit));
  EXPECT_EQ(r.making_amount, usd(155 * kUnit));  // 51 + 104
  EXPECT_TRUE(venue().book(kYes)->asks.empty());
}

TEST_F(MatchingTest, MarketOrderAmountsOffTheGridStillFillWithinTheirBudget) {
  // A client's market BUY of 10 pUSD at 0.51: 19.607843 shares, price just above 0.51.
  PlaceRequest r = order_request(kAlice, kYes, Side::buy, 510'000, 0, OrderType::fok);
  r.order.order.maker_amount = 10'000'000;
  r.order.order.taker_amount = 19'607'843;
  const PlaceResult result = venue().place(r);
  ASSERT_TRUE(result.success) << result.error_msg;
  EXPECT_EQ(result.taking_amount, shares(19'607'843));
  EXPECT_EQ(result.making_amount, usd(9'999'999));  // floor(19.607843 * 0.51)
  EXPECT_EQ(venue().balance(kAlice.wallet).collateral, usd(1'000 * kUnit - 9'999'999));
}

TEST_F(MatchingTest, FakFillsWhatCrossesAndKillsTheRest) {
  const PlaceResult r = place(kAlice, kYes, Side::buy, 510'000, 150 * kUnit, OrderType::fak);
  ASSERT_TRUE(r.success) << r.error_msg;
  EXPECT_EQ(r.status, "matched");
  EXPECT_EQ(r.taking_amount, shares(100 * kUnit));
  EXPECT_EQ(level(kYes, Side::buy, 510'000), 0);  // nothing rests
  EXPECT_TRUE(venue().open_orders(kAlice.owner, {}).empty());
  EXPECT_EQ(venue().balance(kAlice.wallet).collateral_reserved, usd(0));
}

TEST_F(MatchingTest, FakThatCrossesNothingIsUnmatched) {
  const PlaceResult r = place(kAlice, kYes, Side::buy, 400'000, 10 * kUnit, OrderType::fak);
  ASSERT_TRUE(r.success) << r.error_msg;
  EXPECT_EQ(r.status, "unmatched");
  EXPECT_FALSE(r.making_amount);
  EXPECT_FALSE(r.taking_amount);
  EXPECT_TRUE(r.trade_ids.empty());
  EXPECT_EQ(venue().order(kAlice.owner, r.order_id)->status, OrderStatus::unmatched);
  EXPECT_EQ(level(kYes, Side::buy, 400'000), 0);
}

TEST_F(MatchingTest, TwoUsersTradeAndConserveFundsAndShares) {
  ASSERT_TRUE(place(kBob, kYes, Side::buy, 510'000, 100 * kUnit).success);
  // Bob's ask at 0.50 becomes the best.
  const PlaceResult ask = place(kBob, kYes, Side::sell, 500'000, 50 * kUnit);
  ASSERT_EQ(ask.status, "live") << ask.error_msg;
  EXPECT_EQ(venue().book(kYes)->asks.front().price, price(500'000));

  const auto total_usd = [&] {
    return venue().balance(kAlice.wallet).collateral + venue().balance(kBob.wallet).collateral;
  };
  const auto total_shares = [&] {
    return venue().token_balance(kAlice.wallet, kYes) + venue().token_balance(kBob.wallet, kYes);
  };
  const core::Usd usd_before = total_usd();
  const core::Shares shares_before = total_shares();

  // A market BUY whose amounts leave a fraction of a micro: 5.999999 shares at 0.50.
  PlaceRequest market_buy = order_request(kAlice, kYes, Side::buy, 500'000, 0, OrderType::fok);
  market_buy.order.order.maker_amount = 3'000'000;
  market_buy.order.order.taker_amount = 5'999'999;
  const PlaceResult bid = venue().place(market_buy);
  ASSERT_TRUE(bid.success) << bid.error_msg;
  EXPECT_EQ(bid.status, "matched");
  EXPECT_EQ(bid.making_amount, usd(2'999'999));  // floor(2999999.5), for both sides

  EXPECT_EQ(total_usd(), usd_before);
  EXPECT_EQ(total_shares(), shares_before);
  EXPECT_EQ(venue().token_balance(kAlice.wallet, kYes), shares(5'999'999));
  EXPECT_EQ(venue().balance(kBob.wallet).collateral, usd((1'000 - 51) * kUnit + 2'999'999));

  const auto bob_order = venue().order(kBob.owner, ask.order_id);
  EXPECT_EQ(bob_order->status, OrderStatus::live);
  EXPECT_EQ(bob_order->size_matched, shares(5'999'999));
  EXPECT_EQ(level(kYes, Side::sell, 500'000), 50 * kUnit - 5'999'999);

  // The maker sees the trade too, and its fill is a Data API row of its own.
  const auto bob_trades = venue().trades(kBob.owner, {});
  ASSERT_EQ(bob_trades.size(), 2u);
  EXPECT_EQ(bob_trades[0].taker_order_id, bid.order_id);  // newest first
  ASSERT_EQ(bob_trades[0].maker_orders.size(), 1u);
  EXPECT_EQ(bob_trades[0].maker_orders[0].order_id, ask.order_id);
  EXPECT_EQ(bob_trades[0].maker_orders[0].owner, kBob.owner);
  const auto bob_rows = venue().data_trades(kBob.wallet, Side::sell, std::nullopt);
  ASSERT_EQ(bob_rows.size(), 1u);
  EXPECT_EQ(bob_rows[0].size, shares(5'999'999));
  // Bob bought at 0.51 and sold at 0.50: a realized loss of the cost difference.
  const auto bob_positions = venue().positions(kBob.wallet);
  ASSERT_EQ(bob_positions.size(), 1u);
  EXPECT_EQ(bob_positions[0].size, shares(100 * kUnit - 5'999'999));
  EXPECT_EQ(bob_positions[0].realized_pnl, usd(2'999'999 - 3'059'999));
}

TEST_F(MatchingTest, RestingBuyReleasesItsReserveAsItFills) {
  ASSERT_TRUE(place(kBob, kYes, Side::buy, 510'000, 10 * kUnit).success);
  const PlaceResult bid = place(kAlice, kYes, Side::buy, 500'000, 10 * kUnit);
  ASSERT_EQ(bid.status, "live");
  EXPECT_EQ(venue().balance(kAlice.wallet).collateral_reserved, usd(5 * kUnit));

  const PlaceResult sell = place(kBob, kYes, Side::sell, 500'000, 4 * kUnit, OrderType::fak);
  ASSERT_EQ(sell.status, "matched") << sell.error_msg;
  Balance alice = venue().balance(kAlice.wallet);
  EXPECT_EQ(alice.collateral, usd(998 * kUnit));
  EXPECT_EQ(alice.collateral_reserved, usd(3 * kUnit));
  EXPECT_EQ(venue().token_balance(kAlice.wallet, kYes), shares(4 * kUnit));

  ASSERT_EQ(venue().cancel(kAlice.owner, {bid.order_id}).canceled.size(), 1u);
  alice = venue().balance(kAlice.wallet);
  EXPECT_EQ(alice.collateral, usd(998 * kUnit));
  EXPECT_EQ(alice.collateral_reserved, usd(0));
}

TEST_F(MatchingTest, SellTakerGetsTheBidsPrice) {
  ASSERT_TRUE(place(kAlice, kYes, Side::buy, 510'000, 20 * kUnit).success);
  const PlaceResult r = place(kAlice, kYes, Side::sell, 480'000, 20 * kUnit);
  ASSERT_TRUE(r.success) << r.error_msg;
  EXPECT_EQ(r.status, "matched");
  EXPECT_EQ(r.making_amount, usd(20 * kUnit));    // shares given, in micro-units
  EXPECT_EQ(r.taking_amount, shares(9'800'000));  // pUSD got: 20 at the 0.49 bid
  EXPECT_EQ(venue().token_balance(kAlice.wallet, kYes), shares(0));
  EXPECT_EQ(venue().balance(kAlice.wallet).collateral, usd(1'000 * kUnit - 10'200'000 + 9'800'000));
  EXPECT_TRUE(venue().positions(kAlice.wallet).empty());  // closed
}

TEST_F(MatchingTest, AUserNeverMatchesTheirOwnRestingOrder) {
  ASSERT_TRUE(place(kAlice, kYes, Side::buy, 510'000, 50 * kUnit).success);
  const PlaceResult own_ask = place(kAlice, kYes, Side::sell, 500'000, 20 * kUnit);
  ASSERT_EQ(own_ask.status, "live") << own_ask.error_msg;

  // Alice's buy at 0.51 steps over her own 0.50 ask and takes the market maker's 0.51.
  const PlaceResult r = place(kAlice, kYes, Side::buy, 510'000, 10 * kUnit);
  ASSERT_TRUE(r.success) << r.error_msg;
  const auto trade = venue().trades(kAlice.owner, {}).at(0);
  ASSERT_EQ(trade.maker_orders.size(), 1u);
  EXPECT_TRUE(trade.maker_orders[0].order_id.is_zero());
  EXPECT_EQ(trade.maker_orders[0].price, price(510'000));
  EXPECT_EQ(level(kYes, Side::sell, 500'000), 20 * kUnit);
  EXPECT_EQ(venue().order(kAlice.owner, own_ask.order_id)->size_matched, shares(0));

  // Bob may take it.
  const PlaceResult bob = place(kBob, kYes, Side::buy, 500'000, 20 * kUnit);
  EXPECT_EQ(bob.status, "matched") << bob.error_msg;
  EXPECT_EQ(venue().order(kAlice.owner, own_ask.order_id)->status, OrderStatus::matched);
}

TEST_F(MatchingTest, RestingOrdersKeepTimePriorityWithinALevel) {
  // Both users get shares first (Bob empties the 0.51 level, Alice buys at 0.52).
  ASSERT_TRUE(place(kBob, kYes, Side::buy, 510'000, 100 * kUnit).success);
  ASSERT_TRUE(place(kAlice, kYes, Side::buy, 520'000, 100 * kUnit).success);
  const User carol{address(3), "key-carol"};
  const PlaceResult first = place(kBob, kYes, Side::sell, 500'000, 10 * kUnit);
  const PlaceResult second = place(kAlice, kYes, Side::sell, 500'000, 10 * kUnit);
  const PlaceResult taker = place(carol, kYes, Side::buy, 500'000, 15 * kUnit);
  ASSERT_TRUE(taker.success) << taker.error_msg;
  EXPECT_EQ(venue().order(kBob.owner, first.order_id)->size_matched, shares(10 * kUnit));
  EXPECT_EQ(venue().order(kAlice.owner, second.order_id)->size_matched, shares(5 * kUnit));
}

}  // namespace
}  // namespace polycopy::sim::venue_test
