// Listeners: the order events arrive in, calls back into the venue from a listener, and
// unsubscribing; plus a smoke test of several threads placing orders at once.
#include <atomic>
#include <thread>

#include "venue_test_fixture.hpp"

namespace polycopy::sim::venue_test {
namespace {

using EventsTest = VenueTest;

std::string kind(const VenueEvent& e) {
  static const char* const kNames[] = {"book", "last_trade", "tick", "resolved", "order", "trade"};
  return kNames[e.index()];
}

std::vector<std::string> kinds(const std::vector<VenueEvent>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) out.push_back(kind(e));
  return out;
}

TEST_F(EventsTest, AMatchReportsBookThenTradeThenPriceThenOrder) {
  ASSERT_TRUE(place(kAlice, kYes, Side::buy, 510'000, 10 * kUnit).success);
  EXPECT_EQ(kinds(events_), (std::vector<std::string>{"book", "trade", "last_trade", "order"}));
  EXPECT_EQ(std::get<OrderEvent>(events_.back()).type, OrderEventType::placement);
}

TEST_F(EventsTest, AMakerHearsOfItsFillBeforeTheBookChange) {
  ASSERT_TRUE(place(kBob, kYes, Side::buy, 510'000, 20 * kUnit).success);
  const PlaceResult ask = place(kBob, kYes, Side::sell, 500'000, 10 * kUnit);
  events_.clear();
  ASSERT_TRUE(place(kAlice, kYes, Side::buy, 500'000, 10 * kUnit).success);
  EXPECT_EQ(kinds(events_),
            (std::vector<std::string>{"order", "book", "trade", "last_trade", "order"}));
  const auto& update = std::get<OrderEvent>(events_.front());
  EXPECT_EQ(update.type, OrderEventType::update);
  EXPECT_EQ(update.order.id, ask.order_id);
  EXPECT_EQ(update.order.status, OrderStatus::matched);
}

TEST_F(EventsTest, RestingOrderReportsPlacementThenItsLevel) {
  ASSERT_TRUE(place(kAlice, kYes, Side::buy, 400'000, 10 * kUnit).success);
  ASSERT_EQ(kinds(events_), (std::vector<std::string>{"order", "book"}));
  const auto& book = std::get<BookChanged>(events_.back());
  EXPECT_EQ(book.side, Side::buy);
  EXPECT_EQ(book.size, shares(10 * kUnit));
  EXPECT_EQ(book.best_bid, price(490'000));
}

TEST_F(EventsTest, AListenerMayCallBackIntoTheVenue) {
  std::vector<std::string> seen;
  bool reacted = false;
  venue().subscribe([&](const VenueEvent& e) {
    seen.push_back(kind(e));
    if (!reacted && std::holds_alternative<TradeEvent>(e)) {
      reacted = true;
      // Reads and writes from inside a listener: no deadlock, and the new events wait
      // until the current ones are delivered.
      EXPECT_TRUE(venue().book(kYes).has_value());
      const PlaceResult r = place(kBob, kYes, Side::buy, 400'000, 10 * kUnit);
      EXPECT_EQ(r.status, "live");
      seen.push_back("--nested place returned--");
    }
  });
  ASSERT_TRUE(place(kAlice, kYes, Side::buy, 510'000, 10 * kUnit).success);
  EXPECT_EQ(seen, (std::vector<std::string>{"book", "trade", "--nested place returned--",
                                            "last_trade", "order", "order", "book"}));
  // The fixture's listener saw the same sequence.
  EXPECT_EQ(kinds(events_),
            (std::vector<std::string>{"book", "trade", "last_trade", "order", "order", "book"}));
}

TEST_F(EventsTest, UnsubscribedListenersHearNothingMore) {
  int calls = 0;
  const int id = venue().subscribe([&](const VenueEvent&) { ++calls; });
  ASSERT_TRUE(place(kAlice, kYes, Side::buy, 400'000, 10 * kUnit).success);
  EXPECT_EQ(calls, 2);
  venue().unsubscribe(id);
  ASSERT_TRUE(place(kAlice, kYes, Side::buy, 400'000, 10 * kUnit).success);
  EXPECT_EQ(calls, 2);
}

TEST_F(EventsTest, AThrowingListenerDoesNotStopTheOthers) {
  venue().subscribe([](const VenueEvent&) { throw std::runtime_error("boom"); });
  int calls = 0;
  venue().subscribe([&](const VenueEvent&) { ++calls; });
  ASSERT_TRUE(place(kAlice, kYes, Side::buy, 400'000, 10 * kUnit).success);
  EXPECT_EQ(calls, 2);
  ASSERT_TRUE(place(kAlice, kYes, Side::buy, 400'000, 10 * kUnit).success);
  EXPECT_EQ(calls, 4);
}

TEST(VenueThreads, ConcurrentPlacersKeepTheBooksConsistent) {
  core::ManualClock clock(core::from_unix_ms(kStartMs));
  Venue venue(small_scenario(), clock);
  std::atomic<int> placements{0};
  venue.subscribe([&](const VenueEvent& e) {
    if (const auto* o = std::get_if<OrderEvent>(&e); o && o->type == OrderEventType::placement)
      ++placements;
  });
  const User buyer{address(20), "key-buyer"};
  const User seller{address(21), "key-seller"};
  ASSERT_TRUE(venue.place(order_request(seller, kYes, Side::buy, 520'000, 300 * kUnit)).success);
  std::vector<PlaceRequest> buys, sells;
  for (int i = 0; i < 200; ++i) {
    buys.push_back(order_request(buyer, kYes, Side::buy, 500'000, 5 * kUnit));
    sells.push_back(order_request(seller, kYes, Side::sell, 500'000, 1 * kUnit, OrderType::fak));
  }
  std::thread a([&] {
    for (const auto& r : buys) venue.place(r);
  });
  std::thread b([&] {
    for (const auto& r : sells) venue.place(r);
  });
  a.join();
  b.join();
  EXPECT_EQ(placements.load(), 401);
  // Every share the seller sold reached the buyer; the rest of the bids still rest.
  const auto sold = venue.token_balance(buyer.wallet, kYes);
  EXPECT_EQ(sold + venue.token_balance(seller.wallet, kYes), shares(300 * kUnit));
  const auto book = venue.book(kYes);
  std::int64_t resting_bids = 0;
  for (const auto& l : book->bids)
    if (l.price.micros() == 500'000) resting_bids = l.size.micros();
  EXPECT_EQ(resting_bids + sold.micros(), 200 * 5 * kUnit);
}

}  // namespace
}  // namespace polycopy::sim::venue_test
