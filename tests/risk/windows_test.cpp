// Budget windows roll over at local midnight, on Monday and on the 1st, in the strategy's
// time zone, across DST changes; old reservations never touch the new window's figures.
#include <gtest/gtest.h>

#include "core/time_window.hpp"
#include "risk/reason_codes.hpp"
#include "risk/risk_fixture.hpp"
#include "risk/windows.hpp"

namespace polycopy::risk::testing {
namespace {

using core::from_unix_ms;
using std::chrono::hours;
using std::chrono::milliseconds;

class Windows : public RiskTest {
 protected:
  // The last instant before `start`, then `start`: refused, then approved.
  void expect_rolls_at(core::Timestamp start, std::string_view code) {
    clock_.set(start - milliseconds(1));
    EXPECT_EQ(refusal_of(order("0xc2", 500'000, 2)), code) << "one ms before the new window";
    clock_.set(start);
    EXPECT_EQ(refusal_of(order("0xc2", 500'000, 2)), "") << "at the new window";
  }
};

TEST_F(Windows, DayRollsAtLocalMidnightOnTheShortDayOfSpringForward) {
  set_time_zone("America/New_York");
  set_rules([](auto& r) { r.daily_budget_usd = usd(10); });
  // 2026-03-08 23:30 EDT: the day began at 00:00 EST (05:00Z) and lasts 23 hours.
  clock_.set(from_unix_ms(1'773'027'000'000));
  reserve(order("0xc1", 500'000, 20));  // 10: the whole day's budget
  const auto s = state();
  EXPECT_EQ(s.day_window_start, from_unix_ms(1'772'946'000'000));
  EXPECT_EQ(core::window_end(core::Window::day, clock_.now(), "America/New_York").value() -
                s.day_window_start,
            hours(23));
  expect_rolls_at(from_unix_ms(1'773'028'800'000), reason::daily_budget_exceeded);
}

TEST_F(Windows, DayRollsAtLocalMidnightOnTheLongDayOfFallBack) {
  set_time_zone("America/New_York");
  set_rules([](auto& r) { r.daily_budget_usd = usd(10); });
  // 2026-11-01 23:30 EST: the day began at 00:00 EDT (04:00Z) and lasts 25 hours.
  clock_.set(from_unix_ms(1'793'593'800'000));
  reserve(order("0xc1", 500'000, 20));
  EXPECT_EQ(state().day_window_start, from_unix_ms(1'793'505'600'000));
  expect_rolls_at(from_unix_ms(1'793'595'600'000), reason::daily_budget_exceeded);
}

TEST_F(Windows, WeekRollsOnMondayInTheStrategysZone) {
  set_time_zone("Asia/Tokyo");
  set_rules([](auto& r) { r.weekly_budget_usd = usd(10); });
  // Sunday 2026-03-08 23:00 JST = 14:00Z; Monday 00:00 JST = 2026-03-08T15:00Z (a Sunday in UTC).
  clock_.set(from_unix_ms(1'772'978'400'000));
  reserve(order("0xc1", 500'000, 20));
  expect_rolls_at(from_unix_ms(1'772'982'000'000), reason::weekly_budget_exceeded);
}

TEST_F(Windows, MonthRollsOnTheFirstInTheStrategysZone) {
  set_time_zone("Pacific/Auckland");
  set_rules([](auto& r) { r.monthly_budget_usd = usd(10); });
  // 2026-04-01 00:00 NZDT is 2026-03-31T11:00Z: still March in UTC.
  clock_.set(from_unix_ms(1'774'954'800'000) - hours(5));
  reserve(order("0xc1", 500'000, 20));
  expect_rolls_at(from_unix_ms(1'774'954'800'000), reason::monthly_budget_exceeded);
}

TEST_F(Windows, AnOldWindowsReservationNeverTouchesTheNewWindow) {
  set_rules([](auto& r) { r.daily_budget_usd = usd(10); });
  clock_.set(from_unix_ms(1'772'495'400'000));  // Monday 2026-03-02 23:50Z
  const auto yesterday = reserve(order("0xc1", 500'000, 20));
  clock_.advance(std::chrono::minutes(20));  // Tuesday 00:10Z
  const auto today = reserve(order("0xc2", 500'000, 20));
  ASSERT_TRUE(risk_->record_fill(kStrategy, fill(yesterday, "t1", 20, 500'000, true)).ok());
  auto s = state();
  EXPECT_EQ(s.day_spent, core::Usd{});  // spent in Monday's window, not today's
  EXPECT_EQ(s.day_reserved, usd(10));
  EXPECT_EQ(s.week_spent, usd(10));  // both are in this week
  EXPECT_EQ(s.week_reserved, usd(10));
  EXPECT_EQ(s.reserved, usd(10));
  ASSERT_TRUE(risk_->finish_order(kStrategy, FinishEvent{today, OrderEnd::cancelled}).ok());
  s = state();
  EXPECT_EQ(s.day_reserved, core::Usd{});
  EXPECT_EQ(s.week_reserved, core::Usd{});
  EXPECT_EQ(s.reserved, core::Usd{});
}

TEST_F(Windows, AClockReadingEarlierNeverReopensAWindow) {
  set_rules([](auto& r) { r.daily_budget_usd = usd(10); });
  reserve(order("0xc1", 500'000, 20));
  clock_.set(clock_.now() - hours(24 * 3));  // the clock jumps back three days
  EXPECT_EQ(refusal_of(order("0xc2", 500'000, 2)), reason::daily_budget_exceeded);
  EXPECT_EQ(state().day_window_start, from_unix_ms(1'772'409'600'000));  // 2026-03-02
}

TEST_F(Windows, UnknownZoneIsARefusalNotAGuess) {
  store::RiskState state;
  const auto rolled = roll_windows(state, clock_.now(), "Mars/Olympus_Mons");
  ASSERT_FALSE(rolled.ok());
  EXPECT_EQ(rolled.error().code, "invalid_time_zone");
}

}  // namespace
}  // namespace polycopy::risk::testing
