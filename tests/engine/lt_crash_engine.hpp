#pragma once
// The crash test's engine: `polycopy --db DB engine run --once --clock venue` in a child
// process with live trading on (the wallet key in its environment), its output kept in files
// so a failing restart can say what went wrong. Killed with SIGKILL at any moment.
#include <sys/types.h>

#include <chrono>
#include <string>

#include "sim/http/sim_server.hpp"

namespace polycopy::engine::testing {

class LtCrashEngine {
 public:
  // Starts at once; `out_prefix` + ".out" / ".err" receive stdout and stderr.
  LtCrashEngine(const std::string& db, const sim::BaseUrls& urls, const std::string& wallet_key_hex,
                const std::string& out_prefix);
  ~LtCrashEngine();  // kills a child still running
  LtCrashEngine(const LtCrashEngine&) = delete;
  LtCrashEngine& operator=(const LtCrashEngine&) = delete;

  bool started() const { return pid_ > 0; }
  // True when the child has ended (reaped without blocking).
  bool finished();
  // The exit code, or -signal when a signal ended it.
  int wait();
  void kill();
  // Wall time from the start to the moment wait() or finished() saw it end.
  std::chrono::steady_clock::duration ran_for() const { return ended_ - started_; }
  std::string output() const;  // stdout, then the last lines of stderr

 private:
  int reap(int options);

  pid_t pid_ = -1;
  bool reaped_ = false;
  int status_ = -1000;
  std::string out_prefix_;
  std::chrono::steady_clock::time_point started_, ended_;
};

}  // namespace polycopy::engine::testing
