#pragma once
// When the engine's next tick runs: after the interval, earlier when market activity wakes
// it (a trade on a watched market, seen on the websocket), never while stopping.
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace polycopy::engine {

class TickScheduler {
 public:
  enum class Wake { timer, activity, stop };

  void wake();  // thread-safe; from the websocket's io thread
  void stop();  // thread-safe; from the signal thread
  // Blocks up to `timeout`; an activity seen since the last wait returns at once.
  Wake wait(std::chrono::milliseconds timeout);
  // Sleeps up to `timeout` unless stopped (activity does not cut it short); false if stopped.
  bool pause(std::chrono::milliseconds timeout);
  bool stopping() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  bool woken_ = false;
  bool stopped_ = false;
};

}  // namespace polycopy::engine
