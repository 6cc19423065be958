#pragma once
// The engine's health checks, recorded over time (store health_checks): each run checks
//   database    the store answers and is at the binary's schema (the run's own write
//               proves it writable);
//   venue_rest  the CLOB answers GET /time, with its latency;
//   clock_skew  the venue's clock against ours (whole seconds on the venue's side):
//               degraded beyond max_skew, failing beyond fail_skew (orders carry times);
//   rpc         (when a chain is configured) the node answers with the newest block, with
//               its latency; degraded when that block is older than max_block_age.
// and whatever the probes added (add_probe) report: the websockets, the Data API's
// freshness, the wallets' funds, the jobs' last success.
// A check that cannot run is recorded as failing with the reason; nothing here throws. The
// API's /readyz and /api/health read what was recorded (service/health_service).
#include <chrono>
#include <functional>
#include <optional>
#include <vector>

#include "chain/eth_client.hpp"
#include "core/clock.hpp"
#include "polymarket/clients/clob_public_client.hpp"
#include "store/store.hpp"

namespace polycopy::engine {

// More checks, from parts of the process the monitor does not own: each returns its checks
// (component, status, detail, latency; id and time are the monitor's). Must not throw; runs
// on the monitor's thread.
using HealthProbe = std::function<std::vector<store::HealthCheckRecord>()>;

struct HealthMonitorOptions {
  std::chrono::milliseconds max_skew{2'000};
  std::chrono::milliseconds fail_skew{30'000};
  std::chrono::seconds max_block_age{120};
  std::chrono::hours keep{24 * 7};  // rows older than this are pruned
};

class HealthMonitor {
 public:
  // `venue` and `chain` may be null (not checked). All given must outlive the monitor.
  HealthMonitor(store::Store& store, const core::Clock& clock,
                const polymarket::ClobPublicClient* venue, chain::EthClient* chain,
                HealthMonitorOptions options = {});

  // Before the first run_once (not thread-safe against it).
  void add_probe(HealthProbe probe);

  // Runs every check and records the results; returns them (also when recording failed:
  // then the database check says so).
  std::vector<store::HealthCheckRecord> run_once();

 private:
  store::HealthCheckRecord database();
  std::vector<store::HealthCheckRecord> venue();
  store::HealthCheckRecord rpc();
  store::HealthCheckRecord make(std::string component, store::HealthStatus status,
                                std::string detail, std::optional<std::int64_t> latency_ms);

  store::Store& store_;
  const core::Clock& clock_;
  const polymarket::ClobPublicClient* venue_;
  chain::EthClient* chain_;
  HealthMonitorOptions options_;
  std::vector<HealthProbe> probes_;
};

}  // namespace polycopy::engine
