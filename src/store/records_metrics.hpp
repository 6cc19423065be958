#pragma once
// What GET /metrics reads from the store at scrape time: aggregate counts only (COUNT, SUM,
// GROUP BY), so a server reading a database another process writes shows that process's
// numbers. Amounts stay integer micro-units here; the exposition turns them into USD.
#include <cstdint>
#include <string>
#include <vector>

#include "store/records.hpp"

namespace polycopy::store {

// Evaluation outcomes (table strategy_signals) of one strategy, outcome and reason.
struct SignalCount {
  std::string mode;         // "ft" or "lt"
  std::string strategy_id;  // the FT or LT strategy
  bool accepted = false;
  std::string reason;  // the rejection code, or "accepted"
  std::int64_t count = 0;
};

struct OrderStateCount {
  std::string lt_strategy_id;
  std::string state;  // intent | submitted | partially_filled | filled | cancelled | …
  std::int64_t count = 0;
};

// Every recorded fill of a strategy's orders; usd counts each fill's notional rounded up,
// as the LT position and the risk reservation count it.
struct FillTotals {
  std::string lt_strategy_id;
  std::int64_t fills = 0;
  Usd usd;
  Shares shares;
};

struct PaperPositionCount {
  std::string ft_strategy_id;
  std::string status;  // open | resolved
  std::int64_t count = 0;
  Usd cost;
  Usd pnl;  // realised: resolved positions only
};

// A latency distribution of one LT strategy: per bucket (value <= bound, not cumulative) and
// one more bucket for values beyond the last bound. Milliseconds.
struct LatencyBuckets {
  std::string lt_strategy_id;
  std::vector<std::int64_t> counts;  // bounds.size() + 1 entries
  std::int64_t count = 0;
  std::int64_t sum_ms = 0;
};

// Whose each LT strategy is (its risk snapshot is read per owner).
struct LtStrategyOwner {
  std::string id;
  std::string user_id;
};

struct MetricsCounts {
  std::vector<SignalCount> signals;
  std::vector<OrderStateCount> orders;
  std::vector<FillTotals> fills;
  std::vector<PaperPositionCount> paper_positions;
  std::vector<LatencyBuckets> signal_to_order;  // LT signal evaluated -> order created
  std::vector<LatencyBuckets> order_to_fill;    // order created -> each fill
  std::vector<LtStrategyOwner> lt_strategies;
};

}  // namespace polycopy::store
