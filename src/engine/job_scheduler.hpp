#pragma once
// Runs named jobs on their own schedule (interval ± jitter, so several engines or jobs do not
// fire in lockstep) on one background thread, and on demand (an HTTP call, a new source
// trade). Single-flight: a job never runs twice at once; asking for a running job answers
// "job_running" rather than queueing a second run behind it.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace polycopy::engine {

struct JobSpec {
  std::string name;
  std::chrono::milliseconds interval{120'000};
  // The next run comes after interval × (1 ± jitter_percent / 100), drawn uniformly.
  int jitter_percent = 10;
  // Its report, for one user's part when a user id is given (on demand only; scheduled runs
  // cover everything). Problems are reported in the JSON, not thrown.
  std::function<nlohmann::json(const std::optional<std::string>& user_id)> run;
};

// How a job has been doing (for the health check of the jobs). A run succeeds when its
// report has no "error" and no non-empty "problems".
struct JobStatus {
  std::string name;
  std::chrono::milliseconds interval{0};
  std::int64_t runs = 0;
  std::chrono::steady_clock::time_point added_at;
  std::optional<std::chrono::steady_clock::time_point> last_run_at, last_success_at;
  std::optional<std::string> last_problem;  // of the newest run that did not succeed
};

// Whether a job's report says it went through.
bool job_succeeded(const nlohmann::json& report);

class JobScheduler {
 public:
  explicit JobScheduler(std::uint64_t seed = std::random_device{}());
  ~JobScheduler();
  JobScheduler(const JobScheduler&) = delete;
  JobScheduler& operator=(const JobScheduler&) = delete;

  // Before start(); the first run is one jittered interval away unless triggered.
  void add(JobSpec spec);
  // Runs the job on the caller's thread now: "unknown_job", or "job_running" when it runs.
  core::Result<nlohmann::json> run_now(std::string_view name,
                                       const std::optional<std::string>& user_id = std::nullopt);
  // Makes the job due at once: the background thread runs it next (skipped if running).
  void trigger(std::string_view name);
  void start();
  void stop();  // waits for the job in progress to end

  // Completed runs of a job (scheduled or on demand).
  std::int64_t runs(std::string_view name) const;
  // Every job's status, by name.
  std::vector<JobStatus> statuses() const;

 private:
  using SteadyTime = std::chrono::steady_clock::time_point;
  struct Job {
    JobSpec spec;
    std::mutex running;  // held while the job runs: single-flight
    SteadyTime next_due;
    std::int64_t runs = 0;
    SteadyTime added_at;
    std::optional<SteadyTime> last_run_at, last_success_at;
    std::optional<std::string> last_problem;
  };
  void finished(Job& job, const nlohmann::json& report);  // under mutex_
  std::chrono::milliseconds jittered(const JobSpec& spec);
  void loop();
  Job* find(std::string_view name) const;

  mutable std::mutex mutex_;  // jobs' schedule, counters, stop flag
  std::condition_variable changed_;
  std::map<std::string, std::unique_ptr<Job>, std::less<>> jobs_;
  std::mt19937_64 random_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace polycopy::engine
