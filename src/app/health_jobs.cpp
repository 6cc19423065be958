#include "app/health_jobs.hpp"

#include <spdlog/spdlog.h>

namespace polycopy::app {
namespace {

std::unique_ptr<chain::JsonRpcClient> nodes_of(net::HttpClient& http, const Config::Chain* chain) {
  if (!chain) return nullptr;
  return std::make_unique<chain::JsonRpcClient>(http, chain->rpc_urls);
}

}  // namespace

nlohmann::json to_json(const std::vector<store::HealthCheckRecord>& checks) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& check : checks)
    out.push_back({{"component", check.component},
                   {"status", std::string(store::to_string(check.status))},
                   {"detail", check.detail ? nlohmann::json(*check.detail) : nullptr},
                   {"latency_ms", check.latency_ms ? nlohmann::json(*check.latency_ms) : nullptr}});
  return out;
}

HealthJobs::HealthJobs(store::Store& store, const core::Clock& clock,
                       const polymarket::ClobPublicClient& venue, net::HttpClient& http,
                       const Config::Chain* chain, std::chrono::milliseconds every)
    : rpc_(nodes_of(http, chain)),
      eth_(rpc_ ? std::make_unique<chain::EthClient>(*rpc_) : nullptr),
      monitor_(store, clock, &venue, eth_.get()) {
  engine::JobSpec spec;
  spec.name = "health";
  spec.interval = every;
  spec.run = [this](const std::optional<std::string>&) {
    const auto checks = monitor_.run_once();
    for (const auto& check : checks)
      if (check.status != store::HealthStatus::ok)
        spdlog::warn("health: {} {}: {}", check.component, store::to_string(check.status),
                     check.detail.value_or(""));
    return to_json(checks);
  };
  scheduler_.add(std::move(spec));
}

HealthJobs::~HealthJobs() {
  stop();
}

nlohmann::json HealthJobs::run_now() {
  auto ran = scheduler_.run_now("health");
  if (!ran) return nlohmann::json{{"error", ran.error().to_string()}};
  return std::move(*ran);
}

void HealthJobs::start() {
  scheduler_.trigger("health");
  scheduler_.start();
}

void HealthJobs::stop() {
  scheduler_.stop();
}

}  // namespace polycopy::app
