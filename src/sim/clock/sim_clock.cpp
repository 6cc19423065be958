#include "sim/clock/sim_clock.hpp"

#include <algorithm>
#include <cmath>

namespace polycopy::sim {

SimClock::SimClock(core::Timestamp start, double speed, const core::Clock& wall)
    : wall_(wall), start_(start), wall_start_(wall.now()), speed_(std::max(0.0, speed)) {}

core::Timestamp SimClock::now() const {
  const auto wall_elapsed = (wall_.now() - wall_start_).count();
  const auto scaled =
      std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(wall_elapsed * speed_)));
  std::lock_guard lock(mutex_);
  last_ = std::max(last_, start_ + scaled + offset_);
  return last_;
}

void SimClock::advance(std::chrono::milliseconds by) {
  std::lock_guard lock(mutex_);
  if (by.count() > 0) offset_ += by;
}

double SimClock::speed() const {
  return speed_;
}

}  // namespace polycopy::sim
