#include "engine/engine_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

extern char** environ;

namespace polycopy::engine::testing {

EngineProcess::EngineProcess(const std::string& db, const sim::BaseUrls& urls,
                             const std::vector<std::string>& args) {
  std::vector<std::string> env_text;
  for (char** e = environ; *e != nullptr; ++e) env_text.emplace_back(*e);
  env_text.push_back("POLYCOPY_POLYMARKET_DATA_URL=" + urls.data);
  env_text.push_back("POLYCOPY_POLYMARKET_GAMMA_URL=" + urls.gamma);
  env_text.push_back("POLYCOPY_POLYMARKET_CLOB_URL=" + urls.clob);
  const auto ws = urls.ws_market.substr(0, urls.ws_market.rfind('/'));
  env_text.push_back("POLYCOPY_POLYMARKET_WS_URL=" + ws);
  std::vector<std::string> all{POLYCOPY_BINARY, "--db", db};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv, envp;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : env_text) envp.push_back(e.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  if (posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), envp.data()) != 0) pid_ = -1;
  posix_spawn_file_actions_destroy(&actions);
}

EngineProcess::~EngineProcess() {
  if (pid_ > 0 && !reaped_) {
    ::kill(pid_, SIGKILL);
    wait();
  }
}

int EngineProcess::wait() {
  int status = 0;
  if (pid_ <= 0 || reaped_ || waitpid(pid_, &status, 0) != pid_) return -1000;
  reaped_ = true;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

void EngineProcess::signal(int number) {
  if (pid_ > 0 && !reaped_) ::kill(pid_, number);
}

}  // namespace polycopy::engine::testing
