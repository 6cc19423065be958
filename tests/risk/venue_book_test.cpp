// The slippage and depth checks on a real CLOB book payload (shared fixture, parsed by the
// protocol layer), through RiskManager's order-book overload.
#include <gtest/gtest.h>

#include "polymarket/parse/payload.hpp"
#include "polymarket/parse_fixtures.hpp"
#include "risk/reason_codes.hpp"
#include "risk/risk_fixture.hpp"

namespace polycopy::risk::testing {
namespace {

class VenueBook : public RiskTest {
 protected:
  void SetUp() override {
    RiskTest::SetUp();
    auto parsed = polymarket::parse::parse_clob_books(
        test::fixture("clob_book/nautilus_clob_book_2024_10.json"));
    ASSERT_TRUE(parsed.ok()) << parsed.error().to_string();
    book_ = parsed->items.at(0);
    ASSERT_FALSE(book_.asks.empty());
  }
  // USD of the book's asks priced at or below `limit`, computed here level by level.
  core::Usd depth_within(core::Price limit) {
    core::Usd sum;
    for (const auto& level : book_.asks)
      if (level.price <= limit)
        sum += core::notional(level.size, level.price, core::Rounding::down);
    return sum;
  }
  core::Result<ReserveOutcome> reserve_at(core::Price limit) {
    return risk_->check_and_reserve(kStrategy, "0xbook", limit, shares(10), book_);
  }
  polymarket::parse::OrderBook book_;
};

TEST_F(VenueBook, DepthWithinTheLimitDecidesLiquidity) {
  const core::Price best = book_.asks.front().price;  // parsed best first
  const core::Price limit = price(best.micros() + 10'000);
  const core::Usd depth = depth_within(limit);
  ASSERT_GT(depth, core::Usd{});
  set_rules([&](auto& r) { r.min_order_book_depth_usd = depth; });
  auto at_bound = reserve_at(limit);
  ASSERT_TRUE(at_bound.ok());
  EXPECT_TRUE(at_bound->reservation_id) << at_bound->refusal->message;
  set_rules([&](auto& r) { r.min_order_book_depth_usd = depth + core::Usd::from_micros(1); });
  auto short_by_one = reserve_at(limit);
  ASSERT_TRUE(short_by_one.ok());
  ASSERT_TRUE(short_by_one->refusal);
  EXPECT_EQ(short_by_one->refusal->code, reason::insufficient_liquidity);
  EXPECT_EQ(short_by_one->refusal->current, depth.micros());
  const auto reservations = store_->list_budget_reservations(kStrategy).value();
  ASSERT_EQ(reservations.size(), 1u);
  EXPECT_EQ(reservations[0].token_id, book_.token_id.to_decimal());
}

TEST_F(VenueBook, BestAskFarAboveTheLimitIsSlippage) {
  const core::Price best = book_.asks.front().price;
  set_rules([](auto& r) { r.max_slippage_pct = core::Ratio::from_micros(50'000); });  // 5 %
  // A limit 10 % under the best ask.
  const core::Price limit = price(best.micros() * 10 / 11);
  auto outcome = reserve_at(limit);
  ASSERT_TRUE(outcome.ok());
  ASSERT_TRUE(outcome->refusal);
  EXPECT_EQ(outcome->refusal->code, reason::slippage_too_high);
  EXPECT_GT(outcome->refusal->current, 50'000);
  EXPECT_EQ(refusal_of(order("0xother", best.micros(), 10)), "");  // at the ask: none
}

}  // namespace
}  // namespace polycopy::risk::testing
