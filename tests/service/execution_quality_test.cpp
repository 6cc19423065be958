// Execution quality of live orders (service/execution_quality): fill rate, average fill
// price, slippage, latency and fees per order and over a strategy, hand-computed.
#include "service/execution_quality.hpp"

#include <gtest/gtest.h>

namespace polycopy::service {
namespace {

using core::Price;
using core::Ratio;
using core::Shares;
using core::Usd;
using store::OrderRecord;
using store::OrderState;
using store::VenueFill;

constexpr std::int64_t kCreatedMs = 1'795'635'000'000;

Price price(std::int64_t micros) {
  return Price::from_micros(micros).value();
}

Shares shares(std::int64_t micros) {
  return Shares::from_micros(micros);
}

OrderRecord order(const std::string& id, OrderState state, std::int64_t size_micros,
                  std::int64_t limit_micros, std::optional<std::int64_t> signal_micros) {
  OrderRecord o;
  o.id = id;
  o.state = state;
  o.size = shares(size_micros);
  o.limit_price = price(limit_micros);
  if (signal_micros) o.signal_price = price(*signal_micros);
  o.created_at = core::from_unix_ms(kCreatedMs);
  return o;
}

VenueFill fill(std::int64_t size_micros, std::int64_t price_micros, std::int64_t after_ms,
               std::int64_t fee_micros = 0) {
  VenueFill f;
  f.id = "fil_" + std::to_string(after_ms);
  f.venue_trade_id = "vt_" + std::to_string(after_ms);
  f.size = shares(size_micros);
  f.price = price(price_micros);
  f.fee = Usd::from_micros(fee_micros);
  f.filled_at = core::from_unix_ms(kCreatedMs + after_ms);
  return f;
}

TEST(OrderExecution, NoFillsHasNoPriceSlippageOrLatency) {
  const auto e =
      order_execution(order("o", OrderState::cancelled, 10'000'000, 500'000, 495'000), {});
  EXPECT_EQ(e.fills, 0);
  EXPECT_EQ(e.filled_shares, shares(0));
  EXPECT_EQ(e.fill_rate, Ratio{});
  EXPECT_EQ(e.filled_cost, Usd{});
  EXPECT_EQ(e.fees, Usd{});
  EXPECT_FALSE(e.average_fill_price);
  EXPECT_FALSE(e.slippage_vs_signal);
  EXPECT_FALSE(e.slippage_vs_limit);
  EXPECT_FALSE(e.signal_to_first_fill_ms);
}

TEST(OrderExecution, APartialFill) {
  // 4 of 10 shares at 0.49 against a signal of 0.495 and a limit of 0.50, 1.5 s after.
  const auto e =
      order_execution(order("o", OrderState::partially_filled, 10'000'000, 500'000, 495'000),
                      {fill(4'000'000, 490'000, 1'500, 10'000)});
  EXPECT_EQ(e.fills, 1);
  EXPECT_EQ(e.filled_shares, shares(4'000'000));
  EXPECT_EQ(e.fill_rate.to_string(), "0.4");
  EXPECT_EQ(e.average_fill_price, price(490'000));
  EXPECT_EQ(e.slippage_vs_signal->to_string(), "-0.005");  // paid less than the signal
  EXPECT_EQ(e.slippage_vs_limit->to_string(), "-0.01");
  EXPECT_EQ(e.signal_to_first_fill_ms, 1'500);
  EXPECT_EQ(e.filled_cost.to_string(), "1.96");
  EXPECT_EQ(e.fees.to_string(), "0.01");
}

TEST(OrderExecution, SeveralFillsAreSizeWeightedAndTheEarliestCounts) {
  // 3 @0.48 (2 s), 5 @0.50 (0.9 s), 2 @0.51 (3 s): 1.44 + 2.50 + 1.02 = 4.96 for 10 shares.
  const auto e = order_execution(order("o", OrderState::filled, 10'000'000, 510'000, 490'000),
                                 {fill(3'000'000, 480'000, 2'000), fill(5'000'000, 500'000, 900),
                                  fill(2'000'000, 510'000, 3'000)});
  EXPECT_EQ(e.fills, 3);
  EXPECT_EQ(e.fill_rate.to_string(), "1");
  EXPECT_EQ(e.average_fill_price->to_string(), "0.496");
  EXPECT_EQ(e.slippage_vs_signal->to_string(), "0.006");  // paid more than the signal
  EXPECT_EQ(e.slippage_vs_limit->to_string(), "-0.014");
  EXPECT_EQ(e.signal_to_first_fill_ms, 900);  // not the first in the list
  EXPECT_EQ(e.filled_cost.to_string(), "4.96");
}

TEST(OrderExecution, RoundingIsNearestForThePriceAndUpForTheCost) {
  // (1 x 0.333333 + 2 x 0.5) / 3 = 0.444444333… -> 0.444444.
  const auto down = order_execution(order("o", OrderState::filled, 3'000'000, 500'000, {}),
                                    {fill(1'000'000, 333'333, 1), fill(2'000'000, 500'000, 2)});
  EXPECT_EQ(down.average_fill_price->to_string(), "0.444444");
  EXPECT_FALSE(down.slippage_vs_signal);  // no signal price stored
  EXPECT_EQ(down.slippage_vs_limit->to_string(), "-0.055556");
  // (0.000001 + 0.000002) / 2 = 0.0000015: half away from zero -> 0.000002.
  const auto half = order_execution(order("o", OrderState::filled, 2'000'000, 500'000, {}),
                                    {fill(1'000'000, 1, 1), fill(1'000'000, 2, 2)});
  EXPECT_EQ(half.average_fill_price->micros(), 2);
  // 0.3 shares x 0.333333 = 0.0999999 USD: rounded up to 0.1; the fill rate rounds down:
  // 0.3 / 0.7 = 0.428571428… -> 0.428571.
  const auto cost = order_execution(order("o", OrderState::partially_filled, 700'000, 400'000, {}),
                                    {fill(300'000, 333'333, 5)});
  EXPECT_EQ(cost.filled_cost.to_string(), "0.1");
  EXPECT_EQ(cost.fill_rate.to_string(), "0.428571");
}

TEST(ExecutionSummary, AggregatesOverOrders) {
  const std::vector<OrderWithFills> orders{
      {order("a", OrderState::cancelled, 10'000'000, 500'000, 495'000), {}},
      {order("b", OrderState::partially_filled, 10'000'000, 500'000, 495'000),
       {fill(4'000'000, 490'000, 1'500, 10'000)}},
      {order("c", OrderState::filled, 10'000'000, 510'000, 490'000),
       {fill(3'000'000, 480'000, 2'000), fill(5'000'000, 500'000, 900),
        fill(2'000'000, 510'000, 3'000)}},
      {order("d", OrderState::filled, 2'000'000, 600'000, {}),
       {fill(2'000'000, 600'000, 5'000, 20'000)}},
  };
  const auto s = summarize_execution(orders);
  EXPECT_EQ(s.orders, 4);
  EXPECT_EQ(s.by_state, (std::map<std::string, std::int64_t>{
                            {"cancelled", 1}, {"filled", 2}, {"partially_filled", 1}}));
  EXPECT_EQ(s.orders_with_fills, 3);
  EXPECT_EQ(s.ordered_shares.to_string(), "32");
  EXPECT_EQ(s.filled_shares.to_string(), "16");
  EXPECT_EQ(s.fill_rate->to_string(), "0.5");
  EXPECT_EQ(s.filled_cost.to_string(), "8.12");  // 1.96 + 4.96 + 1.20
  EXPECT_EQ(s.fees.to_string(), "0.03");
  // vs signal (b and c only: d has none): (1.96 - 1.98) + (4.96 - 4.90) = 0.04 over 14 shares
  // = 0.0028571… -> 0.002857.
  EXPECT_EQ(s.average_slippage_vs_signal->to_string(), "0.002857");
  // vs limit: (1.96 - 2.00) + (4.96 - 5.10) + (1.20 - 1.20) = -0.18 over 16 = -0.01125.
  EXPECT_EQ(s.average_slippage_vs_limit->to_string(), "-0.01125");
  // Latencies 1500, 900, 5000 -> sorted 900, 1500, 5000: p50 rank 2, p90 rank 3.
  EXPECT_EQ(s.latency_p50_ms, 1'500);
  EXPECT_EQ(s.latency_p90_ms, 5'000);
}

TEST(ExecutionSummary, NothingOrderedHasNoRatesOrLatencies) {
  const auto empty = summarize_execution({});
  EXPECT_EQ(empty.orders, 0);
  EXPECT_TRUE(empty.by_state.empty());
  EXPECT_FALSE(empty.fill_rate);
  EXPECT_FALSE(empty.average_slippage_vs_signal);
  EXPECT_FALSE(empty.average_slippage_vs_limit);
  EXPECT_FALSE(empty.latency_p50_ms);
  EXPECT_FALSE(empty.latency_p90_ms);

  const auto unfilled =
      summarize_execution({{order("a", OrderState::submitted, 5'000'000, 500'000, 500'000), {}}});
  EXPECT_EQ(unfilled.fill_rate->to_string(), "0");
  EXPECT_EQ(unfilled.orders_with_fills, 0);
  EXPECT_FALSE(unfilled.latency_p50_ms);
}

TEST(NearestRankPercentile, PicksTheRankedValue) {
  EXPECT_FALSE(nearest_rank_percentile({}, 50));
  EXPECT_EQ(nearest_rank_percentile({7}, 50), 7);
  EXPECT_EQ(nearest_rank_percentile({7}, 90), 7);
  const std::vector<std::int64_t> ten{10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
  EXPECT_EQ(nearest_rank_percentile(ten, 50), 5);
  EXPECT_EQ(nearest_rank_percentile(ten, 90), 9);
  EXPECT_EQ(nearest_rank_percentile(ten, 100), 10);
  EXPECT_EQ(nearest_rank_percentile({4, 1}, 50), 1);  // rank ceil(1) = 1
}

}  // namespace
}  // namespace polycopy::service
