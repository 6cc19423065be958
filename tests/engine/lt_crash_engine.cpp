#include "engine/lt_crash_engine.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <fstream>
#include <sstream>
#include <vector>

extern char** environ;

namespace polycopy::engine::testing {

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

LtCrashEngine::LtCrashEngine(const std::string& db, const sim::BaseUrls& urls,
                             const std::string& wallet_key_hex, const std::string& out_prefix)
    : out_prefix_(out_prefix) {
  std::vector<std::string> env_text;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry(*e);
    if (!entry.starts_with("POLYCOPY_")) env_text.push_back(entry);  // no stray settings
  }
  env_text.push_back("POLYCOPY_POLYMARKET_DATA_URL=" + urls.data);
  env_text.push_back("POLYCOPY_POLYMARKET_GAMMA_URL=" + urls.gamma);
  env_text.push_back("POLYCOPY_POLYMARKET_CLOB_URL=" + urls.clob);
  env_text.push_back("POLYCOPY_POLYMARKET_WS_URL=" +
                     urls.ws_market.substr(0, urls.ws_market.rfind('/')));
  env_text.push_back("POLYCOPY_WALLET_KEY=" + wallet_key_hex);
  std::vector<std::string> all{POLYCOPY_BINARY, "--db",   db,        "engine",
                               "run",           "--once", "--clock", "venue"};
  std::vector<char*> argv, envp;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : env_text) envp.push_back(e.data());
  envp.push_back(nullptr);
  const std::string out = out_prefix + ".out", err = out_prefix + ".err";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  started_ = ended_ = std::chrono::steady_clock::now();
  if (posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), envp.data()) != 0) pid_ = -1;
  posix_spawn_file_actions_destroy(&actions);
}

LtCrashEngine::~LtCrashEngine() {
  if (pid_ > 0 && !reaped_) {
    ::kill(pid_, SIGKILL);
    wait();
  }
}

int LtCrashEngine::reap(int options) {
  if (pid_ <= 0) return -1000;
  if (reaped_) return status_;
  int status = 0;
  const pid_t got = waitpid(pid_, &status, options);
  if (got == 0) return -1001;  // still running (WNOHANG)
  if (got != pid_) return -1000;
  reaped_ = true;
  ended_ = std::chrono::steady_clock::now();
  status_ = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
  return status_;
}

bool LtCrashEngine::finished() {
  return reap(WNOHANG) != -1001;
}

int LtCrashEngine::wait() {
  return reap(0);
}

void LtCrashEngine::kill() {
  if (pid_ > 0 && !reaped_) ::kill(pid_, SIGKILL);
}

std::string LtCrashEngine::output() const {
  const std::string err = read_file(out_prefix_ + ".err");
  const std::size_t keep = 4000;
  return read_file(out_prefix_ + ".out") + "\n--- stderr (tail) ---\n" +
         (err.size() > keep ? err.substr(err.size() - keep) : err);
}

}  // namespace polycopy::engine::testing
