// The built-in scheduler: jobs run on their interval (jittered within bounds), at once when
// triggered, and never twice at the same time (on demand while running: "job_running").
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

#include "engine/job_scheduler.hpp"

namespace polycopy::engine {
namespace {

using namespace std::chrono_literals;

JobSpec job(std::string name, std::chrono::milliseconds every,
            std::function<nlohmann::json(const std::optional<std::string>&)> run) {
  JobSpec spec;
  spec.name = std::move(name);
  spec.interval = every;
  spec.run = std::move(run);
  return spec;
}

bool eventually(const std::function<bool()>& condition) {
  for (int i = 0; i < 500; ++i) {
    if (condition()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return condition();
}

TEST(JobScheduler, RunsEachJobOnItsInterval) {
  JobScheduler scheduler(7);
  std::atomic<int> fast{0}, slow{0};
  scheduler.add(job("fast", 20ms, [&](const auto&) { return nlohmann::json{{"n", ++fast}}; }));
  scheduler.add(job("slow", 1h, [&](const auto&) { return nlohmann::json{{"n", ++slow}}; }));
  scheduler.start();
  EXPECT_TRUE(eventually([&] { return fast >= 5; }));
  scheduler.stop();
  EXPECT_EQ(slow, 0);
  EXPECT_GE(scheduler.runs("fast"), 5);
}

TEST(JobScheduler, ATriggerRunsTheJobAtOnce) {
  JobScheduler scheduler(7);
  std::atomic<int> runs{0};
  scheduler.add(job("execute", 1h, [&](const auto&) { return nlohmann::json{{"n", ++runs}}; }));
  scheduler.start();
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(runs, 0);
  scheduler.trigger("execute");
  EXPECT_TRUE(eventually([&] { return runs == 1; }));
  scheduler.stop();
}

TEST(JobScheduler, OnDemandRunsReturnTheReportAndPassTheUser) {
  JobScheduler scheduler(7);
  scheduler.add(job("resolve", 1h, [](const std::optional<std::string>& user) {
    return nlohmann::json{{"user", user.value_or("all")}};
  }));
  auto report = scheduler.run_now("resolve", std::string("usr_1"));
  ASSERT_TRUE(report.ok());
  EXPECT_EQ((*report)["user"], "usr_1");
  EXPECT_EQ(scheduler.run_now("resolve").value()["user"], "all");
  EXPECT_EQ(scheduler.runs("resolve"), 2);
  EXPECT_EQ(scheduler.run_now("nope").error().code, "unknown_job");
}

TEST(JobScheduler, AJobNeverRunsTwiceAtOnce) {
  JobScheduler scheduler(7);
  std::promise<void> entered;
  std::promise<void> release;
  auto released = release.get_future().share();
  std::atomic<int> concurrent{0}, max_concurrent{0};
  scheduler.add(job("execute", 1h, [&](const auto&) {
    const int now = ++concurrent;
    max_concurrent = std::max(max_concurrent.load(), now);
    static std::atomic<bool> first{true};
    if (first.exchange(false)) {
      entered.set_value();
      released.wait();
    }
    --concurrent;
    return nlohmann::json::object();
  }));
  auto running = std::async(std::launch::async, [&] { return scheduler.run_now("execute"); });
  entered.get_future().wait();
  const auto refused = scheduler.run_now("execute");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "job_running");
  // The schedule skips it as well.
  scheduler.start();
  scheduler.trigger("execute");
  std::this_thread::sleep_for(50ms);
  release.set_value();
  EXPECT_TRUE(running.get().ok());
  scheduler.stop();
  EXPECT_EQ(max_concurrent, 1);
}

TEST(JobScheduler, JitterKeepsEachRunWithinItsBounds) {
  // 10 % jitter on 100 ms: runs come 90..110 ms apart, never in lockstep at exactly 100.
  JobScheduler scheduler(3);
  std::vector<std::chrono::steady_clock::time_point> at;
  std::mutex mutex;
  JobSpec spec = job("tick", 100ms, [&](const auto&) {
    std::lock_guard lock(mutex);
    at.push_back(std::chrono::steady_clock::now());
    return nlohmann::json::object();
  });
  spec.jitter_percent = 10;
  scheduler.add(std::move(spec));
  scheduler.start();
  EXPECT_TRUE(eventually([&] {
    std::lock_guard lock(mutex);
    return at.size() >= 6;
  }));
  scheduler.stop();
  std::lock_guard lock(mutex);
  for (std::size_t i = 1; i < at.size(); ++i) {
    const auto gap = std::chrono::duration_cast<std::chrono::milliseconds>(at[i] - at[i - 1]);
    EXPECT_GE(gap.count(), 89) << i;  // a late wake-up may only lengthen a gap
  }
}

}  // namespace
}  // namespace polycopy::engine
