#include "service/job_routes.hpp"

#include "service/auth.hpp"
#include "service/strategy_service.hpp"

namespace polycopy::service {
namespace {

using nlohmann::json;

ServiceResult refusal(int status, std::string code, std::string message) {
  return {status, {{"error", {{"code", std::move(code)}, {"message", message}}}}};
}

ServiceResult run(JobPort* jobs, std::string_view job, const std::optional<std::string>& user_id) {
  if (!jobs)
    return refusal(503, "jobs_unavailable",
                   "the engine does not run in this process (start it with `polycopy engine run`)");
  auto report = jobs->run_job(job, user_id);
  if (!report) {
    if (report.error().code == "job_running")
      return refusal(409, "job_running", report.error().message);
    return error_result(report.error());
  }
  return {200, {{"job", std::string(job)}, {"report", std::move(report).value()}}};
}

HttpResponse answer(const ServiceResult& result) {
  return json_response(result.status, result.body);
}

}  // namespace

void add_job_routes(Router& router, store::Store& store, const JobAccess& access,
                    const std::shared_ptr<AuditTrail>& audit) {
  JobPort* jobs = access.jobs;
  const std::pair<std::string_view, std::string_view> user_routes[] = {
      {"/api/lt/execute", "lt-execute"},
      {"/api/lt/resolve", "lt-resolve"},
      {"/api/lt/redemptions/process", "lt-redemptions"}};
  for (const auto& [path, job] : user_routes) {
    router.add("POST", path,
               [&store, audit, jobs, job = std::string(job)](const HttpRequest& request,
                                                             const PathParams& params) {
                 auto user = authenticate_bearer(store, request.header("authorization"));
                 if (!user) return answer(error_result(user.error()));
                 const auto result = run(jobs, job, user->id);
                 audit->record_call(user->id, request, params, result);
                 return answer(result);
               });
  }
  for (const std::string_view job : {"lt-execute", "lt-resolve", "lt-redemptions"}) {
    router.add(
        "GET", "/api/cron/" + std::string(job),
        [audit, jobs, secret = access.cron_secret, job = std::string(job)](
            const HttpRequest& request, const PathParams&) {
          if (!secret || secret->empty())
            return answer(refusal(503, "cron_disabled",
                                  "no cron secret is configured (server.cron_secret_file)"));
          if (!same_secret(request.header("x-cron-secret"), *secret))
            return answer(refusal(401, "unauthorized", "missing or wrong X-Cron-Secret header"));
          const auto result = run(jobs, job, std::nullopt);
          audit->record_cron_call(request, result);
          return answer(result);
        });
  }
}

}  // namespace polycopy::service
