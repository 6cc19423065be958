// /readyz and /api/health over a real socket, from checks recorded in the store: ready on the
// database alone before any check; not ready when a critical component's latest check failed
// or went stale; a failing non-critical one only shows in the details; one component's
// history; a key needed for the details; bad queries refused.
#include <gtest/gtest.h>

#include "service/api_fixture.hpp"

namespace polycopy::testing {
namespace {

using nlohmann::json;

class HealthApi : public ApiFixture {
 protected:
  void record(const std::string& id, const std::string& component, store::HealthStatus status,
              std::chrono::seconds ago, const std::string& detail = "measured") {
    store::HealthCheckRecord check;
    check.id = id;
    check.component = component;
    check.status = status;
    check.detail = detail;
    check.latency_ms = 12;
    check.checked_at = clock_.now() - ago;
    ASSERT_TRUE(store_->record_health_checks({check}, core::from_unix_ms(0)).ok());
  }
};

TEST_F(HealthApi, ReadyOnTheDatabaseAloneBeforeAnyCheck) {
  const auto ready = client_->request("GET", "/readyz");
  EXPECT_EQ(ready.status, 200) << ready.body;
  EXPECT_EQ(ready.json().at("status"), "ready");
  EXPECT_TRUE(ready.json().contains("note"));
}

TEST_F(HealthApi, CriticalFailuresAndStaleChecksMakeItNotReady) {
  using store::HealthStatus;
  record("h1", "database", HealthStatus::ok, std::chrono::seconds(10));
  record("h2", "venue_rest", HealthStatus::ok, std::chrono::seconds(10));
  record("h3", "clock_skew", HealthStatus::failing, std::chrono::seconds(10), "venue ahead 40 s");
  auto ready = client_->request("GET", "/readyz");
  EXPECT_EQ(ready.status, 200) << ready.body;  // the clock is not a critical component
  EXPECT_EQ(ready.json().at("checks").at("clock_skew"), "failing");

  record("h4", "venue_rest", HealthStatus::failing, std::chrono::seconds(5), "connect refused");
  ready = client_->request("GET", "/readyz");
  EXPECT_EQ(ready.status, 503) << ready.body;
  EXPECT_EQ(ready.json().at("status"), "not_ready");
  EXPECT_NE(ready.json().at("problems").dump().find("connect refused"), std::string::npos);

  record("h5", "venue_rest", HealthStatus::ok, std::chrono::seconds(1));
  EXPECT_EQ(client_->request("GET", "/readyz").status, 200);
  // Nobody checks any more: after five minutes the checks are stale.
  clock_.advance(std::chrono::minutes(6));
  ready = client_->request("GET", "/readyz");
  EXPECT_EQ(ready.status, 503) << ready.body;
  EXPECT_EQ(ready.json().at("checks").at("database"), "stale");
}

TEST_F(HealthApi, DetailsNeedAKeyAndShowTheLatestOrOneHistory) {
  using store::HealthStatus;
  record("h1", "rpc", HealthStatus::ok, std::chrono::seconds(30), "block 7");
  record("h2", "rpc", HealthStatus::degraded, std::chrono::seconds(20), "block 7, 200 s old");
  record("h3", "database", HealthStatus::ok, std::chrono::seconds(20));
  EXPECT_EQ(client_->request("GET", "/api/health").status, 401);

  const auto latest = client_->get("/api/health", alice_key_);
  ASSERT_EQ(latest.status, 200) << latest.body;
  const json body = latest.json();
  EXPECT_EQ(body.at("ready"), true);
  ASSERT_EQ(body.at("checks").size(), 2u);
  const json& rpc = body.at("checks")[1];
  EXPECT_EQ(rpc.at("component"), "rpc");
  EXPECT_EQ(rpc.at("status"), "degraded");
  EXPECT_EQ(rpc.at("detail"), "block 7, 200 s old");
  EXPECT_EQ(rpc.at("latency_ms"), 12);
  EXPECT_EQ(rpc.at("critical"), true);
  EXPECT_EQ(rpc.at("stale"), false);

  const auto history = client_->get("/api/health?component=rpc&limit=5", alice_key_);
  ASSERT_EQ(history.status, 200) << history.body;
  ASSERT_EQ(history.json().at("checks").size(), 2u);
  EXPECT_EQ(history.json().at("checks")[0].at("status"), "degraded");
  EXPECT_EQ(history.json().at("checks")[1].at("status"), "ok");

  for (const std::string bad :
       {"/api/health?limit=5", "/api/health?component=rpc&limit=0", "/api/health?verbose=1"}) {
    const auto refused = client_->get(bad, alice_key_);
    EXPECT_EQ(refused.status, 400) << bad;
    EXPECT_EQ(refused.error_code(), "invalid_query") << bad;
  }
}

}  // namespace
}  // namespace polycopy::testing
