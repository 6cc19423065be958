#include "engine/job_scheduler.hpp"

#include <spdlog/spdlog.h>

namespace polycopy::engine {

bool job_succeeded(const nlohmann::json& report) {
  if (!report.is_object()) return true;
  if (report.contains("error")) return false;
  const auto problems = report.find("problems");
  return problems == report.end() || problems->empty();
}

JobScheduler::JobScheduler(std::uint64_t seed) : random_(seed) {}

void JobScheduler::finished(Job& job, const nlohmann::json& report) {
  ++job.runs;
  const auto now = std::chrono::steady_clock::now();
  job.last_run_at = now;
  if (job_succeeded(report)) {
    job.last_success_at = now;
    return;
  }
  const auto problems = report.find("problems");
  job.last_problem = report.contains("error")   ? report["error"].dump()
                     : problems != report.end() ? problems->dump()
                                                : report.dump();
}

std::vector<JobStatus> JobScheduler::statuses() const {
  std::lock_guard lock(mutex_);
  std::vector<JobStatus> out;
  for (const auto& [name, job] : jobs_)
    out.push_back({name, job->spec.interval, job->runs, job->added_at, job->last_run_at,
                   job->last_success_at, job->last_problem});
  return out;
}

JobScheduler::~JobScheduler() {
  stop();
}

std::chrono::milliseconds JobScheduler::jittered(const JobSpec& spec) {
  const std::int64_t base = spec.interval.count();
  const std::int64_t spread = base * spec.jitter_percent / 100;
  if (spread <= 0) return spec.interval;
  std::uniform_int_distribution<std::int64_t> draw(-spread, spread);
  return std::chrono::milliseconds(std::max<std::int64_t>(1, base + draw(random_)));
}

void JobScheduler::add(JobSpec spec) {
  std::lock_guard lock(mutex_);
  auto job = std::make_unique<Job>();
  job->added_at = std::chrono::steady_clock::now();
  job->next_due = job->added_at + jittered(spec);
  job->spec = std::move(spec);
  const std::string name = job->spec.name;
  jobs_[name] = std::move(job);
}

JobScheduler::Job* JobScheduler::find(std::string_view name) const {
  const auto it = jobs_.find(name);
  return it == jobs_.end() ? nullptr : it->second.get();
}

core::Result<nlohmann::json> JobScheduler::run_now(std::string_view name,
                                                   const std::optional<std::string>& user_id) {
  Job* job = nullptr;
  {
    std::lock_guard lock(mutex_);
    job = find(name);
  }
  if (!job) return core::Error{"unknown_job", "no job named '" + std::string(name) + "'"};
  std::unique_lock running(job->running, std::try_to_lock);
  if (!running.owns_lock())
    return core::Error{"job_running", "the " + std::string(name) + " job is running; try again"};
  nlohmann::json report = job->spec.run(user_id);
  std::lock_guard lock(mutex_);
  // A run for one user says nothing about the job as a whole.
  if (user_id) {
    ++job->runs;
  } else {
    finished(*job, report);
  }
  return report;
}

void JobScheduler::trigger(std::string_view name) {
  std::lock_guard lock(mutex_);
  if (Job* job = find(name)) job->next_due = std::chrono::steady_clock::now();
  changed_.notify_all();
}

std::int64_t JobScheduler::runs(std::string_view name) const {
  std::lock_guard lock(mutex_);
  const Job* job = find(name);
  return job ? job->runs : 0;
}

void JobScheduler::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void JobScheduler::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    changed_.notify_all();
  }
  if (thread_.joinable()) thread_.join();
}

void JobScheduler::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    Job* due = nullptr;
    SteadyTime earliest = SteadyTime::max();
    for (auto& [name, job] : jobs_) {
      if (job->next_due < earliest) {
        earliest = job->next_due;
        due = job.get();
      }
    }
    if (!due) {
      changed_.wait(lock);
      continue;
    }
    if (std::chrono::steady_clock::now() < earliest) {
      changed_.wait_until(lock, earliest);
      continue;  // re-read: a trigger or stop may have come
    }
    due->next_due = std::chrono::steady_clock::now() + jittered(due->spec);
    lock.unlock();
    {
      // A run on demand holds the job: this turn is skipped, the next comes on schedule.
      std::unique_lock running(due->running, std::try_to_lock);
      if (running.owns_lock()) {
        const nlohmann::json report = due->spec.run(std::nullopt);
        spdlog::debug("job {}: {}", due->spec.name, report.dump());
        std::lock_guard counted(mutex_);
        finished(*due, report);
      }
    }
    lock.lock();
  }
}

}  // namespace polycopy::engine
