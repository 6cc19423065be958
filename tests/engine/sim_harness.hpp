#pragma once
// Engine tests against the simulator: a venue with frozen simulated time (moved only by the
// test), raw HTTP helpers that read the venue without the engine's parsers, and a temporary
// directory for the database.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "net/http_client.hpp"
#include "sim/http/sim_server.hpp"
#include "sim/scenario/scenario.hpp"

namespace polycopy::engine::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// A generated scenario whose clock does not run: only advance() moves simulated time.
sim::Scenario frozen_scenario(std::uint64_t seed, int traders, int markets,
                              std::chrono::hours horizon = std::chrono::hours(24 * 7));

struct RunningSim {
  explicit RunningSim(sim::Scenario scenario);
  ~RunningSim();

  core::Timestamp now() const;
  // POST /sim/clock/advance; the venue applies what became due.
  void advance(std::chrono::seconds by);
  // GET url -> JSON (throws on a transport error or a non-2xx answer).
  nlohmann::json get(const std::string& url);
  nlohmann::json post(const std::string& url, const nlohmann::json& body);
  // Every Data API trade of a trader, raw, paging 100 at a time.
  std::vector<nlohmann::json> all_trades(const std::string& trader);

  sim::Scenario scenario;
  core::SystemClock wall;
  std::unique_ptr<sim::SimServer> server;
  sim::BaseUrls urls;
  std::unique_ptr<net::HttpClient> http;
};

// Lower-case 0x hex of a scenario address.
std::string hex(const chain::Address& address);

}  // namespace polycopy::engine::testing
