#include "engine/health_monitor.hpp"

#include <cstdlib>

#include "core/ids.hpp"

namespace polycopy::engine {
namespace {

using store::HealthStatus;
using Steady = std::chrono::steady_clock;

std::int64_t elapsed_ms(Steady::time_point since) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Steady::now() - since).count();
}

}  // namespace

HealthMonitor::HealthMonitor(store::Store& store, const core::Clock& clock,
                             const polymarket::ClobPublicClient* venue, chain::EthClient* chain,
                             HealthMonitorOptions options)
    : store_(store), clock_(clock), venue_(venue), chain_(chain), options_(options) {}

store::HealthCheckRecord HealthMonitor::make(std::string component, HealthStatus status,
                                             std::string detail,
                                             std::optional<std::int64_t> latency_ms) {
  store::HealthCheckRecord check;
  check.id = core::new_id("hck", clock_);
  check.component = std::move(component);
  check.status = status;
  check.detail = std::move(detail);
  check.latency_ms = latency_ms;
  check.checked_at = clock_.now();
  return check;
}

void HealthMonitor::add_probe(HealthProbe probe) {
  probes_.push_back(std::move(probe));
}

std::vector<store::HealthCheckRecord> HealthMonitor::run_once() {
  std::vector<store::HealthCheckRecord> checks{database()};
  for (auto& check : venue()) checks.push_back(std::move(check));
  if (chain_) checks.push_back(rpc());
  for (const auto& probe : probes_) {
    for (auto& check : probe()) {
      checks.push_back(make(std::move(check.component), check.status, check.detail.value_or(""),
                            check.latency_ms));
    }
  }
  const auto keep_after = clock_.now() - options_.keep;
  if (auto recorded = store_.record_health_checks(checks, keep_after); !recorded) {
    checks.front().status = HealthStatus::failing;
    checks.front().detail = "recording the checks failed: " + recorded.error().to_string();
  }
  return checks;
}

store::HealthCheckRecord HealthMonitor::database() {
  const auto started = Steady::now();
  auto version = store_.schema_version();
  const auto latency = elapsed_ms(started);
  if (!version)
    return make("database", HealthStatus::failing, version.error().to_string(), latency);
  if (*version != store_.latest_schema_version())
    return make("database", HealthStatus::failing,
                "schema version " + std::to_string(*version) + ", this binary needs " +
                    std::to_string(store_.latest_schema_version()) + " (polycopy migrate)",
                latency);
  return make("database", HealthStatus::ok, "schema version " + std::to_string(*version), latency);
}

std::vector<store::HealthCheckRecord> HealthMonitor::venue() {
  if (!venue_) return {};
  const auto started = Steady::now();
  auto server = venue_->server_time();
  const auto latency = elapsed_ms(started);
  if (!server)
    return {make("venue_rest", HealthStatus::failing, server.error().to_string(), latency)};
  std::vector<store::HealthCheckRecord> out{
      make("venue_rest", HealthStatus::ok, "GET /time answered", latency)};
  // The venue's whole second was read somewhere during the request: compare with its middle.
  const auto local_ms = core::to_unix_ms(clock_.now()) - latency / 2;
  const std::int64_t skew_ms = *server * 1000 - local_ms;
  const auto size = std::llabs(skew_ms);
  // The venue only gives whole seconds: up to a second of the difference is its rounding.
  const auto beyond = size > 1000 ? size - 1000 : 0;
  const HealthStatus status = beyond > options_.fail_skew.count()  ? HealthStatus::failing
                              : beyond > options_.max_skew.count() ? HealthStatus::degraded
                                                                   : HealthStatus::ok;
  out.push_back(make("clock_skew", status,
                     "venue clock " + std::string(skew_ms >= 0 ? "ahead" : "behind") + " by " +
                         std::to_string(size) + " ms (venue time in whole seconds)",
                     std::nullopt));
  return out;
}

store::HealthCheckRecord HealthMonitor::rpc() {
  const auto started = Steady::now();
  auto head = chain_->latest_block();
  const auto latency = elapsed_ms(started);
  if (!head) return make("rpc", HealthStatus::failing, head.error().to_string(), latency);
  const auto now_s = core::to_unix_ms(clock_.now()) / 1000;
  const auto age_s = now_s - static_cast<std::int64_t>(head->timestamp);
  const HealthStatus status =
      age_s > options_.max_block_age.count() ? HealthStatus::degraded : HealthStatus::ok;
  return make("rpc", status,
              "block " + std::to_string(head->number) + ", " + std::to_string(age_s) + " s old",
              latency);
}

}  // namespace polycopy::engine
