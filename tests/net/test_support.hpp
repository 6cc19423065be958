#pragma once
// Shared test doubles: a sleeper that moves a ManualClock instead of sleeping, and a log
// capture for checking what reaches the logs.
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "net/sleeper.hpp"

namespace spdlog {
class logger;
}

namespace polycopy::net::testing {

class ClockSleeper final : public Sleeper {
 public:
  explicit ClockSleeper(core::ManualClock& clock) : clock_(clock) {}
  void sleep_for(std::chrono::milliseconds duration) override {
    std::lock_guard lock(mutex_);
    waits_.push_back(duration);
    clock_.advance(duration);
  }
  std::vector<std::chrono::milliseconds> waits() const {
    std::lock_guard lock(mutex_);
    return waits_;
  }

 private:
  core::ManualClock& clock_;
  mutable std::mutex mutex_;
  std::vector<std::chrono::milliseconds> waits_;
};

class StringSink;

// Sends every log line (all levels, unredacted) to a string while alive.
class LogCapture {
 public:
  LogCapture();
  ~LogCapture();
  std::string text() const;

 private:
  std::shared_ptr<StringSink> sink_;
  std::shared_ptr<spdlog::logger> previous_;
};

}  // namespace polycopy::net::testing
