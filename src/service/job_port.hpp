#pragma once
// The service's port to the engine's jobs (lt-execute, lt-resolve, lt-redemptions): the API
// asks for a run and gets its report. The engine side (app) implements it over its scheduler,
// so a job runs single-flight whoever asks.
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace polycopy::service {

class JobPort {
 public:
  virtual ~JobPort() = default;
  // Runs the job now, for one user's strategies when user_id is given (every strategy for
  // an external scheduler). Errors: "unknown_job", "job_running".
  virtual core::Result<nlohmann::json> run_job(std::string_view job,
                                               const std::optional<std::string>& user_id) = 0;
};

struct JobAccess {
  JobPort* jobs = nullptr;  // null: the engine does not run in this process (503)
  // The shared secret external schedulers send in X-Cron-Secret; unset: /api/cron/* is off.
  std::optional<std::string> cron_secret;
};

}  // namespace polycopy::service
