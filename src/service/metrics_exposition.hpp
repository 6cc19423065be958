#pragma once
// GET /metrics: the store's numbers read now (signals, orders, fills, latencies, risk and
// PnL of every strategy) beside the process's own counters, in the Prometheus text format.
#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "service/metrics_registry.hpp"
#include "store/store.hpp"

namespace polycopy::service {

// Buckets of the signal->order and order->fill histograms, seconds.
inline const std::vector<double> kLatencyBuckets{0.05, 0.1, 0.25, 0.5, 1,   2.5, 5,
                                                 10,   30,  60,   120, 300, 600};

// Content-Type of the text exposition format.
inline constexpr char kMetricsContentType[] = "text/plain; version=0.0.4; charset=utf-8";

// The exposition text. A store that does not answer gives polycopy_store_up 0 and the
// in-process counters only. `registry` may be null (no in-process counters).
std::string render_metrics(store::Store& store, const core::Clock& clock,
                           const MetricsRegistry* registry);

}  // namespace polycopy::service
