#include "engine/tick_scheduler.hpp"

namespace polycopy::engine {

void TickScheduler::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  changed_.notify_all();
}

void TickScheduler::stop() {
  {
    std::lock_guard lock(mutex_);
    stopped_ = true;
  }
  changed_.notify_all();
}

bool TickScheduler::stopping() const {
  std::lock_guard lock(mutex_);
  return stopped_;
}

bool TickScheduler::pause(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return !changed_.wait_for(lock, timeout, [this] { return stopped_; });
}

TickScheduler::Wake TickScheduler::wait(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [this] { return woken_ || stopped_; });
  if (stopped_) return Wake::stop;
  if (woken_) {
    woken_ = false;
    return Wake::activity;
  }
  return Wake::timer;
}

}  // namespace polycopy::engine
