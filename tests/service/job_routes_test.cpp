// The job routes over real HTTP: a user's POST runs the job for that user only, a cron GET
// needs the shared secret and runs it for everybody, a running job answers 409, and a
// process without an engine or without a secret says so (503).
#include <gtest/gtest.h>

#include <mutex>
#include <vector>

#include "api_fixture.hpp"
#include "service/api_routes.hpp"

namespace polycopy::testing {
namespace {

// Stands in for the engine's scheduler (the port's other side is tested in the engine and
// the demo): records each call, answers with it, or refuses as a running job would.
class RecordingJobs : public service::JobPort {
 public:
  core::Result<nlohmann::json> run_job(std::string_view job,
                                       const std::optional<std::string>& user_id) override {
    std::lock_guard lock(mutex);
    if (busy) return core::Error{"job_running", "the job is running"};
    calls.emplace_back(std::string(job), user_id.value_or("*"));
    return nlohmann::json{{"ran", std::string(job)}, {"for", user_id.value_or("*")}};
  }
  std::mutex mutex;
  bool busy = false;
  std::vector<std::pair<std::string, std::string>> calls;
};

class JobRoutesTest : public ApiFixture {
 protected:
  void with_jobs(service::JobPort* jobs, std::optional<std::string> secret) {
    service::JobAccess access;
    access.jobs = jobs;
    access.cron_secret = std::move(secret);
    *router_ = service::make_api_router(*store_, clock_, &*wallet_key_, access);
  }
  RecordingJobs jobs_;
};

TEST_F(JobRoutesTest, AUserRunsEachJobForTheirOwnStrategies) {
  with_jobs(&jobs_, std::nullopt);
  for (const auto& [path, job] : std::vector<std::pair<std::string, std::string>>{
           {"/api/lt/execute", "lt-execute"},
           {"/api/lt/resolve", "lt-resolve"},
           {"/api/lt/redemptions/process", "lt-redemptions"}}) {
    const auto response = client_->post(path, alice_key_);
    ASSERT_EQ(response.status, 200) << path << " " << response.body;
    EXPECT_EQ(response.json()["job"], job);
    EXPECT_EQ(response.json()["report"]["for"], alice_id_);
  }
  EXPECT_EQ(jobs_.calls.size(), 3u);
  EXPECT_EQ(client_->post("/api/lt/execute", "pc_" + std::string(64, '0')).status, 401);
  EXPECT_EQ(client_->post("/api/lt/execute", "").status, 401);
  EXPECT_EQ(jobs_.calls.size(), 3u);
}

TEST_F(JobRoutesTest, CronNeedsTheSharedSecretAndRunsForEverybody) {
  with_jobs(&jobs_, std::string("s3cret-for-cron"));
  const auto ok =
      client_->request("GET", "/api/cron/lt-resolve", "", {{"x-cron-secret", "s3cret-for-cron"}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json()["report"]["for"], "*");
  EXPECT_EQ(client_->request("GET", "/api/cron/lt-execute", "", {{"x-cron-secret", "s3cret"}})
                .error_code(),
            "unauthorized");
  EXPECT_EQ(client_->request("GET", "/api/cron/lt-execute").status, 401);
  // A user's bearer key is no cron secret.
  EXPECT_EQ(client_->get("/api/cron/lt-execute", alice_key_).status, 401);
  ASSERT_EQ(jobs_.calls.size(), 1u);
  EXPECT_EQ(jobs_.calls[0].first, "lt-resolve");
}

TEST_F(JobRoutesTest, ARunningJobAnswers409) {
  with_jobs(&jobs_, std::string("s3cret-for-cron"));
  jobs_.busy = true;
  const auto response = client_->post("/api/lt/execute", alice_key_);
  EXPECT_EQ(response.status, 409);
  EXPECT_EQ(response.error_code(), "job_running");
  EXPECT_EQ(
      client_
          ->request("GET", "/api/cron/lt-redemptions", "", {{"x-cron-secret", "s3cret-for-cron"}})
          .status,
      409);
}

TEST_F(JobRoutesTest, WithoutAnEngineOrASecretTheRoutesSaySo) {
  with_jobs(nullptr, std::nullopt);
  const auto no_engine = client_->post("/api/lt/execute", alice_key_);
  EXPECT_EQ(no_engine.status, 503);
  EXPECT_EQ(no_engine.error_code(), "jobs_unavailable");
  const auto no_cron = client_->request("GET", "/api/cron/lt-execute", "", {{"x-cron-secret", ""}});
  EXPECT_EQ(no_cron.status, 503);
  EXPECT_EQ(no_cron.error_code(), "cron_disabled");
  with_jobs(&jobs_, std::string(""));  // an empty secret never opens the door
  EXPECT_EQ(client_->request("GET", "/api/cron/lt-execute", "", {{"x-cron-secret", ""}}).status,
            503);
  EXPECT_TRUE(jobs_.calls.empty());
}

}  // namespace
}  // namespace polycopy::testing
