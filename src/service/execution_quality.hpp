#pragma once
// Execution quality of live orders (domain.md "Orders and fills"): how much of an order
// filled, at what average price, how far that was from the signal's price and from the
// limit, and how long the venue took from signal to first fill; then the same over all of a
// strategy's orders. Pure functions of stored records, integer micro-units only.
//
// Rounding, stated once:
// * fill rate = filled shares / ordered shares, rounded down (6 decimals);
// * average fill price = sum(price x size) / sum(size) over the fills, computed exactly and
//   rounded to the nearest micro (half away from zero);
// * an order's slippage = its (rounded) average fill price - the signal (or limit) price, in
//   price points, signed: positive means paying more than the reference (worse for a BUY);
// * the aggregate slippage is size-weighted and exact until one final rounding to nearest:
//   sum over orders of (sum(price x size) - reference x filled) / sum of their filled shares;
// * filled cost = sum over fills of price x size, each rounded up to the micro-dollar (as the
//   risk manager counts spend);
// * latencies are whole milliseconds; percentiles are nearest-rank (p50 of 1, 2, 3 is 2).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/money.hpp"
#include "store/records_orders.hpp"

namespace polycopy::service {

struct OrderExecution {
  std::int64_t fills = 0;
  core::Shares filled_shares;  // sum of the fills' sizes
  core::Ratio fill_rate;       // filled / order size; 0 for an order of size 0
  core::Usd filled_cost;
  core::Usd fees;
  // Unset without fills.
  std::optional<core::Price> average_fill_price;
  // Unset without fills (or, vs signal, without a signal price).
  std::optional<core::Ratio> slippage_vs_signal;
  std::optional<core::Ratio> slippage_vs_limit;
  // First fill's filled_at - the order's created_at (when the signal became an intent).
  // Venue timestamps may run ahead of ours: a negative value is reported as it is.
  std::optional<std::int64_t> signal_to_first_fill_ms;
};

OrderExecution order_execution(const store::OrderRecord& order,
                               const std::vector<store::VenueFill>& fills);

struct OrderWithFills {
  store::OrderRecord order;
  std::vector<store::VenueFill> fills;
};

struct ExecutionSummary {
  std::int64_t orders = 0;
  std::map<std::string, std::int64_t> by_state;  // only states that occur
  std::int64_t orders_with_fills = 0;
  core::Shares ordered_shares;  // sum of order sizes, every state
  core::Shares filled_shares;
  core::Usd filled_cost;
  core::Usd fees;
  std::optional<core::Ratio> fill_rate;  // filled / ordered; unset when nothing was ordered
  std::optional<core::Ratio> average_slippage_vs_signal;       // over filled orders with a signal
  std::optional<core::Ratio> average_slippage_vs_limit;        // over filled orders
  std::optional<std::int64_t> latency_p50_ms, latency_p90_ms;  // over filled orders
};

ExecutionSummary summarize_execution(const std::vector<OrderWithFills>& orders);

// Nearest-rank percentile (1..100) of unsorted values; unset when empty.
std::optional<std::int64_t> nearest_rank_percentile(std::vector<std::int64_t> values, int percent);

}  // namespace polycopy::service
