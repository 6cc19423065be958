#pragma once
// The real `polycopy` binary in a child process, pointed at a simulator; its output goes to
// /dev/null.
#include <sys/types.h>

#include <string>
#include <vector>

#include "sim/http/sim_server.hpp"

namespace polycopy::engine::testing {

class EngineProcess {
 public:
  // Runs `polycopy --db DB <args…>` with the venue's URLs in POLYCOPY_POLYMARKET_*.
  EngineProcess(const std::string& db, const sim::BaseUrls& urls,
                const std::vector<std::string>& args);
  ~EngineProcess();  // kills a child still running
  EngineProcess(const EngineProcess&) = delete;
  EngineProcess& operator=(const EngineProcess&) = delete;

  bool started() const { return pid_ > 0; }
  // The exit code, or -signal when a signal ended it.
  int wait();
  void signal(int number);

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
};

}  // namespace polycopy::engine::testing
