// `polycopy sim` as other tooling runs it: the first stdout line is the base URLs as JSON,
// the venue answers there, and SIGINT/SIGTERM stop it cleanly (exit 0).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "app/cli_runner.hpp"
#include "net/http_client.hpp"

namespace polycopy {
namespace {

using namespace std::chrono_literals;

// A running `polycopy sim` with its stdout readable line by line.
class SimProcess {
 public:
  explicit SimProcess(std::vector<std::string> args) {
    int out[2];
    if (pipe(out) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      close(out[1]);
      std::vector<char*> argv;
      std::string binary = POLYCOPY_BINARY;
      argv.push_back(binary.data());
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(binary.c_str(), argv.data());
      _exit(127);
    }
    close(out[1]);
    stdout_ = fdopen(out[0], "r");
  }
  ~SimProcess() {
    if (pid_ > 0 && !waited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (stdout_ != nullptr) fclose(stdout_);
  }
  std::string first_line() {
    char buffer[4096];
    if (stdout_ == nullptr || fgets(buffer, sizeof buffer, stdout_) == nullptr) return "";
    return buffer;
  }
  // Sends the signal and returns the exit status (-1 when it did not exit within 10 s).
  int stop_with(int signal) {
    kill(pid_, signal);
    for (int i = 0; i < 1000; ++i) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        waited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(10ms);
    }
    return -1;
  }

 private:
  pid_t pid_ = -1;
  FILE* stdout_ = nullptr;
  bool waited_ = false;
};

void expect_serves_and_stops(int signal) {
  SimProcess sim(
      {"sim", "--listen", "127.0.0.1:0", "--seed", "1", "--markets", "10", "--traders", "5"});
  const auto line = sim.first_line();
  const auto urls = nlohmann::json::parse(line, nullptr, false);
  ASSERT_TRUE(urls.is_object()) << line;
  for (const char* key : {"clob", "gamma", "data", "ws_market", "ws_user", "sim"})
    ASSERT_TRUE(urls.contains(key)) << line;
  net::HttpClient http;
  const auto version = http.get(urls["clob"].get<std::string>() + "/version");
  ASSERT_TRUE(version) << version.error().message;
  EXPECT_EQ(nlohmann::json::parse(version->body)["version"], 2);
  const auto markets = http.get(urls["gamma"].get<std::string>() + "/markets?limit=100");
  ASSERT_TRUE(markets);
  EXPECT_EQ(nlohmann::json::parse(markets->body).size(), 10u);
  EXPECT_EQ(sim.stop_with(signal), 0);
}

TEST(SimCli, ServesAndStopsOnSigterm) {
  expect_serves_and_stops(SIGTERM);
}

TEST(SimCli, ServesAndStopsOnCtrlC) {
  expect_serves_and_stops(SIGINT);
}

TEST(SimCli, BadArgumentsExit2) {
  auto r = test::run_polycopy({"sim", "--listen", "nonsense"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  r = test::run_polycopy({"sim", "--scenario", "/no/such/file.json"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  r = test::run_polycopy({"sim", "--speed", "-3"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
}

}  // namespace
}  // namespace polycopy
