// Order book-keeping beside the risk manager: the write-ahead intent bound to its budget
// reservation, exactly one order per (strategy, source trade), the venue id, fills stored
// once, and the end of an order.
#include <gtest/gtest.h>

#include "risk/risk_fixture.hpp"
#include "store/records_market.hpp"

namespace polycopy::risk::testing {
namespace {

using store::OrderRecord;
using store::OrderState;

const std::string kCondition = "0x" + std::string(63, '0') + "c";
const std::string kToken = "7777";

class OrderIntents : public RiskTest {
 protected:
  void SetUp() override {
    RiskTest::SetUp();
    store::MarketRecord market;
    market.condition_id = kCondition;
    market.question = "Will it?";
    market.updated_at = clock_.now();
    ASSERT_TRUE(
        store_
            ->upsert_market(market, {{kToken, kCondition, 0, "Yes"}, {"7778", kCondition, 1, "No"}})
            .ok());
    store::SourceTradeRecord trade;
    trade.trader_address = store::testing::address(9);
    trade.tx_hash = "0x" + std::string(63, '0') + "1";
    trade.condition_id = kCondition;
    trade.token_id = kToken;
    trade.id = store::source_trade_id(trade.tx_hash, trade.token_id, trade.trader_address);
    trade.side = store::TradeSide::buy;
    trade.price = price(500'000);
    trade.size = shares(10);
    trade.usd = usd(5);
    trade.traded_at = trade.received_at = clock_.now();
    ASSERT_EQ(store_->insert_source_trades({trade}).value().size(), 1u);
    trade_id_ = trade.id;
  }

  OrderRecord intent(const std::string& id) {
    OrderRecord o;
    o.id = id;
    o.lt_strategy_id = kStrategy;
    o.source_trade_id = trade_id_;
    o.idempotency_key = store::order_idempotency_key(kStrategy, trade_id_);
    o.token_id = kToken;
    o.limit_price = price(500'000);
    o.size = shares(10);
    o.signal_price = price(495'000);
    o.salt = "12345";
    o.expires_at = clock_.now() + std::chrono::minutes(10);
    o.created_at = clock_.now();
    return o;
  }
  store::VenueFill fill(const std::string& trade, std::int64_t whole) {
    return store::VenueFill{"fil_" + trade, trade,        price(490'000), shares(whole),
                            core::Usd{},    clock_.now(), std::nullopt};
  }
  std::string reservation() {
    OrderRequest request = order(kCondition, 500'000, 10);
    request.token_id = kToken;
    return reserve(request);
  }

  std::string trade_id_;
};

TEST_F(OrderIntents, TheIntentIsWrittenWithItsReservationOnce) {
  const auto held = reservation();
  const auto first = store_->insert_order_intent(intent("ord_1"), held);
  ASSERT_TRUE(first.ok()) << first.error().to_string();
  EXPECT_TRUE(first->second);
  EXPECT_EQ(first->first.state, OrderState::intent);
  EXPECT_EQ(first->first.salt, "12345");
  const auto reservations = store_->list_budget_reservations(kStrategy).value();
  ASSERT_EQ(reservations.size(), 1u);
  EXPECT_EQ(reservations[0].order_id, "ord_1");
  const auto bound = store_->find_reservation_by_order("ord_1").value();
  ASSERT_TRUE(bound);
  EXPECT_EQ(bound->id, held);
  EXPECT_FALSE(store_->find_reservation_by_order("ord_none").value());

  // The same signal again (a restart, a retry): the stored order, nothing new.
  const auto again = store_->insert_order_intent(intent("ord_2"), reservation());
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->second);
  EXPECT_EQ(again->first.id, "ord_1");
  EXPECT_FALSE(store_->find_order("ord_2").value());
  EXPECT_EQ(store_->list_orders(kStrategy, {}).value().size(), 1u);
}

TEST_F(OrderIntents, AnIntentNeedsALiveUnboundReservation) {
  const auto held = reservation();
  ASSERT_TRUE(risk_->finish_order(kStrategy, FinishEvent{held, OrderEnd::cancelled}).ok());
  const auto refused = store_->insert_order_intent(intent("ord_1"), held);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "reservation_not_live");
  EXPECT_FALSE(store_->find_order("ord_1").value());  // rolled back with the binding
  EXPECT_EQ(store_->insert_order_intent(intent("ord_1"), "rsv_none").error().code,
            "reservation_not_live");
}

TEST_F(OrderIntents, SubmittedOnceWithOneVenueId) {
  ASSERT_TRUE(store_->insert_order_intent(intent("ord_1"), reservation()).ok());
  const auto submitted = store_->mark_order_submitted("ord_1", "0xvenue1", clock_.now());
  ASSERT_TRUE(submitted.ok()) << submitted.error().to_string();
  EXPECT_EQ(submitted->state, OrderState::submitted);
  EXPECT_TRUE(store_->mark_order_submitted("ord_1", "0xvenue1", clock_.now()).ok());
  EXPECT_EQ(store_->mark_order_submitted("ord_1", "0xvenue2", clock_.now()).error().code,
            "conflict");
  EXPECT_EQ(store_->mark_order_submitted("ord_none", "0xv", clock_.now()).error().code,
            "not_found");
}

TEST_F(OrderIntents, FillsAreStoredOnceAndMoveTheState) {
  ASSERT_TRUE(store_->insert_order_intent(intent("ord_1"), reservation()).ok());
  ASSERT_TRUE(store_->mark_order_submitted("ord_1", "0xvenue1", clock_.now()).ok());
  auto partial = store_->record_order_fill("ord_1", fill("vt_1", 4), clock_.now());
  ASSERT_TRUE(partial.ok()) << partial.error().to_string();
  EXPECT_TRUE(partial->applied);
  EXPECT_EQ(partial->order.state, OrderState::partially_filled);
  EXPECT_EQ(partial->order.filled_size, shares(4));
  auto replay = store_->record_order_fill("ord_1", fill("vt_1", 4), clock_.now());
  ASSERT_TRUE(replay.ok());
  EXPECT_FALSE(replay->applied);
  EXPECT_EQ(replay->order.filled_size, shares(4));
  EXPECT_EQ(store_->record_order_fill("ord_1", fill("vt_2", 7), clock_.now()).error().code,
            "fill_exceeds_order");
  auto rest = store_->record_order_fill("ord_1", fill("vt_3", 6), clock_.now());
  ASSERT_TRUE(rest.ok());
  EXPECT_EQ(rest->order.state, OrderState::filled);
  EXPECT_EQ(store_->list_order_fills("ord_1").value().size(), 2u);
  // A filled order does not end again.
  EXPECT_EQ(store_->end_order("ord_1", OrderState::cancelled, std::nullopt, clock_.now())->state,
            OrderState::filled);
}

TEST_F(OrderIntents, AFillTheVenueFailedIsFlaggedOnce) {
  ASSERT_TRUE(store_->insert_order_intent(intent("ord_1"), reservation()).ok());
  ASSERT_TRUE(store_->mark_order_submitted("ord_1", "0xvenue1", clock_.now()).ok());
  ASSERT_TRUE(store_->record_order_fill("ord_1", fill("vt_1", 4), clock_.now()).ok());
  ASSERT_TRUE(store_->record_order_fill("ord_1", fill("vt_2", 3), clock_.now()).ok());
  const auto failed_at = clock_.now() + std::chrono::seconds(30);
  EXPECT_TRUE(store_->mark_fill_failed("vt_1", failed_at).value());
  EXPECT_FALSE(store_->mark_fill_failed("vt_1", failed_at + std::chrono::seconds(1)).value());
  EXPECT_EQ(store_->mark_fill_failed("vt_none", failed_at).error().code, "not_found");
  const auto fills = store_->list_order_fills("ord_1").value();
  ASSERT_EQ(fills.size(), 2u);
  for (const auto& f : fills) {
    if (f.venue_trade_id == "vt_1") {
      EXPECT_EQ(f.venue_failed_at, failed_at);  // the first mark
    } else {
      EXPECT_FALSE(f.venue_failed_at);
    }
  }
  // The fill still counts: the order's filled size is unchanged.
  EXPECT_EQ(store_->find_order("ord_1").value()->filled_size, shares(7));
}

TEST_F(OrderIntents, EndingAnOrderKeepsLateFillsReal) {
  ASSERT_TRUE(store_->insert_order_intent(intent("ord_1"), reservation()).ok());
  ASSERT_TRUE(store_->mark_order_submitted("ord_1", "0xvenue1", clock_.now()).ok());
  const auto ended = store_->end_order("ord_1", OrderState::expired, "expired", clock_.now());
  ASSERT_TRUE(ended.ok());
  EXPECT_EQ(ended->state, OrderState::expired);
  const auto late = store_->record_order_fill("ord_1", fill("vt_9", 2), clock_.now());
  ASSERT_TRUE(late.ok());
  EXPECT_TRUE(late->applied);
  EXPECT_EQ(late->order.state, OrderState::expired);
  EXPECT_EQ(late->order.filled_size, shares(2));
  EXPECT_EQ(store_->list_orders(kStrategy, {OrderState::expired}).value().size(), 1u);
  EXPECT_TRUE(store_->list_orders(kStrategy, {OrderState::submitted}).value().empty());
  EXPECT_EQ(store_->end_order("ord_1", OrderState::filled, std::nullopt, clock_.now()).error().code,
            "invalid_argument");
}

TEST_F(OrderIntents, AnIntentThatNeverLeftCanBeRejected) {
  ASSERT_TRUE(store_->insert_order_intent(intent("ord_1"), reservation()).ok());
  const auto rejected =
      store_->end_order("ord_1", OrderState::rejected, "invalid tick size", clock_.now());
  ASSERT_TRUE(rejected.ok()) << rejected.error().to_string();
  EXPECT_EQ(rejected->venue_message, "invalid tick size");
  EXPECT_FALSE(rejected->venue_order_id);
}

TEST_F(OrderIntents, ReservationAndIntentCommitTogetherOrNotAtAll) {
  OrderRequest request = order(kCondition, 500'000, 10);
  request.token_id = kToken;
  const auto held = risk_->check_and_reserve(kStrategy, request, intent("ord_1"));
  ASSERT_TRUE(held.ok()) << held.error().to_string();
  ASSERT_TRUE(held->reservation_id);
  const auto stored = store_->find_order("ord_1").value();
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->state, OrderState::intent);
  EXPECT_EQ(stored->signal_price, price(495'000));
  const auto bound = store_->find_reservation_by_order("ord_1").value();
  ASSERT_TRUE(bound);
  EXPECT_EQ(bound->id, *held->reservation_id);
  const auto reserved = state().reserved;
  EXPECT_EQ(reserved, usd(5));

  // The same signal again: refused as order_exists, neither a hold nor an order written.
  const auto again = risk_->check_and_reserve(kStrategy, request, intent("ord_2"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "order_exists");
  EXPECT_FALSE(store_->find_order("ord_2").value());
  EXPECT_EQ(store_->list_budget_reservations(kStrategy).value().size(), 1u);
  EXPECT_EQ(state().reserved, reserved);
}

TEST_F(OrderIntents, ARefusedOrderLeavesNoIntent) {
  set_rules([](store::RiskRules& r) { r.max_position_usd = usd(1); });
  OrderRequest request = order(kCondition, 500'000, 10);
  request.token_id = kToken;
  const auto refused = risk_->check_and_reserve(kStrategy, request, intent("ord_1"));
  ASSERT_TRUE(refused.ok()) << refused.error().to_string();
  ASSERT_TRUE(refused->refusal);
  EXPECT_FALSE(store_->find_order("ord_1").value());
  EXPECT_TRUE(store_->list_budget_reservations(kStrategy).value().empty());
}

// The LT book answers which of the asked tokens are held: a live order or an open position.
TEST_F(OrderIntents, TheBookHoldsTokensOfLiveOrdersAndOpenPositionsOnly) {
  const auto held_of = [&](std::vector<std::string> tokens) {
    return store_->get_lt_book(kStrategy, tokens).value().open_token_ids;
  };
  const std::vector<std::string> both{"7778", kToken, kToken};
  EXPECT_TRUE(held_of(both).empty());
  const auto live = reservation();  // a live order on kToken
  EXPECT_EQ(held_of(both), std::vector<std::string>{kToken});
  EXPECT_TRUE(held_of({"7778"}).empty());
  EXPECT_TRUE(held_of({}).empty());
  ASSERT_TRUE(risk_->record_fill(kStrategy, RiskTest::fill(live, "t1", 10, 500'000, true)).ok());
  EXPECT_EQ(held_of(both), std::vector<std::string>{kToken});  // an open position
  ASSERT_TRUE(
      risk_->record_resolution(kStrategy, ResolveEvent{live, price(0), core::Usd{}, "", ""}).ok());
  EXPECT_TRUE(held_of(both).empty());  // resolved
  const auto ended = reservation();
  ASSERT_TRUE(risk_->finish_order(kStrategy, FinishEvent{ended, OrderEnd::cancelled}).ok());
  EXPECT_TRUE(held_of(both).empty());  // released unfilled
  EXPECT_EQ(store_->get_lt_book("lt_none", both).error().code, "not_found");
}

TEST(OrderKey, DeterministicAndDistinct) {
  EXPECT_EQ(store::order_idempotency_key("lt_a", "t1"), store::order_idempotency_key("lt_a", "t1"));
  EXPECT_NE(store::order_idempotency_key("lt_a", "t1"), store::order_idempotency_key("lt_b", "t1"));
  EXPECT_NE(store::order_idempotency_key("ab", "c"), store::order_idempotency_key("a", "bc"));
}

}  // namespace
}  // namespace polycopy::risk::testing
