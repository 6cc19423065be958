#pragma once
// Jittered exponential backoff, shared by HTTP retries and websocket reconnects. Jitter keeps
// many clients that failed together from coming back together.
#include <chrono>
#include <cstdint>
#include <memory>

namespace polycopy::net {

struct BackoffPolicy {
  std::chrono::milliseconds initial{200};  // delay before the first retry, before jitter
  std::chrono::milliseconds max{10'000};   // cap, before jitter
  double multiplier = 2.0;
  // Fraction of the delay that is random: delay * (1 - jitter) + uniform * delay * jitter.
  // 0 = no jitter, 1 = "full jitter".
  double jitter = 0.5;
};

// The delay before retry number `retry` (1 = first retry); `uniform` is in [0, 1).
// Pure, so tests can check the sequence exactly.
std::chrono::milliseconds backoff_delay(const BackoffPolicy& policy, int retry, double uniform);

// A thread-safe uniform [0, 1) source. seed 0 = seeded from std::random_device.
class Jitter {
 public:
  explicit Jitter(std::uint64_t seed = 0);
  ~Jitter();
  Jitter(const Jitter&) = delete;
  Jitter& operator=(const Jitter&) = delete;
  double uniform();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace polycopy::net
