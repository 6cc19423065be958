// The health monitor over real sockets: the simulator as the venue (GET /time, its latency,
// the clock skew ok / degraded / failing as our clock moves away from the venue's), ganache as
// the node (newest block, its age), a closed port for each failing, and the store's rows.
#include "engine/health_monitor.hpp"

#include <gtest/gtest.h>

#include "engine/engine_fixture.hpp"
#include "engine/local_evm.hpp"
#include "engine/sim_harness.hpp"

namespace polycopy::engine {
namespace {

using store::HealthStatus;

const store::HealthCheckRecord& find(const std::vector<store::HealthCheckRecord>& checks,
                                     const std::string& component) {
  for (const auto& check : checks)
    if (check.component == component) return check;
  throw std::runtime_error("no check of " + component);
}

net::HttpClientOptions one_attempt() {
  net::HttpClientOptions options;
  options.retry.max_attempts = 1;
  return options;
}

TEST(HealthMonitor, TheVenueAnswersAndTheSkewFollowsOurClock) {
  testing::StoreFixture fx;
  testing::RunningSim sim(testing::frozen_scenario(5, 2, 3));
  net::HttpClient http(one_attempt());
  polymarket::ClobPublicClient clob(http, sim.urls.clob);
  core::ManualClock clock(sim.now());
  HealthMonitor monitor(*fx.store, clock, &clob, nullptr);

  auto checks = monitor.run_once();
  ASSERT_EQ(checks.size(), 3u);
  EXPECT_EQ(find(checks, "database").status, HealthStatus::ok);
  EXPECT_EQ(find(checks, "venue_rest").status, HealthStatus::ok);
  EXPECT_TRUE(find(checks, "venue_rest").latency_ms.has_value());
  EXPECT_EQ(find(checks, "clock_skew").status, HealthStatus::ok)
      << find(checks, "clock_skew").detail.value_or("");

  clock.advance(std::chrono::seconds(5));  // we run 5 s ahead of the venue
  EXPECT_EQ(find(monitor.run_once(), "clock_skew").status, HealthStatus::degraded);
  clock.advance(std::chrono::seconds(60));
  const auto far = find(monitor.run_once(), "clock_skew");
  EXPECT_EQ(far.status, HealthStatus::failing);
  EXPECT_NE(far.detail.value_or("").find("behind"), std::string::npos) << *far.detail;

  // Recorded: three runs of three components.
  EXPECT_EQ(fx.store->list_health_checks("clock_skew", 10).value().size(), 3u);
  EXPECT_EQ(fx.store->latest_health_checks().value().size(), 3u);
}

TEST(HealthMonitor, UnreachableVenueAndNodeAreFailingWithTheReason) {
  testing::StoreFixture fx;
  net::HttpClient http(one_attempt());
  polymarket::ClobPublicClient clob(http, "http://127.0.0.1:9");
  chain::JsonRpcClient rpc(http, {"http://127.0.0.1:9"});
  chain::EthClient eth(rpc);
  core::SystemClock clock;
  HealthMonitor monitor(*fx.store, clock, &clob, &eth);
  const auto checks = monitor.run_once();
  ASSERT_EQ(checks.size(), 3u);  // no skew without the venue's time
  EXPECT_EQ(find(checks, "database").status, HealthStatus::ok);
  EXPECT_EQ(find(checks, "venue_rest").status, HealthStatus::failing);
  EXPECT_EQ(find(checks, "rpc").status, HealthStatus::failing);
  EXPECT_NE(find(checks, "rpc").detail.value_or("").find("rpc_unavailable"), std::string::npos);
  EXPECT_EQ(fx.store->latest_health_checks().value().size(), 3u);
}

TEST(HealthMonitor, TheNodesNewestBlockAndItsAge) {
  testing::StoreFixture fx;
  testing::LocalEvm evm;
  net::HttpClient http(one_attempt());
  chain::JsonRpcClient rpc(http, {evm.rpc_url()});
  chain::EthClient eth(rpc);
  const auto head = eth.latest_block().value();
  EXPECT_GT(head.number, 0u);  // the harness deployed its contracts
  core::ManualClock clock(core::from_unix_ms(static_cast<std::int64_t>(head.timestamp) * 1000));
  HealthMonitor monitor(*fx.store, clock, nullptr, &eth);
  auto rpc_check = find(monitor.run_once(), "rpc");
  EXPECT_EQ(rpc_check.status, HealthStatus::ok) << rpc_check.detail.value_or("");
  EXPECT_NE(rpc_check.detail.value_or("").find("block " + std::to_string(head.number)),
            std::string::npos);
  clock.advance(std::chrono::minutes(10));  // no block for ten minutes
  rpc_check = find(monitor.run_once(), "rpc");
  EXPECT_EQ(rpc_check.status, HealthStatus::degraded);
  EXPECT_NE(rpc_check.detail.value_or("").find("600 s old"), std::string::npos)
      << *rpc_check.detail;
}

}  // namespace
}  // namespace polycopy::engine
