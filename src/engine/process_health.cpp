#include "engine/process_health.hpp"

namespace polycopy::engine {
namespace {

template <class Duration>
std::string seconds_text(Duration d) {
  return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(d).count()) + " s";
}

store::HealthCheckRecord check(std::string component, store::HealthStatus status,
                               std::string detail) {
  store::HealthCheckRecord out;
  out.component = std::move(component);
  out.status = status;
  out.detail = std::move(detail);
  return out;
}

}  // namespace

store::HealthCheckRecord websocket_check(std::string component, const net::WsStats& stats,
                                         core::Timestamp now, std::chrono::seconds max_silence) {
  const std::string counts = std::to_string(stats.reconnects) + " reconnect(s), " +
                             std::to_string(stats.connect_failures) + " failed connect(s)";
  std::string last = "no message yet";
  if (stats.last_message_at)
    last = "last frame " + seconds_text(now - *stats.last_message_at) + " ago";
  if (!stats.connected)
    return check(std::move(component), store::HealthStatus::failing,
                 "not connected; " + last + "; " + counts);
  if (stats.last_message_at && now - *stats.last_message_at > max_silence)
    return check(std::move(component), store::HealthStatus::degraded,
                 "connected but silent: " + last + "; " + counts);
  return check(std::move(component), store::HealthStatus::ok, "connected; " + last + "; " + counts);
}

store::HealthCheckRecord jobs_check(const std::vector<JobStatus>& jobs,
                                    std::chrono::steady_clock::time_point now) {
  std::string late;
  for (const auto& job : jobs) {
    const auto since = job.last_success_at.value_or(job.added_at);
    if (now - since <= 3 * job.interval) continue;
    late += (late.empty() ? "" : "; ") + job.name + ": ";
    late += job.last_success_at ? "last success " + seconds_text(now - since) + " ago"
                                : "no success in " + seconds_text(now - since);
    if (job.last_problem) late += " (" + job.last_problem->substr(0, 200) + ")";
  }
  if (!late.empty()) return check("jobs", store::HealthStatus::failing, late);
  return check("jobs", store::HealthStatus::ok,
               std::to_string(jobs.size()) + " job(s) succeeding on schedule");
}

}  // namespace polycopy::engine
