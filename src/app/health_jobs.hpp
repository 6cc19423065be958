#pragma once
// The engine process's health monitor (engine/health_monitor) on its own schedule: every
// minute, and once at start. The node is checked only when this process uses it (on-chain
// redemption on).
#include <chrono>
#include <memory>
#include <optional>

#include <nlohmann/json.hpp>

#include "app/config.hpp"
#include "chain/eth_client.hpp"
#include "chain/json_rpc_client.hpp"
#include "engine/health_monitor.hpp"
#include "engine/job_scheduler.hpp"

namespace polycopy::app {

class HealthJobs {
 public:
  // `chain`: the nodes to check, or null. Everything given must outlive the jobs.
  HealthJobs(store::Store& store, const core::Clock& clock,
             const polymarket::ClobPublicClient& venue, net::HttpClient& http,
             const Config::Chain* chain, std::chrono::milliseconds every = std::chrono::minutes(1));
  ~HealthJobs();

  // More checks (engine/health_monitor.hpp); before run_now or start.
  void add_probe(engine::HealthProbe probe) { monitor_.add_probe(std::move(probe)); }
  // One run now: the checks as JSON ([{component, status, detail, latency_ms}]).
  nlohmann::json run_now();
  void start();
  void stop();

 private:
  std::unique_ptr<chain::JsonRpcClient> rpc_;
  std::unique_ptr<chain::EthClient> eth_;
  engine::HealthMonitor monitor_;
  engine::JobScheduler scheduler_;
};

nlohmann::json to_json(const std::vector<store::HealthCheckRecord>& checks);

}  // namespace polycopy::app
