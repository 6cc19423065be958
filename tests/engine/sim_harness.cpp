#include "engine/sim_harness.hpp"

#include <stdexcept>

#include "chain/hex.hpp"
#include "sim/scenario/scenario_generator.hpp"
#include "sim/venue/venue.hpp"

namespace polycopy::engine::testing {

using nlohmann::json;

TempDir::TempDir() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "polycopy_engine_XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

sim::Scenario frozen_scenario(std::uint64_t seed, int traders, int markets,
                              std::chrono::hours horizon) {
  sim::GeneratorOptions options;
  options.seed = seed;
  options.traders = traders;
  options.markets = markets;
  options.horizon = horizon;
  options.speed = 0;
  auto scenario = sim::generate_scenario(options);
  scenario.speed = 0;
  return scenario;
}

RunningSim::RunningSim(sim::Scenario s) : scenario(std::move(s)) {
  sim::SimOptions options;
  options.rate_limits = false;
  options.threads = 2;
  server = std::make_unique<sim::SimServer>(scenario, options, wall);
  urls = server->start().value();
  net::HttpClientOptions http_options;
  http_options.retry.max_attempts = 1;
  http = std::make_unique<net::HttpClient>(http_options);
}

RunningSim::~RunningSim() {
  server->stop();
}

core::Timestamp RunningSim::now() const {
  return server->venue().now();
}

namespace {

json body_of(net::HttpResult result, const std::string& url) {
  if (!result) throw std::runtime_error(url + ": " + result.error().message);
  return json::parse(result->body);
}

}  // namespace

void RunningSim::advance(std::chrono::seconds by) {
  post(urls.sim + "/clock/advance", json{{"seconds", by.count()}});
}

json RunningSim::get(const std::string& url) {
  return body_of(http->get(url), url);
}

json RunningSim::post(const std::string& url, const json& body) {
  return body_of(http->post(url, body.dump(), {{"Content-Type", "application/json"}}), url);
}

std::vector<json> RunningSim::all_trades(const std::string& trader) {
  std::vector<json> out;
  for (int offset = 0;; offset += 100) {
    const auto page =
        get(urls.data + "/trades?user=" + trader + "&limit=100&offset=" + std::to_string(offset));
    for (const auto& row : page) out.push_back(row);
    if (page.size() < 100) break;
  }
  return out;
}

std::string hex(const chain::Address& address) {
  return chain::to_hex(address);
}

}  // namespace polycopy::engine::testing
