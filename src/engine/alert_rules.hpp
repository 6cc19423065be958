#pragma once
// The alert rules over the store's facts (pure): orders rejected N times in a row, a fill
// rate below a floor, a budget exhausted, a redemption failed, a component failing for N
// minutes, a wallet's funds below its open commitments (at once). Each alert's dedup key names its
// episode, so the store raises it once however often the rules run; a new episode (another streak,
// window, attempt or outage) alerts again. The breaker's trip and an adopted venue order are
// alerted where they happen (the risk manager, the reconciler).
#include <chrono>
#include <cstdint>
#include <vector>

#include "core/clock.hpp"
#include "store/records_alerts.hpp"

namespace polycopy::engine {

struct AlertRuleSettings {
  std::int64_t rejections_in_a_row = 3;
  // Fill rate floor over the newest fill_rate_orders ended orders, once there are at least
  // fill_rate_min_orders of them; as a fraction in micro-units (500000 = 50 %).
  std::int64_t fill_rate_floor_micros = 500'000;
  std::int64_t fill_rate_orders = 20;
  std::int64_t fill_rate_min_orders = 10;
  std::chrono::minutes health_failing_for{5};
  // Budget refusals older than this are not news.
  std::chrono::minutes budget_lookback{60};
};

// Alerts to raise now (ids from `ids`, the store skips those raised already).
std::vector<store::RaisedAlert> evaluate_alert_rules(const store::AlertFacts& facts,
                                                     const AlertRuleSettings& settings,
                                                     core::Timestamp now, const core::Clock& ids);

}  // namespace polycopy::engine
