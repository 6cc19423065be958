#pragma once
// Time is injected: every component takes a Clock. Tests and the simulator use ManualClock.
#include <atomic>
#include <chrono>
#include <cstdint>

namespace polycopy::core {

using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

inline std::int64_t to_unix_ms(Timestamp t) {
  return t.time_since_epoch().count();
}
inline Timestamp from_unix_ms(std::int64_t ms) {
  return Timestamp{std::chrono::milliseconds{ms}};
}

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Timestamp now() const override {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
  }
};

// A clock that moves only when told to; safe to read from several threads.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp start = from_unix_ms(0)) : ms_(to_unix_ms(start)) {}
  Timestamp now() const override { return from_unix_ms(ms_.load()); }
  void set(Timestamp t) { ms_.store(to_unix_ms(t)); }
  void advance(std::chrono::milliseconds d) { ms_.fetch_add(d.count()); }

 private:
  std::atomic<std::int64_t> ms_;
};

}  // namespace polycopy::core
