#pragma once
// Waiting is injected like time: tests pass a sleeper that advances a ManualClock instead of
// sleeping, so backoff and rate-limit waits are checked exactly and cost nothing.
#include <chrono>

namespace polycopy::net {

class Sleeper {
 public:
  virtual ~Sleeper() = default;
  virtual void sleep_for(std::chrono::milliseconds duration) = 0;
};

class RealSleeper final : public Sleeper {
 public:
  void sleep_for(std::chrono::milliseconds duration) override;
};

}  // namespace polycopy::net
