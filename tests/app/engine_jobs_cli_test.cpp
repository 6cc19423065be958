// `polycopy engine run --listen` as an operator runs it: live trading on (a wallet key in
// the environment), the API served by the engine's own process, and the job routes running
// that engine's jobs for a user (bearer key) and for an external scheduler (cron secret), and
// its recorded health checks behind /api/health and /readyz.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli_runner.hpp"
#include "net/http_client.hpp"

namespace polycopy::test {
namespace {

using json = nlohmann::json;
using namespace std::chrono_literals;

const std::string kPrivateKey =
    "0x00000000000000000000000000000000000000000000000000000000000000c3";
const std::string kCronSecret = "cron-secret-for-the-test-0001";

TEST(EngineJobsCli, TheEnginesApiRunsItsJobsForUsersAndCron) {
  TempDir dir;
  Child sim({"sim", "--listen", "127.0.0.1:0", "--seed", "3", "--speed", "0", "--no-rate-limits"},
            {}, dir.file("sim.out"));
  const json urls = first_json_line(dir.file("sim.out"));
  ASSERT_TRUE(urls.is_object()) << read_file(dir.file("sim.out.err"));

  const std::string db = dir.file("engine.db");
  const std::string wallet_key = run_polycopy({"wallet", "keygen"}).out.substr(0, 64);
  const std::map<std::string, std::string> env{{"POLYCOPY_WALLET_KEY", wallet_key},
                                               {"POLYCOPY_CRON_SECRET", kCronSecret},
                                               {"POLYCOPY_POLYMARKET_CLOB_URL", urls["clob"]},
                                               {"POLYCOPY_POLYMARKET_DATA_URL", urls["data"]},
                                               {"POLYCOPY_POLYMARKET_GAMMA_URL", urls["gamma"]},
                                               // no chain here: no redemption, no node to check
                                               {"POLYCOPY_CHAIN_AUTO_REDEEM", "false"}};
  const auto user = run_polycopy({"user", "create", "erin", "--db", db});
  ASSERT_EQ(user.exit_code, 0) << user.err;
  const std::string api_key = user.out.substr(user.out.find("pc_"), 3 + 64);
  const auto wallet =
      run_polycopy({"wallet", "add", "--user", "erin", "--db", db, "--private-key-file", "-"}, env,
                   kPrivateKey + "\n");
  ASSERT_EQ(wallet.exit_code, 0) << wallet.err;
  const auto ft = run_polycopy({"strategy", "create", "--type", "ft", "--user", "erin", "--db", db,
                                "--json", R"({"name":"paper","min_trader_resolved_count":0})"});
  ASSERT_EQ(ft.exit_code, 0) << ft.err;
  const json lt_body{{"name", "live"},
                     {"ft_strategy_id", json::parse(ft.out)["id"]},
                     {"wallet_id", json::parse(wallet.out)["id"]}};
  const auto lt = run_polycopy({"strategy", "create", "--type", "lt", "--user", "erin", "--db", db,
                                "--json", lt_body.dump()});
  ASSERT_EQ(lt.exit_code, 0) << lt.err;
  const std::string lt_id = json::parse(lt.out)["id"];
  ASSERT_EQ(run_polycopy({"strategy", "resume", lt_id, "--user", "erin", "--db", db}).exit_code, 0);

  Child engine({"engine", "run", "--db", db, "--clock", "venue", "--interval", "3600",
                "--no-websocket", "--listen", "127.0.0.1:0"},
               env, dir.file("engine.out"));
  // The API's port is in the engine's log line "serving on HOST:PORT".
  std::string port;
  for (int i = 0; i < 400 && port.empty(); ++i) {
    std::this_thread::sleep_for(25ms);
    const auto log = read_file(dir.file("engine.out.err"));
    const auto at = log.find("serving on 127.0.0.1:");
    if (at != std::string::npos) {
      const auto start = at + std::string("serving on 127.0.0.1:").size();
      port = log.substr(start, log.find_first_not_of("0123456789", start) - start);
    }
  }
  ASSERT_FALSE(port.empty()) << read_file(dir.file("engine.out.err"));
  const std::string base = "http://127.0.0.1:" + port;

  net::HttpClientOptions options;
  options.retry.max_attempts = 1;
  net::HttpClient http(options);
  // A user runs the execute job for their strategies: the engine's report comes back. The
  // engine runs it once at start-up too: meanwhile the route answers 409 job_running.
  const auto execute = [&] {
    return http.post(base + "/api/lt/execute", "", {{"Authorization", "Bearer " + api_key}});
  };
  auto executed = execute();
  for (int i = 0; i < 100 && !executed.ok() && executed.error().status == 409; ++i) {
    std::this_thread::sleep_for(50ms);
    executed = execute();
  }
  ASSERT_TRUE(executed.ok()) << executed.error().message;
  ASSERT_EQ(executed->status, 200) << executed->body;
  const auto report = json::parse(executed->body);
  EXPECT_EQ(report["job"], "lt-execute");
  EXPECT_EQ(report["report"]["strategies"], 1);
  EXPECT_TRUE(report["report"]["problems"].empty()) << executed->body;

  // An external scheduler with the shared secret; a wrong secret is refused.
  auto resolved = http.get(base + "/api/cron/lt-resolve", {{"X-Cron-Secret", kCronSecret}});
  ASSERT_TRUE(resolved.ok());
  EXPECT_EQ(resolved->status, 200) << resolved->body;
  EXPECT_TRUE(json::parse(resolved->body)["report"].contains("settled"));
  auto wrong = http.get(base + "/api/cron/lt-execute", {{"X-Cron-Secret", "not-the-secret-00"}});
  EXPECT_EQ(wrong.ok() ? wrong->status : wrong.error().status, 401);

  // The engine records its health at start: the API serves it, and it is ready.
  json health;
  for (int i = 0; i < 100; ++i) {
    auto answer = http.get(base + "/api/health", {{"Authorization", "Bearer " + api_key}});
    ASSERT_TRUE(answer.ok()) << answer.error().message;
    health = json::parse(answer->body);
    if (health["checks"].size() >= 3) break;
    std::this_thread::sleep_for(50ms);
  }
  std::map<std::string, std::string> statuses;
  for (const auto& check : health["checks"]) statuses[check["component"]] = check["status"];
  EXPECT_EQ(statuses["database"], "ok") << health.dump();
  EXPECT_EQ(statuses["venue_rest"], "ok") << health.dump();
  EXPECT_EQ(statuses["clock_skew"], "ok") << health.dump();  // the engine runs on venue time
  EXPECT_EQ(statuses.count("rpc"), 0u) << health.dump();
  auto ready = http.get(base + "/readyz");
  ASSERT_TRUE(ready.ok()) << ready.error().message;
  EXPECT_EQ(json::parse(ready->body)["status"], "ready") << ready->body;

  EXPECT_EQ(engine.stop(), 0) << read_file(dir.file("engine.out.err"));
  const auto log = read_file(dir.file("engine.out.err"));
  EXPECT_EQ(log.find(wallet_key), std::string::npos) << "the wallet key leaked into the log";
  EXPECT_EQ(log.find(kCronSecret), std::string::npos) << "the cron secret leaked into the log";
  sim.stop();
}

}  // namespace
}  // namespace polycopy::test
