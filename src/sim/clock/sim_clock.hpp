#pragma once
// Simulated time: starts at the scenario's start, runs `speed` times faster than the wall
// clock it reads, and jumps forward when a control advances it. Never goes backwards.
#include <chrono>
#include <mutex>

#include "core/clock.hpp"

namespace polycopy::sim {

class SimClock final : public core::Clock {
 public:
  // wall must outlive the clock; speed 0 freezes time (only advance() moves it).
  SimClock(core::Timestamp start, double speed, const core::Clock& wall);
  core::Timestamp now() const override;
  void advance(std::chrono::milliseconds by);
  double speed() const;

 private:
  const core::Clock& wall_;
  core::Timestamp start_;
  core::Timestamp wall_start_;
  double speed_;
  mutable std::mutex mutex_;
  std::chrono::milliseconds offset_{0};
  mutable core::Timestamp last_{};
};

}  // namespace polycopy::sim
