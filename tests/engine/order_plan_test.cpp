// The order a signal becomes: limit price down to the tick, size down to the 0.01 lot,
// refusals under one tick and under the market's minimum size.
#include <gtest/gtest.h>

#include "engine/order_plan.hpp"

namespace polycopy::engine {
namespace {

core::Price p(std::int64_t micros) {
  return core::Price::from_micros(micros).value();
}

TEST(OrderPlan, RoundsThePriceDownToTheTickAndTheSizeDownToTheLot) {
  // entry 0.5015 at tick 0.01 -> 0.50; 10 USD / 0.50 = 20 shares.
  auto plan = plan_order(p(501'500), core::Usd::from_micros(10'000'000), p(10'000),
                         core::Shares::from_micros(5'000'000));
  ASSERT_TRUE(plan.ok()) << plan.error().to_string();
  EXPECT_EQ(plan->limit_price.micros(), 500'000);
  EXPECT_EQ(plan->size.micros(), 20'000'000);
  // 10 USD / 0.33 = 30.3030.. -> 30.30 shares (never above the bet).
  plan = plan_order(p(333'000), core::Usd::from_micros(10'000'000), p(10'000),
                    core::Shares::from_micros(5'000'000));
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->limit_price.micros(), 330'000);
  EXPECT_EQ(plan->size.micros(), 30'300'000);
  EXPECT_LE(core::notional(plan->size, plan->limit_price, core::Rounding::up).micros(), 10'000'000);
  // Tick 0.001 keeps more of the price.
  plan = plan_order(p(501'500), core::Usd::from_micros(10'000'000), p(1'000), core::Shares{});
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->limit_price.micros(), 501'000);
}

TEST(OrderPlan, RefusesUnderOneTickAndUnderTheMinimumSize) {
  EXPECT_EQ(plan_order(p(9'000), core::Usd::from_micros(10'000'000), p(10'000), core::Shares{})
                .error()
                .code,
            "price_below_tick");
  // 2.49 USD at 0.50 buys 4.98 shares: under a minimum of 5.
  EXPECT_EQ(plan_order(p(500'000), core::Usd::from_micros(2'490'000), p(10'000),
                       core::Shares::from_micros(5'000'000))
                .error()
                .code,
            "below_min_order_size");
  EXPECT_TRUE(plan_order(p(500'000), core::Usd::from_micros(2'500'000), p(10'000),
                         core::Shares::from_micros(5'000'000))
                  .ok());
  EXPECT_EQ(
      plan_order(p(500'000), core::Usd::from_micros(4'000), p(10'000), core::Shares{}).error().code,
      "below_min_order_size");  // rounds to zero shares
}

}  // namespace
}  // namespace polycopy::engine
