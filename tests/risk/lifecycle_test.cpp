// A reservation's life through the store: hold, fills (partial, complete, repeated, late,
// above the limit), end of order, resolution, and the counts and amounts each step leaves.
#include <gtest/gtest.h>

#include "risk/reason_codes.hpp"
#include "risk/risk_fixture.hpp"

namespace polycopy::risk::testing {
namespace {

using core::Usd;
using store::ReservationState;

Usd micros(std::int64_t m) {
  return Usd::from_micros(m);
}

class Lifecycle : public RiskTest {
 protected:
  store::BudgetReservation reservation(const std::string& id) {
    const auto all = store_->list_budget_reservations(kStrategy).value();
    for (const auto& r : all)
      if (r.id == id) return r;
    ADD_FAILURE() << "no reservation " << id;
    return {};
  }
  void finish(const std::string& id, OrderEnd end) {
    auto done = risk_->finish_order(kStrategy, FinishEvent{id, end});
    ASSERT_TRUE(done.ok()) << done.error().to_string();
  }
};

TEST_F(Lifecycle, ReservationHoldsAgainstEveryWindowAndTheExposure) {
  const auto id = reserve(order("0xc1", 500'000, 10));  // 10 x 0.50 = 5.00
  const auto s = state();
  EXPECT_EQ(s.day_reserved, usd(5));
  EXPECT_EQ(s.week_reserved, usd(5));
  EXPECT_EQ(s.month_reserved, usd(5));
  EXPECT_EQ(s.reserved, usd(5));
  EXPECT_EQ(s.day_spent, Usd{});
  EXPECT_EQ(s.exposure, Usd{});
  EXPECT_EQ(snapshot().open_positions, 1);
  EXPECT_EQ(s.equity, usd(1000));  // holding money is not losing it
  const auto r = reservation(id);
  EXPECT_EQ(r.state, ReservationState::reserved);
  EXPECT_EQ(r.amount, usd(5));
  EXPECT_EQ(r.condition_id, "0xc1");
  EXPECT_EQ(r.day_window_start, s.day_window_start);
}

TEST_F(Lifecycle, AmountIsSharesTimesLimitRoundedUp) {
  // 3.333333 shares x 0.333333 = 1.111109888889 USD -> held 1.111110
  OrderRequest request = order("0xc1", 333'333, 1);
  request.size = core::Shares::from_micros(3'333'333);
  const auto outcome = risk_->check_and_reserve(kStrategy, request).value();
  EXPECT_EQ(outcome.amount, micros(1'111'110));
  EXPECT_EQ(state().reserved, micros(1'111'110));
}

TEST_F(Lifecycle, PartialFillThenCancelReleasesTheUnfilledRest) {
  const auto id = reserve(order("0xc1", 500'000, 100));  // holds 50
  ASSERT_TRUE(risk_->record_fill(kStrategy, fill(id, "t1", 40, 480'000, false)).ok());
  auto s = state();
  EXPECT_EQ(s.day_spent, micros(19'200'000));  // 40 x 0.48
  EXPECT_EQ(s.day_reserved, micros(30'800'000));
  EXPECT_EQ(s.reserved, micros(30'800'000));
  EXPECT_EQ(s.exposure, micros(19'200'000));
  finish(id, OrderEnd::cancelled);
  s = state();
  EXPECT_EQ(s.day_spent, micros(19'200'000));
  EXPECT_EQ(s.week_spent, micros(19'200'000));
  EXPECT_EQ(s.day_reserved, Usd{});
  EXPECT_EQ(s.reserved, Usd{});
  EXPECT_EQ(snapshot().open_positions, 1);  // the filled part is a position
  const auto r = reservation(id);
  EXPECT_EQ(r.state, ReservationState::settled);
  EXPECT_EQ(r.settled, micros(19'200'000));
  EXPECT_EQ(r.filled, shares(40));
  EXPECT_TRUE(r.position_open);
}

TEST_F(Lifecycle, CompletingFillAtABetterPriceReleasesTheDifference) {
  const auto id = reserve(order("0xc1", 500'000, 10));
  ASSERT_TRUE(risk_->record_fill(kStrategy, fill(id, "t1", 10, 450'000, true)).ok());
  const auto s = state();
  EXPECT_EQ(s.day_spent, micros(4'500'000));
  EXPECT_EQ(s.day_reserved, Usd{});
  EXPECT_EQ(s.reserved, Usd{});
  EXPECT_EQ(reservation(id).state, ReservationState::settled);
}

TEST_F(Lifecycle, EndingAnUnfilledOrderReleasesEverythingAndTheSlot) {
  for (const auto end : {OrderEnd::cancelled, OrderEnd::expired, OrderEnd::rejected}) {
    const auto id = reserve(order("0xc1", 500'000, 10));
    EXPECT_EQ(snapshot().open_positions, 1);
    finish(id, end);
    EXPECT_EQ(state().reserved, Usd{});
    EXPECT_EQ(state().day_reserved, Usd{});
    EXPECT_EQ(snapshot().open_positions, 0);
    EXPECT_EQ(reservation(id).state, ReservationState::released);
    finish(id, end);  // again: a no-op
    EXPECT_EQ(state().reserved, Usd{});
  }
}

TEST_F(Lifecycle, AFillCountsOnceWhateverTheRepeats) {
  const auto id = reserve(order("0xc1", 500'000, 10));
  const auto first = risk_->record_fill(kStrategy, fill(id, "t1", 4, 500'000, false));
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first->no_op);
  for (int i = 0; i < 3; ++i) {
    const auto again = risk_->record_fill(kStrategy, fill(id, "t1", 4, 500'000, false));
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->no_op);
  }
  EXPECT_EQ(state().day_spent, usd(2));
  EXPECT_EQ(reservation(id).filled, shares(4));
}

TEST_F(Lifecycle, AFillAfterTheOrderEndedIsSpentAndAlerted) {
  const auto id = reserve(order("0xc1", 500'000, 10));
  finish(id, OrderEnd::cancelled);
  ASSERT_TRUE(risk_->record_fill(kStrategy, fill(id, "late", 2, 500'000, false)).ok());
  const auto s = state();
  EXPECT_EQ(s.day_spent, usd(1));
  EXPECT_EQ(s.exposure, usd(1));
  EXPECT_EQ(s.reserved, Usd{});
  EXPECT_EQ(snapshot().open_positions, 1);
  const auto r = reservation(id);
  EXPECT_EQ(r.state, ReservationState::settled);
  EXPECT_EQ(r.overspend, usd(1));
  const auto alerts = store_->list_open_alerts(kUser).value();
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].code, "fill_beyond_reservation");
}

TEST_F(Lifecycle, AFillAboveTheLimitSpendsBeyondTheHold) {
  const auto id = reserve(order("0xc1", 500'000, 10));  // holds 5
  ASSERT_TRUE(risk_->record_fill(kStrategy, fill(id, "t1", 10, 600'000, true)).ok());
  const auto s = state();
  EXPECT_EQ(s.day_spent, usd(6));  // real money is counted, all of it
  EXPECT_EQ(s.reserved, Usd{});
  EXPECT_EQ(reservation(id).settled, usd(5));
  EXPECT_EQ(reservation(id).overspend, usd(1));
}

TEST_F(Lifecycle, BadFillsAreRefusedWithACode) {
  const auto id = reserve(order("0xc1", 500'000, 10));
  auto zero = fill(id, "t0", 0, 500'000, false);
  EXPECT_EQ(risk_->record_fill(kStrategy, zero).error().code, reason::invalid_fill);
  auto unknown = fill("rsv_none", "t1", 1, 500'000, false);
  EXPECT_EQ(risk_->record_fill(kStrategy, unknown).error().code, "not_found");
  EXPECT_EQ(state().day_spent, Usd{});
}

TEST_F(Lifecycle, ResolutionMovesEquityPeakAndTheLosingStreak) {
  round_trip(order("0xc1", 400'000, 50), 1'000'000);  // cost 20, payout 50: +30
  auto s = state();
  EXPECT_EQ(s.realised_pnl, usd(30));
  EXPECT_EQ(s.equity, usd(1030));
  EXPECT_EQ(s.peak_equity, usd(1030));
  EXPECT_EQ(s.exposure, Usd{});
  EXPECT_EQ(snapshot().open_positions, 0);
  round_trip(order("0xc2", 500'000, 20), 0);  // -10
  round_trip(order("0xc3", 500'000, 20), 0);  // -10
  s = state();
  EXPECT_EQ(s.equity, usd(1010));
  EXPECT_EQ(s.peak_equity, usd(1030));
  EXPECT_EQ(s.consecutive_losses, 2);
  round_trip(order("0xc4", 500'000, 20), 500'000);  // 50/50: break-even, streak kept
  EXPECT_EQ(state().consecutive_losses, 2);
  round_trip(order("0xc5", 500'000, 20), 1'000'000);  // a win resets it
  EXPECT_EQ(state().consecutive_losses, 0);
}

TEST_F(Lifecycle, FeesCountInThePnl) {
  const auto id = reserve(order("0xc1", 500'000, 10));
  ASSERT_TRUE(risk_->record_fill(kStrategy, fill(id, "t1", 10, 500'000, true)).ok());
  ResolveEvent resolve{id, price(1'000'000), micros(250'000), "", ""};
  ASSERT_TRUE(risk_->record_resolution(kStrategy, resolve).ok());
  const auto r = reservation(id);
  EXPECT_EQ(r.pnl, micros(4'750'000));  // 10 - 5 - 0.25
  EXPECT_EQ(state().equity, micros(1'004'750'000));
}

TEST_F(Lifecycle, ResolutionNeedsAnEndedOrderWithAFillAndHappensOnce) {
  const auto live = reserve(order("0xc1", 500'000, 10));
  ResolveEvent resolve{live, price(0), Usd{}, "", ""};
  EXPECT_EQ(risk_->record_resolution(kStrategy, resolve).error().code, reason::order_still_live);
  finish(live, OrderEnd::expired);
  EXPECT_EQ(risk_->record_resolution(kStrategy, resolve).error().code, reason::no_open_position);

  const auto id = round_trip(order("0xc2", 500'000, 10), 0);
  const auto again = risk_->record_resolution(kStrategy, ResolveEvent{id, price(0), Usd{}, "", ""});
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->no_op);
  EXPECT_EQ(state().equity, usd(995));
  EXPECT_EQ(state().consecutive_losses, 1);
}

TEST_F(Lifecycle, InvalidOrdersAreRefusedBeforeAnyRule) {
  OrderRequest zero = order("0xc1", 500'000, 1);
  zero.size = core::Shares{};
  EXPECT_EQ(refusal_of(zero), reason::invalid_order);
  OrderRequest at_one = order("0xc1", 1'000'000, 1);
  EXPECT_EQ(refusal_of(at_one), reason::invalid_order);
  EXPECT_EQ(state().reserved, Usd{});
}

TEST_F(Lifecycle, UnknownStrategyIsNotFound) {
  const auto outcome = risk_->check_and_reserve("lt_none", order("0xc1", 500'000, 1));
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error().code, "not_found");
}

}  // namespace
}  // namespace polycopy::risk::testing
