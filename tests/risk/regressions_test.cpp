// The upstream system's risk defects listed in domain.md, each pinned by a test. (Check and
// reserve atomically: concurrency_test.cpp. Tripping the breaker: breaker_test.cpp.)
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "risk/reason_codes.hpp"
#include "risk/risk_fixture.hpp"

namespace polycopy::risk::testing {
namespace {

using core::Usd;

class Regression : public RiskTest {};

// Defect: only the daily budget was checked.
TEST_F(Regression, WeeklyAndMonthlyBudgetsAreEnforcedWithoutADailyOne) {
  set_rules([](auto& r) { r.weekly_budget_usd = usd(10); });
  reserve(order("0xc1", 500'000, 20));
  EXPECT_EQ(refusal_of(order("0xc2", 500'000, 2)), reason::weekly_budget_exceeded);
  set_rules([](auto& r) {
    r.weekly_budget_usd.reset();
    r.monthly_budget_usd = usd(10);
  });
  EXPECT_EQ(refusal_of(order("0xc2", 500'000, 2)), reason::monthly_budget_exceeded);
}

// Defect: money locked in orders and open positions was counted as a loss, so drawdown
// tripped the breaker while nothing had been lost.
TEST_F(Regression, MoneyInOrdersAndPositionsIsNotALoss) {
  set_rules([](auto& r) { r.max_drawdown_pct = core::Ratio::from_micros(10'000); });  // 1 %
  for (int i = 0; i < 5; ++i) {
    const auto id = reserve(order("0xm" + std::to_string(i), 500'000, 200));  // 100 each
    if (i % 2 != 0) continue;
    ASSERT_TRUE(
        risk_->record_fill(kStrategy, fill(id, "t" + std::to_string(i), 200, 500'000, true)).ok());
  }
  const auto s = state();
  EXPECT_EQ(s.exposure + s.reserved, usd(500));
  EXPECT_EQ(s.equity, usd(1000));
  EXPECT_EQ(s.peak_equity, usd(1000));
  EXPECT_FALSE(s.breaker_open);
  EXPECT_EQ(refusal_of(order("0xm9", 500'000, 2)), "");
}

// Defect: the open-position count was assumed to be zero. Here the stored counter is
// corrupted to 0 and the store reopened: the check still counts the positions themselves.
TEST_F(Regression, OpenPositionsAreCountedFromTheStore) {
  set_rules([](auto& r) {
    r.max_open_positions = 3;
    r.max_positions_per_market = 2;
  });
  const auto a = reserve(order("0xc1", 500'000, 2));
  ASSERT_TRUE(risk_->record_fill(kStrategy, fill(a, "ta", 2, 500'000, true)).ok());
  reserve(order("0xc1", 500'000, 2));
  reserve(order("0xc2", 500'000, 2));
  risk_.reset();
  store_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE risk_state SET open_positions = 0", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  store_ = open_store();
  risk_ = std::make_unique<RiskManager>(*store_, clock_);
  EXPECT_EQ(refusal_of(order("0xc1", 500'000, 2)), reason::max_open_positions);
  set_rules([](auto& r) { r.max_open_positions = 10; });
  EXPECT_EQ(refusal_of(order("0xc1", 500'000, 2)), reason::max_positions_per_market);
  EXPECT_EQ(refusal_of(order("0xc3", 500'000, 2)), "");
  EXPECT_EQ(snapshot().open_positions, 4);
}

// Defect: shares and USD were mixed (a fill's size added to USD figures).
TEST_F(Regression, SharesTimesPriceIsUsd) {
  const auto id = reserve(order("0xc1", 250'000, 40));  // 40 shares at 0.25 = 10 USD
  EXPECT_EQ(state().reserved, usd(10));
  ASSERT_TRUE(risk_->record_fill(kStrategy, fill(id, "t1", 40, 200'000, true)).ok());
  const auto s = state();
  EXPECT_EQ(s.day_spent, usd(8));  // 40 x 0.20, not 40
  EXPECT_EQ(s.exposure, usd(8));
  ResolveEvent won{id, price(1'000'000), Usd{}, "", ""};
  ASSERT_TRUE(risk_->record_resolution(kStrategy, won).ok());
  EXPECT_EQ(state().realised_pnl, usd(32));  // 40 x 1 - 8
}

// Defect: a refused signal still consumed budget, or an approved one did not reserve it.
TEST_F(Regression, ARefusalReservesNothing) {
  set_rules([](auto& r) {
    r.daily_budget_usd = usd(10);
    r.max_slippage_pct = core::Ratio::from_micros(10'000);
  });
  OrderRequest slipped = order("0xc1", 500'000, 2);
  slipped.asks = {AskLevel{price(600'000), shares(100)}};
  EXPECT_EQ(refusal_of(slipped), reason::slippage_too_high);
  const auto s = state();
  EXPECT_EQ(s.reserved, Usd{});
  EXPECT_EQ(s.day_reserved, Usd{});
  EXPECT_TRUE(store_->list_budget_reservations(kStrategy).value().empty());
}

}  // namespace
}  // namespace polycopy::risk::testing
