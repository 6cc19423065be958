// Every risk rule and reason code, at its bound (passes) and just past it (refused with the
// numbers that failed), through the pure check_order().
#include <gtest/gtest.h>

#include <functional>

#include "risk/checks.hpp"
#include "risk/reason_codes.hpp"

namespace polycopy::risk {
namespace {

using core::Price;
using core::Ratio;
using core::Shares;
using core::Usd;

Usd micros_usd(std::int64_t m) {
  return Usd::from_micros(m);
}

struct Case {
  const char* label;
  std::function<void(store::RiskRules&, store::RiskState&, OrderCheck&)> setup;
  std::string expected_code;  // "" = passes
  std::int64_t limit = 0, current = 0, requested = 0;
};

store::LtStrategy running_strategy() {
  store::LtStrategy s;
  s.id = "lt_x";
  s.paused = false;
  return s;
}

OrderCheck ten_dollar_order() {
  OrderCheck order;
  order.amount = micros_usd(10'000'000);
  order.limit_price = Price::from_micros(500'000).value();
  order.book.best_ask = order.limit_price;
  order.book.depth_within_limit = micros_usd(1'000'000'000);
  return order;
}

class CheckTable : public ::testing::TestWithParam<Case> {};

TEST_P(CheckTable, RefusesJustPastTheBoundOnly) {
  const Case& c = GetParam();
  store::LtStrategy strategy = running_strategy();
  store::RiskState state;
  OrderCheck order = ten_dollar_order();
  c.setup(strategy.params.risk, state, order);
  const auto refusal = check_order(strategy, state, order);
  if (c.expected_code.empty()) {
    EXPECT_FALSE(refusal) << refusal->code << ": " << refusal->message;
    return;
  }
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal->code, c.expected_code) << refusal->message;
  EXPECT_EQ(refusal->limit, c.limit);
  EXPECT_EQ(refusal->current, c.current);
  EXPECT_EQ(refusal->requested, c.requested);
  EXPECT_FALSE(refusal->message.empty());
}

constexpr std::int64_t kTen = 10'000'000;

INSTANTIATE_TEST_SUITE_P(
    Rules, CheckTable,
    ::testing::Values(
        Case{"no rules", [](auto&, auto&, auto&) {}, ""},
        Case{"max position at bound",
             [](auto& r, auto&, auto&) { r.max_position_usd = micros_usd(kTen); }, ""},
        Case{"max position just past",
             [](auto& r, auto&, auto&) { r.max_position_usd = micros_usd(kTen - 1); },
             "position_too_large", kTen - 1, 0, kTen},
        Case{"daily at bound",
             [](auto& r, auto& s, auto&) {
               r.daily_budget_usd = micros_usd(50'000'000);
               s.day_spent = micros_usd(25'000'000);
               s.day_reserved = micros_usd(15'000'000);
             },
             ""},
        Case{"daily just past",
             [](auto& r, auto& s, auto&) {
               r.daily_budget_usd = micros_usd(50'000'000);
               s.day_spent = micros_usd(25'000'000);
               s.day_reserved = micros_usd(15'000'001);
             },
             "daily_budget_exceeded", 50'000'000, 40'000'001, kTen},
        Case{"weekly at bound",
             [](auto& r, auto& s, auto&) {
               r.weekly_budget_usd = micros_usd(100'000'000);
               s.week_spent = micros_usd(90'000'000);
             },
             ""},
        Case{"weekly just past (daily fine)",
             [](auto& r, auto& s, auto&) {
               r.daily_budget_usd = micros_usd(50'000'000);
               r.weekly_budget_usd = micros_usd(100'000'000);
               s.week_spent = micros_usd(80'000'000);
               s.week_reserved = micros_usd(10'000'001);
             },
             "weekly_budget_exceeded", 100'000'000, 90'000'001, kTen},
        Case{"monthly at bound",
             [](auto& r, auto& s, auto&) {
               r.monthly_budget_usd = micros_usd(300'000'000);
               s.month_reserved = micros_usd(290'000'000);
             },
             ""},
        Case{"monthly just past (daily and weekly fine)",
             [](auto& r, auto& s, auto&) {
               r.daily_budget_usd = micros_usd(50'000'000);
               r.weekly_budget_usd = micros_usd(100'000'000);
               r.monthly_budget_usd = micros_usd(300'000'000);
               s.month_spent = micros_usd(290'000'001);
             },
             "monthly_budget_exceeded", 300'000'000, 290'000'001, kTen},
        Case{"exposure at bound",
             [](auto& r, auto& s, auto&) {
               r.max_total_exposure_usd = micros_usd(200'000'000);
               s.exposure = micros_usd(150'000'000);
               s.reserved = micros_usd(40'000'000);
             },
             ""},
        Case{"exposure counts reserved orders",
             [](auto& r, auto& s, auto&) {
               r.max_total_exposure_usd = micros_usd(200'000'000);
               s.exposure = micros_usd(150'000'000);
               s.reserved = micros_usd(40'000'001);
             },
             "exposure_limit", 200'000'000, 190'000'001, kTen},
        Case{"open positions at bound",
             [](auto& r, auto&, auto& o) {
               r.max_open_positions = 5;
               o.open_positions = 4;
             },
             ""},
        Case{"open positions just past",
             [](auto& r, auto&, auto& o) {
               r.max_open_positions = 5;
               o.open_positions = 5;
             },
             "max_open_positions", 5, 5, 1},
        Case{"per market at bound",
             [](auto& r, auto&, auto& o) {
               r.max_positions_per_market = 2;
               o.open_positions = 9;
               o.open_positions_in_market = 1;
             },
             ""},
        Case{"per market just past",
             [](auto& r, auto&, auto& o) {
               r.max_positions_per_market = 2;
               o.open_positions_in_market = 2;
             },
             "max_positions_per_market", 2, 2, 1},
        Case{"slippage at bound: ask 1 % over the limit, max 1 %",
             [](auto& r, auto&, auto& o) {
               r.max_slippage_pct = Ratio::from_micros(10'000);
               o.book.best_ask = Price::from_micros(505'000).value();
             },
             ""},
        Case{"slippage just past",
             [](auto& r, auto&, auto& o) {
               r.max_slippage_pct = Ratio::from_micros(10'000);
               o.book.best_ask = Price::from_micros(505'001).value();
             },
             "slippage_too_high", 10'000, 10'002, 500'000},
        Case{"slippage with no asks is not measurable",
             [](auto& r, auto&, auto& o) {
               r.max_slippage_pct = Ratio::from_micros(0);
               o.book.best_ask.reset();
             },
             ""},
        Case{"depth at bound",
             [](auto& r, auto&, auto& o) {
               r.min_order_book_depth_usd = micros_usd(250'000'000);
               o.book.depth_within_limit = micros_usd(250'000'000);
             },
             ""},
        Case{"depth just short",
             [](auto& r, auto&, auto& o) {
               r.min_order_book_depth_usd = micros_usd(250'000'000);
               o.book.depth_within_limit = micros_usd(249'999'999);
             },
             "insufficient_liquidity", 250'000'000, 249'999'999, kTen},
        Case{"breaker open",
             [](auto&, auto& s, auto&) {
               s.breaker_open = true;
               s.breaker_reason = "max_drawdown_pct";
             },
             "circuit_breaker_open"}),
    [](const ::testing::TestParamInfo<Case>& info) {
      std::string name = info.param.label;
      for (char& ch : name)
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
      return name;
    });

TEST(CheckOrder, PausedStrategyIsRefusedBeforeAnyLimit) {
  store::LtStrategy strategy = running_strategy();
  strategy.paused = true;
  strategy.pause_reason = "paused by user";
  strategy.params.risk.max_position_usd = Usd{};
  const auto refusal = check_order(strategy, store::RiskState{}, ten_dollar_order());
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal->code, reason::strategy_paused);
  EXPECT_NE(refusal->message.find("paused by user"), std::string::npos);
}

TEST(CheckOrder, BreakerIsReportedBeforeThePauseItCaused) {
  store::LtStrategy strategy = running_strategy();
  strategy.paused = true;
  store::RiskState state;
  state.breaker_open = true;
  state.breaker_reason = "consecutive_loss_limit: 3 losses in a row (limit 3)";
  const auto refusal = check_order(strategy, state, ten_dollar_order());
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal->code, reason::circuit_breaker_open);
  EXPECT_NE(refusal->message.find("3 losses in a row"), std::string::npos);
}

TEST(CheckOrder, FirstFailingRuleWinsInTheDocumentedOrder) {
  // Every rule fails at once: each time the first is removed, the next one is reported.
  store::LtStrategy strategy = running_strategy();
  store::RiskState state;
  OrderCheck order = ten_dollar_order();
  auto& r = strategy.params.risk;
  state.breaker_open = true;
  state.breaker_reason = "x";
  strategy.paused = true;
  r.max_position_usd = Usd{};
  r.daily_budget_usd = r.weekly_budget_usd = r.monthly_budget_usd = Usd{};
  r.max_total_exposure_usd = Usd{};
  r.max_open_positions = 0;
  r.max_positions_per_market = 0;
  r.max_slippage_pct = Ratio{};
  order.book.best_ask = Price::from_micros(600'000).value();
  r.min_order_book_depth_usd = micros_usd(kTen * 1000);
  const std::vector<std::function<void()>> clear{
      [&] { state.breaker_open = false; },         [&] { strategy.paused = false; },
      [&] { r.max_position_usd.reset(); },         [&] { r.daily_budget_usd.reset(); },
      [&] { r.weekly_budget_usd.reset(); },        [&] { r.monthly_budget_usd.reset(); },
      [&] { r.max_total_exposure_usd.reset(); },   [&] { r.max_open_positions.reset(); },
      [&] { r.max_positions_per_market.reset(); }, [&] { r.max_slippage_pct.reset(); },
      [&] { r.min_order_book_depth_usd.reset(); },
  };
  ASSERT_EQ(clear.size(), reason::kInCheckOrder.size());
  for (std::size_t i = 0; i < clear.size(); ++i) {
    const auto refusal = check_order(strategy, state, order);
    ASSERT_TRUE(refusal) << "step " << i;
    EXPECT_EQ(refusal->code, reason::kInCheckOrder[i]);
    clear[i]();
  }
  EXPECT_FALSE(check_order(strategy, state, order));
}

TEST(BookFacts, BestAskAndDepthWithinTheLimit) {
  const std::vector<AskLevel> asks{
      {Price::from_micros(520'000).value(), Shares::from_micros(100'000'000)},
      {Price::from_micros(500'000).value(), Shares::from_micros(30'000'000)},
      {Price::from_micros(490'000).value(), Shares::from_micros(0)},  // empty level: ignored
      {Price::from_micros(510'000).value(), Shares::from_micros(20'000'000)},
  };
  const auto facts = book_facts(asks, Price::from_micros(510'000).value());
  ASSERT_TRUE(facts.best_ask);
  EXPECT_EQ(facts.best_ask->micros(), 500'000);
  // 30 x 0.50 + 20 x 0.51 = 25.20; the 0.52 level is past the limit.
  EXPECT_EQ(facts.depth_within_limit.micros(), 25'200'000);
  EXPECT_FALSE(book_facts({}, Price::one()).best_ask);
}

TEST(Slippage, RoundsUpSoTheComparisonIsExact) {
  EXPECT_EQ(
      slippage_micros(Price::from_micros(500'000).value(), Price::from_micros(500'000).value()), 0);
  EXPECT_EQ(
      slippage_micros(Price::from_micros(400'000).value(), Price::from_micros(500'000).value()), 0);
  EXPECT_EQ(
      slippage_micros(Price::from_micros(505'000).value(), Price::from_micros(500'000).value()),
      10'000);
  // 1 micro of price over 1 % is 2 micros of ratio at 0.5.
  EXPECT_EQ(
      slippage_micros(Price::from_micros(505'001).value(), Price::from_micros(500'000).value()),
      10'002);
}

}  // namespace
}  // namespace polycopy::risk
