// The `polycopy` binary end to end: exit codes, migrations, configuration errors, users,
// keys, strategies and `serve`.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "app/cli_runner.hpp"

namespace polycopy::test {
namespace {

namespace fs = std::filesystem;

std::string extract_key(const std::string& out) {
  const auto at = out.find("pc_");
  return at == std::string::npos ? "" : out.substr(at, 3 + 64);
}

TEST(Cli, HelpListsTheCommands) {
  const auto result = run_polycopy({"--help"});
  EXPECT_EQ(result.exit_code, 0);
  for (const char* command : {"migrate", "serve", "user", "apikey", "strategy", "config"}) {
    EXPECT_NE(result.out.find(command), std::string::npos) << command;
  }
}

TEST(Cli, UnknownCommandIsUsageError) {
  EXPECT_EQ(run_polycopy({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(run_polycopy({}).exit_code, 2);
  EXPECT_EQ(run_polycopy({"migrate", "--no-such-flag"}).exit_code, 2);
}

TEST(Cli, MigrateCreatesThenIsANoOp) {
  TempDir dir;
  const auto first = run_polycopy({"migrate", "--db", dir.file("a.db")});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("applied 1 "), std::string::npos);
  EXPECT_TRUE(fs::exists(dir.file("a.db")));
  const auto second = run_polycopy({"--db", dir.file("a.db"), "migrate"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("already up to date"), std::string::npos);
  EXPECT_EQ(second.out.find("applied"), std::string::npos);
}

TEST(Cli, BadConfigExitsTwoWithoutTouchingTheDatabase) {
  TempDir dir;
  const std::string config = dir.file("bad.toml");
  std::ofstream(config) << "[server]\nlisten = \"nowhere\"\n[log]\nlevel = \"loud\"\n";
  const auto result = run_polycopy({"migrate", "--config", config, "--db", dir.file("x.db")});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("server.listen"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("log.level"), std::string::npos) << result.err;
  EXPECT_FALSE(fs::exists(dir.file("x.db")));

  const auto from_env = run_polycopy({"migrate", "--db", dir.file("y.db")},
                                     {{"POLYCOPY_SERVER_MAX_BODY_BYTES", "huge"}});
  EXPECT_EQ(from_env.exit_code, 2);
  EXPECT_NE(from_env.err.find("POLYCOPY_SERVER_MAX_BODY_BYTES"), std::string::npos);
  EXPECT_FALSE(fs::exists(dir.file("y.db")));

  EXPECT_EQ(run_polycopy({"migrate", "--config", dir.file("missing.toml")}).exit_code, 2);
  EXPECT_EQ(run_polycopy({"serve", "--listen", "bad", "--db", dir.file("z.db")}).exit_code, 2);
  EXPECT_FALSE(fs::exists(dir.file("z.db")));
}

TEST(Cli, ConfigFileAndEnvironmentAreApplied) {
  TempDir dir;
  const std::string config = dir.file("good.toml");
  std::ofstream(config) << "[database]\npath = \"" << dir.file("from-file.db") << "\"\n";
  const auto shown = run_polycopy({"config", "show", "--config", config},
                                  {{"POLYCOPY_SERVER_LISTEN", "127.0.0.1:9999"}});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.out.find("from-file.db"), std::string::npos);
  EXPECT_NE(shown.out.find("127.0.0.1:9999"), std::string::npos);
  ASSERT_EQ(run_polycopy({"migrate", "--config", config}).exit_code, 0);
  EXPECT_TRUE(fs::exists(dir.file("from-file.db")));
}

TEST(Cli, UsersKeysAndStrategies) {
  TempDir dir;
  const std::string db = dir.file("s.db");
  const auto user = run_polycopy({"user", "create", "alice", "--db", db});
  ASSERT_EQ(user.exit_code, 0) << user.err;
  const std::string key = extract_key(user.out);
  EXPECT_EQ(key.size(), 67u) << user.out;
  EXPECT_EQ(run_polycopy({"user", "create", "alice", "--db", db}).exit_code, 1);

  const auto second_key = run_polycopy({"apikey", "create", "--user", "alice", "--db", db});
  ASSERT_EQ(second_key.exit_code, 0) << second_key.err;
  EXPECT_NE(extract_key(second_key.out), key);
  const auto nobody = run_polycopy({"apikey", "create", "--user", "nobody", "--db", db});
  EXPECT_EQ(nobody.exit_code, 1);
  EXPECT_NE(nobody.err.find("user_not_found"), std::string::npos);

  const auto created =
      run_polycopy({"strategy", "create", "--user", "alice", "--type", "ft", "--json",
                    R"({"name":"copy whales","bet_size":"2.5"})", "--db", db});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  const auto ft = nlohmann::json::parse(created.out);
  EXPECT_EQ(ft.at("name"), "copy whales");
  EXPECT_EQ(ft.at("bet_size"), "2.5");
  const std::string ft_id = ft.at("id");

  const auto lt_created = run_polycopy(
      {"strategy", "create", "--user", "alice", "--type", "lt", "--file", "-", "--db", db}, {},
      R"({"name":"live whales","ft_strategy_id":")" + ft_id + R"("})");
  ASSERT_EQ(lt_created.exit_code, 0) << lt_created.err;
  const auto lt = nlohmann::json::parse(lt_created.out);
  EXPECT_EQ(lt.at("paused"), true);
  const std::string lt_id = lt.at("id");

  const auto listed = run_polycopy({"strategy", "list", "--user", "alice", "--db", db});
  ASSERT_EQ(listed.exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(listed.out).at("strategies").size(), 1u);

  const auto paused = run_polycopy({"strategy", "pause", ft_id, "--user", "alice", "--db", db});
  ASSERT_EQ(paused.exit_code, 0) << paused.err;
  EXPECT_EQ(nlohmann::json::parse(paused.out).at("paused"), true);
  const auto shown = run_polycopy({"strategy", "show", ft_id, "--user", "alice", "--db", db});
  EXPECT_EQ(nlohmann::json::parse(shown.out).at("paused"), true);
  const auto resumed = run_polycopy({"strategy", "resume", ft_id, "--user", "alice", "--db", db});
  EXPECT_EQ(nlohmann::json::parse(resumed.out).at("paused"), false);

  const auto updated =
      run_polycopy({"strategy", "update", ft_id, "--json", R"({"bet_size":7,"max_edge":"0.2"})",
                    "--user", "alice", "--db", db});
  ASSERT_EQ(updated.exit_code, 0) << updated.err;
  EXPECT_EQ(nlohmann::json::parse(updated.out).at("bet_size"), "7");
  EXPECT_EQ(nlohmann::json::parse(updated.out).at("max_edge"), "0.2");
  EXPECT_EQ(nlohmann::json::parse(updated.out).at("name"), "copy whales");
  const auto bad_update = run_polycopy(
      {"strategy", "update", ft_id, "--json", R"({"price_min":2})", "--user", "alice", "--db", db});
  EXPECT_EQ(bad_update.exit_code, 1);
  EXPECT_NE(bad_update.err.find("price_out_of_range"), std::string::npos) << bad_update.err;

  const auto no_wallet = run_polycopy({"strategy", "resume", lt_id, "--user", "alice", "--db", db});
  EXPECT_EQ(no_wallet.exit_code, 1);
  EXPECT_NE(no_wallet.err.find("wallet_required"), std::string::npos) << no_wallet.err;

  // Another user sees nothing of alice's.
  ASSERT_EQ(run_polycopy({"user", "create", "bob", "--db", db}).exit_code, 0);
  const auto foreign = run_polycopy({"strategy", "show", ft_id, "--user", "bob", "--db", db});
  EXPECT_EQ(foreign.exit_code, 1);
  EXPECT_NE(foreign.err.find("not_found"), std::string::npos);

  const auto bad_json =
      run_polycopy({"strategy", "create", "--user", "alice", "--json", "{nope", "--db", db});
  EXPECT_NE(bad_json.exit_code, 0);
  EXPECT_NE(bad_json.err.find("invalid_json"), std::string::npos) << bad_json.err;
}

std::uint16_t free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

// One HTTP/1.1 request over a fresh connection; returns the raw response ("" on failure).
std::string http_get(std::uint16_t port, const std::string& path, const std::string& key) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    return "";
  }
  const std::string request = "GET " + path +
                              " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + key +
                              "\r\nConnection: close\r\n\r\n";
  (void)!write(fd, request.data(), request.size());
  std::string response;
  char buffer[4096];
  for (ssize_t n; (n = read(fd, buffer, sizeof buffer)) > 0;) response.append(buffer, n);
  close(fd);
  return response;
}

TEST(Cli, ServeAnswersAndStopsOnSigterm) {
  TempDir dir;
  const std::string db = dir.file("serve.db");
  const auto user = run_polycopy({"user", "create", "carol", "--db", db});
  ASSERT_EQ(user.exit_code, 0);
  const std::string key = extract_key(user.out);
  const std::uint16_t port = free_port();

  const std::string log = dir.file("serve.log");
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    freopen(log.c_str(), "w", stderr);
    execl(POLYCOPY_BINARY, POLYCOPY_BINARY, "serve", "--db", db.c_str(), "--listen",
          ("127.0.0.1:" + std::to_string(port)).c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  std::string health;
  for (int attempt = 0; attempt < 100 && health.empty(); ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    health = http_get(port, "/healthz", "");
  }
  EXPECT_NE(health.find("200 OK"), std::string::npos) << health;
  const std::string listed = http_get(port, "/api/ft/strategies", key);
  EXPECT_NE(listed.find("\"strategies\""), std::string::npos) << listed;
  EXPECT_NE(http_get(port, "/api/ft/strategies", "pc_wrong").find("401"), std::string::npos);

  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  std::ifstream in(log);
  const std::string logged((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(logged.find("serving on"), std::string::npos) << logged;
  EXPECT_EQ(logged.find(key.substr(3)), std::string::npos) << "the API key leaked into the log";
}

}  // namespace
}  // namespace polycopy::test
