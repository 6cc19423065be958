#pragma once
// `polycopy sim`: the whole simulated venue on one port. The CLOB at the root (so a client
// whose host is http://HOST:PORT works unchanged), Gamma under /gamma, the Data API under
// /data, websockets at /ws/market and /ws/user, controls under /sim.
#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "sim/scenario/scenario.hpp"

namespace polycopy::sim {

struct SimOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;  // 0 = an ephemeral port
  int threads = 4;
  bool rate_limits = true;
  std::chrono::milliseconds tick{100};  // how often due timeline events are applied
  std::uint64_t chain_id = 137;
};

struct BaseUrls {
  std::string clob, gamma, data, ws_market, ws_user, sim;
  nlohmann::json to_json() const;
};

class Venue;

class SimServer {
 public:
  // wall must outlive the server: simulated time runs from it at the scenario's speed.
  SimServer(Scenario scenario, SimOptions options, const core::Clock& wall);
  ~SimServer();  // stops
  SimServer(const SimServer&) = delete;
  SimServer& operator=(const SimServer&) = delete;

  // Binds and serves; error "listen_failed".
  core::Result<BaseUrls> start();
  void stop() noexcept;  // thread-safe, idempotent
  void wait();           // until stop()
  Venue& venue();
  std::size_t websocket_connections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace polycopy::sim
