// The engine process's own health checks: a websocket's state and silence, the jobs' last
// success, and the Data API's freshness per followed trader.
#include "engine/process_health.hpp"

#include <gtest/gtest.h>

#include "engine/feed_freshness.hpp"

namespace polycopy::engine {
namespace {

using std::chrono::seconds;
using store::HealthStatus;

const core::Timestamp kNow = core::from_unix_ms(1'795'000'000'000);

TEST(ProcessHealth, AWebsocketIsFailingWhenDownAndDegradedWhenSilent) {
  net::WsStats stats;
  stats.connect_failures = 2;
  auto check = websocket_check("ws_market", stats, kNow);
  EXPECT_EQ(check.component, "ws_market");
  EXPECT_EQ(check.status, HealthStatus::failing);
  EXPECT_NE(check.detail->find("not connected"), std::string::npos) << *check.detail;
  EXPECT_NE(check.detail->find("2 failed connect"), std::string::npos) << *check.detail;

  stats.connected = true;
  stats.reconnects = 1;
  stats.last_message_at = kNow - seconds(60);
  EXPECT_EQ(websocket_check("ws_market", stats, kNow).status, HealthStatus::ok);
  stats.last_message_at = kNow - seconds(61);
  check = websocket_check("ws_market", stats, kNow);
  EXPECT_EQ(check.status, HealthStatus::degraded);
  EXPECT_NE(check.detail->find("last frame 61 s ago"), std::string::npos) << *check.detail;
  EXPECT_EQ(websocket_check("ws_market", stats, kNow, seconds(120)).status, HealthStatus::ok);
}

TEST(ProcessHealth, AJobIsLateAfterThreeIntervalsWithoutSuccess) {
  const auto now = std::chrono::steady_clock::now();
  JobStatus track{"lt-track",
                  std::chrono::minutes(1),
                  10,
                  now - std::chrono::hours(1),
                  now,
                  now - std::chrono::seconds(170),
                  std::string(R"(["venue: http_error"])")};
  EXPECT_EQ(jobs_check({track}, now).status, HealthStatus::ok);  // 170 s <= 180 s
  track.last_success_at = now - std::chrono::seconds(181);
  auto check = jobs_check({track}, now);
  EXPECT_EQ(check.component, "jobs");
  EXPECT_EQ(check.status, HealthStatus::failing);
  EXPECT_NE(check.detail->find("lt-track: last success 181 s ago"), std::string::npos)
      << *check.detail;
  EXPECT_NE(check.detail->find("http_error"), std::string::npos);

  // Never succeeded: late three intervals after it was added, not before.
  JobStatus fresh{
      "lt-execute", std::chrono::minutes(2), 0, now - std::chrono::minutes(5), {}, {}, {}};
  EXPECT_EQ(jobs_check({fresh}, now).status, HealthStatus::ok);
  fresh.added_at = now - std::chrono::minutes(7);
  EXPECT_NE(jobs_check({fresh}, now).detail->find("lt-execute: no success in 420 s"),
            std::string::npos);
}

TEST(ProcessHealth, TheJobSchedulerRecordsSuccessesAndProblems) {
  JobScheduler scheduler(1);
  bool fail = true;
  JobSpec spec;
  spec.name = "lt-resolve";
  spec.interval = std::chrono::minutes(1);
  spec.run = [&](const std::optional<std::string>&) {
    return fail ? nlohmann::json{{"problems", {"gamma: timeout"}}} : nlohmann::json{{"ok", 1}};
  };
  scheduler.add(spec);
  ASSERT_TRUE(scheduler.run_now("lt-resolve"));
  auto status = scheduler.statuses().at(0);
  EXPECT_EQ(status.runs, 1);
  EXPECT_TRUE(status.last_run_at.has_value());
  EXPECT_FALSE(status.last_success_at.has_value());
  EXPECT_NE(status.last_problem.value_or("").find("gamma: timeout"), std::string::npos);
  fail = false;
  ASSERT_TRUE(scheduler.run_now("lt-resolve"));
  status = scheduler.statuses().at(0);
  EXPECT_TRUE(status.last_success_at.has_value());
  EXPECT_EQ(status.runs, 2);
  // A run for one user's part says nothing about the job as a whole.
  fail = true;
  ASSERT_TRUE(scheduler.run_now("lt-resolve", std::string("usr_1")));
  EXPECT_EQ(scheduler.statuses().at(0).last_success_at, status.last_success_at);
  EXPECT_FALSE(job_succeeded({{"error", "x"}}));
  EXPECT_TRUE(job_succeeded({{"problems", nlohmann::json::array()}}));
}

TEST(FeedFreshness, StaleTradersDegradeThenFailTheDataApiCheck) {
  FeedFreshness freshness;
  EXPECT_EQ(freshness.check(kNow, seconds(180)).detail, "no followed traders");
  freshness.following({"0xaaa", "0xbbb"}, kNow - seconds(600));
  freshness.pulled("0xaaa", kNow - seconds(30));
  freshness.pulled("0xbbb", kNow - seconds(200));
  freshness.failed("0xbbb", "http_error");
  auto check = freshness.check(kNow, seconds(180));
  EXPECT_EQ(check.component, "data_api");
  EXPECT_EQ(check.status, HealthStatus::degraded);
  EXPECT_NE(check.detail->find("1 of 2 trader(s) stale: 0xbbb last pulled 200 s ago (http_error)"),
            std::string::npos)
      << *check.detail;
  freshness.pulled("0xbbb", kNow);
  EXPECT_EQ(freshness.check(kNow, seconds(180)).status, HealthStatus::ok);
  // Every trader stale (a new one never pulled counts from when it was followed): failing.
  freshness.following({"0xccc"}, kNow - seconds(181));
  check = freshness.check(kNow, seconds(180));
  EXPECT_EQ(check.status, HealthStatus::failing);
  EXPECT_NE(check.detail->find("0xccc never pulled"), std::string::npos) << *check.detail;
  EXPECT_EQ(check.detail->find("0xaaa"), std::string::npos);  // unfollowed: forgotten
}

}  // namespace
}  // namespace polycopy::engine
