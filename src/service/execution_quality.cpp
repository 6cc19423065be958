#include "service/execution_quality.hpp"

#include <algorithm>
#include <limits>

#include "core/error.hpp"

namespace polycopy::service {
namespace {

using core::Ratio;
using core::Shares;
using core::Usd;

using Wide = __int128;

// numerator / divisor (> 0) rounded to nearest, half away from zero, checked to fit int64.
std::int64_t divide_nearest(Wide numerator, Wide divisor) {
  const bool negative = numerator < 0;
  const Wide magnitude = negative ? -numerator : numerator;
  Wide quotient = magnitude / divisor;
  if ((magnitude % divisor) * 2 >= divisor) ++quotient;
  if (quotient > std::numeric_limits<std::int64_t>::max())
    throw core::Failure("overflow", "execution quality figure out of range");
  return static_cast<std::int64_t>(negative ? -quotient : quotient);
}

// Exact sums over an order's fills.
struct FillSums {
  Wide notional_micros2 = 0;  // sum(price micros x size micros): micro-dollars x 10^6
  std::int64_t shares = 0;
  Usd cost;
  Usd fees;
  std::optional<core::Timestamp> first_fill_at;
};

FillSums sum_fills(const std::vector<store::VenueFill>& fills) {
  FillSums sums;
  for (const auto& fill : fills) {
    sums.notional_micros2 += static_cast<Wide>(fill.price.micros()) * fill.size.micros();
    sums.shares = core::checked_add(sums.shares, fill.size.micros());
    sums.cost += core::notional(fill.size, fill.price, core::Rounding::up);
    sums.fees += fill.fee;
    if (!sums.first_fill_at || fill.filled_at < *sums.first_fill_at)
      sums.first_fill_at = fill.filled_at;
  }
  return sums;
}

Ratio fraction_down(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return Ratio{};
  return Ratio::from_micros(core::mul_div(part, core::kMicrosPerUnit, whole, core::Rounding::down));
}

}  // namespace

OrderExecution order_execution(const store::OrderRecord& order,
                               const std::vector<store::VenueFill>& fills) {
  const FillSums sums = sum_fills(fills);
  OrderExecution out;
  out.fills = static_cast<std::int64_t>(fills.size());
  out.filled_shares = Shares::from_micros(sums.shares);
  out.fill_rate = fraction_down(sums.shares, order.size.micros());
  out.filled_cost = sums.cost;
  out.fees = sums.fees;
  if (sums.shares <= 0) return out;
  const std::int64_t average = divide_nearest(sums.notional_micros2, sums.shares);
  out.average_fill_price = core::Price::from_micros(average).value();
  if (order.signal_price)
    out.slippage_vs_signal = Ratio::from_micros(average - order.signal_price->micros());
  out.slippage_vs_limit = Ratio::from_micros(average - order.limit_price.micros());
  if (sums.first_fill_at)
    out.signal_to_first_fill_ms =
        core::to_unix_ms(*sums.first_fill_at) - core::to_unix_ms(order.created_at);
  return out;
}

std::optional<std::int64_t> nearest_rank_percentile(std::vector<std::int64_t> values, int percent) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const auto n = static_cast<std::int64_t>(values.size());
  // rank = ceil(percent x n / 100), at least 1.
  const std::int64_t rank = std::max<std::int64_t>(1, (percent * n + 99) / 100);
  return values[static_cast<std::size_t>(std::min(rank, n) - 1)];
}

ExecutionSummary summarize_execution(const std::vector<OrderWithFills>& orders) {
  ExecutionSummary out;
  Wide signal_excess = 0, limit_excess = 0;  // sum(price x size) - reference x filled
  std::int64_t signal_shares = 0, limit_shares = 0;
  std::vector<std::int64_t> latencies;
  for (const auto& [order, fills] : orders) {
    ++out.orders;
    ++out.by_state[std::string(store::to_string(order.state))];
    out.ordered_shares += order.size;
    const FillSums sums = sum_fills(fills);
    out.filled_shares += Shares::from_micros(sums.shares);
    out.filled_cost += sums.cost;
    out.fees += sums.fees;
    if (sums.shares <= 0) continue;
    ++out.orders_with_fills;
    if (order.signal_price) {
      signal_excess +=
          sums.notional_micros2 - static_cast<Wide>(order.signal_price->micros()) * sums.shares;
      signal_shares = core::checked_add(signal_shares, sums.shares);
    }
    limit_excess +=
        sums.notional_micros2 - static_cast<Wide>(order.limit_price.micros()) * sums.shares;
    limit_shares = core::checked_add(limit_shares, sums.shares);
    if (sums.first_fill_at)
      latencies.push_back(core::to_unix_ms(*sums.first_fill_at) -
                          core::to_unix_ms(order.created_at));
  }
  if (out.ordered_shares.micros() > 0)
    out.fill_rate = fraction_down(out.filled_shares.micros(), out.ordered_shares.micros());
  if (signal_shares > 0)
    out.average_slippage_vs_signal =
        Ratio::from_micros(divide_nearest(signal_excess, signal_shares));
  if (limit_shares > 0)
    out.average_slippage_vs_limit = Ratio::from_micros(divide_nearest(limit_excess, limit_shares));
  out.latency_p50_ms = nearest_rank_percentile(latencies, 50);
  out.latency_p90_ms = nearest_rank_percentile(latencies, 90);
  return out;
}

}  // namespace polycopy::service
