#pragma once
// Health checks recorded over time (table health_checks): one row per component per run of
// the engine's health monitor.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/records.hpp"

namespace polycopy::store {

enum class HealthStatus { ok, degraded, failing };
std::string_view to_string(HealthStatus status);
std::optional<HealthStatus> health_status_from_string(std::string_view text);

// Components trading cannot do without: readiness needs them, their outages alert critical.
inline bool is_critical_component(std::string_view component) {
  return component == "database" || component == "venue_rest" || component == "rpc";
}

struct HealthCheckRecord {
  std::string id;         // "hck_…"
  std::string component;  // database | venue_rest | clock_skew | rpc | …
  HealthStatus status = HealthStatus::ok;
  std::optional<std::string> detail;  // what was measured, or why it failed
  std::optional<std::int64_t> latency_ms;
  Timestamp checked_at;
};

}  // namespace polycopy::store
