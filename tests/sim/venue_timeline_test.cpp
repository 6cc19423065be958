// The scenario's timeline (history before the start, live trades after it, resolutions),
// the trader-trade control, resolution, and the Data API views built from all of it.
#include "venue_test_fixture.hpp"

namespace polycopy::sim::venue_test {
namespace {

using std::chrono::hours;
using std::chrono::seconds;

const chain::Address kWhale = address(9);
const chain::Address kMinnow = address(8);

TimelineTrade timeline_trade(std::int64_t offset_ms, chain::Address trader, chain::Uint256 token,
                             Side side, std::int64_t price_micros, std::int64_t size_micros) {
  return TimelineTrade{core::from_unix_ms(kStartMs + offset_ms),
                       trader,
                       token,
                       side,
                       price(price_micros),
                       shares(size_micros)};
}

Scenario timeline_scenario() {
  Scenario s = small_scenario();
  ScenarioTrader whale;
  whale.wallet = kWhale;
  whale.name = "whale";
  ScenarioTrader minnow;
  minnow.wallet = kMinnow;
  minnow.name = "minnow";
  s.traders = {whale, minnow};
  const std::int64_t day = 86'400'000;
  s.trades = {
      timeline_trade(-10 * day, kWhale, kYes, Side::buy, 400'000, 100 * kUnit),
      timeline_trade(-2 * day, kMinnow, kNo, Side::buy, 500'000, 10 * kUnit),
      timeline_trade(-3'600'000, kWhale, kYes, Side::sell, 450'000, 50 * kUnit),
      timeline_trade(10'000, kWhale, kYes, Side::buy, 520'000, 30 * kUnit),
      timeline_trade(20'000, kMinnow, kYes, Side::buy, 300'000, 10 * kUnit),
  };
  s.resolutions = {TimelineResolution{core::from_unix_ms(kStartMs + 100'000), condition(2), 1}};
  return s;
}

class TimelineTest : public VenueTest {
 protected:
  TimelineTest() : VenueTest(timeline_scenario()) {}
};

TEST_F(TimelineTest, HistoryBecomesRowsAndPositionsWithoutTouchingBooks) {
  const auto rows = venue().data_trades(kWhale, std::nullopt, std::nullopt);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].side, Side::sell);  // newest first
  EXPECT_EQ(rows[1].side, Side::buy);
  EXPECT_EQ(venue().data_trades(kWhale, Side::buy, std::nullopt).size(), 1u);
  EXPECT_TRUE(venue().data_trades(kWhale, std::nullopt, condition(2)).empty());

  const auto positions = venue().positions(kWhale);
  ASSERT_EQ(positions.size(), 1u);
  EXPECT_EQ(positions[0].size, shares(50 * kUnit));
  EXPECT_EQ(positions[0].avg_price, price(400'000));
  EXPECT_EQ(positions[0].total_bought, usd(40 * kUnit));
  EXPECT_EQ(positions[0].realized_pnl, usd(2'500'000));   // 50 * (0.45 - 0.40)
  EXPECT_EQ(positions[0].current_price, price(500'000));  // the scenario's outcome price

  EXPECT_EQ(level(kYes, Side::sell, 510'000), 100 * kUnit);
  EXPECT_FALSE(venue().book(kYes)->last_trade_price);
  EXPECT_TRUE(events_.empty());
}

TEST_F(TimelineTest, LiveTradeConsumesMarketMakerLiquidity) {
  advance_by(seconds(9));
  EXPECT_EQ(venue().data_trades(kWhale, std::nullopt, std::nullopt).size(), 2u);
  advance_by(seconds(1));
  EXPECT_EQ(venue().data_trades(kWhale, std::nullopt, std::nullopt).size(), 3u);
  EXPECT_EQ(level(kYes, Side::sell, 510'000), 70 * kUnit);
  EXPECT_EQ(level(kYes, Side::sell, 520'000), 200 * kUnit);  // 30 were found at 0.51
  const auto changes = events_of<BookChanged>();
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].size, shares(70 * kUnit));
  const auto last = events_of<LastTrade>();
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0].price, price(520'000));
  EXPECT_EQ(last[0].size, shares(30 * kUnit));
  EXPECT_EQ(venue().book(kYes)->last_trade_price, price(520'000));

  // One that crosses nothing leaves the book alone.
  advance_by(seconds(10));
  EXPECT_EQ(events_of<BookChanged>().size(), 1u);
  EXPECT_EQ(venue().data_trades(kMinnow, std::nullopt, std::nullopt).size(), 2u);
  // And the market maker comes back a minute after the first.
  advance_by(seconds(50));
  EXPECT_EQ(level(kYes, Side::sell, 510'000), 100 * kUnit);
}

TEST_F(TimelineTest, ResolutionOnTheTimeline) {
  advance_by(seconds(99));
  EXPECT_FALSE(venue().market_by_condition(condition(2))->market.closed);
  advance_by(seconds(1));
  const auto market = venue().market_by_condition(condition(2));
  EXPECT_TRUE(market->market.closed);
  EXPECT_FALSE(market->accepting_orders);
  EXPECT_EQ(market->market.winner, 1);
  const auto resolved = events_of<MarketResolved>();
  ASSERT_EQ(resolved.size(), 1u);
  EXPECT_EQ(resolved[0].winner, 1);
}

TEST_F(TimelineTest, TraderTradeControl) {
  ASSERT_TRUE(
      venue().trader_trade(address(7), kYes, Side::sell, price(450'000), shares(20 * kUnit)).ok());
  EXPECT_EQ(level(kYes, Side::buy, 490'000), 80 * kUnit);
  EXPECT_EQ(venue().data_trades(address(7), std::nullopt, std::nullopt).size(), 1u);

  const auto unknown =
      venue().trader_trade(address(7), chain::Uint256(5), Side::buy, price(500'000), shares(kUnit));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, "unknown_token");
  const auto empty = venue().trader_trade(address(7), kYes, Side::buy, price(500'000), shares(0));
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, "invalid_size");
}

TEST_F(TimelineTest, TraderTradeTakesOnlyTheMarketMakersLiquidity) {
  ASSERT_TRUE(place(kAlice, kYes, Side::buy, 500'000, 10 * kUnit).success);  // best bid
  ASSERT_TRUE(
      venue().trader_trade(kWhale, kYes, Side::sell, price(490'000), shares(5 * kUnit)).ok());
  EXPECT_EQ(level(kYes, Side::buy, 500'000), 10 * kUnit);
  EXPECT_EQ(level(kYes, Side::buy, 490'000), 95 * kUnit);
}

TEST_F(TimelineTest, LeaderboardRanksTradersAndUsers) {
  // Alice buys 10 at 0.51: Yes now last traded at 0.51.
  ASSERT_TRUE(place(kAlice, kYes, Side::buy, 510'000, 10 * kUnit).success);

  // Whale: realized 2.5 + unrealized 50 * 0.51 - 20 = 8; Alice 0; minnow 0 (No at 0.5).
  const auto by_pnl = venue().leaderboard(LeaderboardPeriod::all, LeaderboardOrder::pnl);
  ASSERT_EQ(by_pnl.size(), 3u);
  EXPECT_EQ(by_pnl[0].wallet, kWhale);
  EXPECT_EQ(by_pnl[0].name, "whale");
  EXPECT_EQ(by_pnl[0].rank, 1);
  EXPECT_EQ(by_pnl[0].pnl, usd(8 * kUnit));
  EXPECT_EQ(by_pnl[1].wallet, kAlice.wallet);  // ties: by wallet
  EXPECT_EQ(by_pnl[1].name, "");
  EXPECT_EQ(by_pnl[2].name, "minnow");
  EXPECT_EQ(by_pnl[2].rank, 3);

  const auto by_volume = venue().leaderboard(LeaderboardPeriod::all, LeaderboardOrder::volume);
  EXPECT_EQ(by_volume[0].volume, usd(62'500'000));  // 40 + 22.5
  EXPECT_EQ(by_volume[1].volume, usd(5'100'000));
  EXPECT_EQ(by_volume[2].volume, usd(5 * kUnit));

  const auto day = venue().leaderboard(LeaderboardPeriod::day, LeaderboardOrder::volume);
  EXPECT_EQ(day[0].volume, usd(22'500'000));  // only the sale an hour ago
  EXPECT_EQ(day[0].pnl, usd(8 * kUnit));
  EXPECT_EQ(day[2].volume, usd(0));  // the minnow's buy was two days ago
  const auto week = venue().leaderboard(LeaderboardPeriod::week, LeaderboardOrder::volume);
  EXPECT_EQ(week[0].volume, usd(22'500'000));
  EXPECT_EQ(week[1].volume, usd(5'100'000));
  EXPECT_EQ(week[2].volume, usd(5 * kUnit));
  const auto month = venue().leaderboard(LeaderboardPeriod::month, LeaderboardOrder::volume);
  EXPECT_EQ(month[0].volume, usd(62'500'000));
}

using ResolutionTest = VenueTest;

TEST_F(ResolutionTest, ResolveCancelsOrdersAndMarksPositions) {
  ASSERT_TRUE(place(kAlice, kYes, Side::buy, 510'000, 10 * kUnit).success);
  ASSERT_TRUE(place(kBob, kNo, Side::buy, 510'000, 10 * kUnit).success);
  const PlaceResult resting = place(kAlice, kYes, Side::buy, 400'000, 10 * kUnit);
  ASSERT_EQ(resting.status, "live");
  events_.clear();

  ASSERT_TRUE(venue().resolve(condition(1), 0).ok());
  EXPECT_EQ(venue().order(kAlice.owner, resting.order_id)->status, OrderStatus::canceled);
  EXPECT_EQ(venue().balance(kAlice.wallet).collateral_reserved, usd(0));
  const auto market = venue().market_by_token(kYes);
  EXPECT_TRUE(market->market.closed);
  EXPECT_FALSE(market->accepting_orders);
  EXPECT_EQ(market->market.winner, 0);
  EXPECT_TRUE(venue().book(kYes)->bids.empty());
  EXPECT_TRUE(venue().book(kYes)->asks.empty());

  const auto alice = venue().positions(kAlice.wallet).at(0);
  EXPECT_EQ(alice.current_price, price(kUnit));
  EXPECT_TRUE(alice.redeemable);
  const auto bob = venue().positions(kBob.wallet).at(0);
  EXPECT_EQ(bob.current_price, price(0));
  EXPECT_FALSE(bob.redeemable);
  // Not paid out: redemption happens on chain.
  EXPECT_EQ(venue().token_balance(kAlice.wallet, kYes), shares(10 * kUnit));

  ASSERT_FALSE(events_.empty());
  const auto* cancel = std::get_if<OrderEvent>(&events_.front());
  ASSERT_NE(cancel, nullptr);
  EXPECT_EQ(cancel->type, OrderEventType::cancellation);
  ASSERT_TRUE(std::holds_alternative<MarketResolved>(events_.back()));

  EXPECT_EQ(venue().resolve(condition(1), 1).error().code, "already_resolved");
  EXPECT_EQ(venue().resolve(condition(2), 2).error().code, "invalid_winner");
  EXPECT_EQ(venue().resolve(condition(9), 0).error().code, "unknown_market");

  advance_by(seconds(120));  // no refill into a closed market
  EXPECT_TRUE(venue().book(kYes)->asks.empty());
}

TEST(VenueStart, MarketResolvedInTheScenarioStartsClosed) {
  Scenario s = small_scenario();
  s.markets[1].winner = 0;
  core::ManualClock clock(core::from_unix_ms(kStartMs));
  Venue venue(s, clock);
  const auto market = venue.market_by_condition(condition(2));
  EXPECT_TRUE(market->market.closed);
  EXPECT_FALSE(market->accepting_orders);
  EXPECT_TRUE(venue.book(kOtherYes)->asks.empty());
  const PlaceResult r =
      venue.place(order_request(kAlice, kOtherYes, Side::buy, 500'000, 10 * kUnit));
  EXPECT_EQ(r.error_msg, "the market is not yet ready to process new orders");
  EXPECT_FALSE(venue.book(kYes)->asks.empty());
}

}  // namespace
}  // namespace polycopy::sim::venue_test
