#pragma once
// A token bucket: `rate` tokens per second refill up to `burst`. Callers reserve tokens and
// are told how long to wait; the bucket may go into debt, so concurrent callers queue in
// arrival order instead of racing for the next token.
#include <chrono>
#include <mutex>

#include "core/clock.hpp"

namespace polycopy::net {

struct RateLimit {
  double rate_per_second = 10.0;  // > 0
  double burst = 10.0;            // >= 1
};

class TokenBucket {
 public:
  TokenBucket(RateLimit limit, const core::Clock& clock);

  // Takes `cost` tokens and returns how long the caller must wait before acting (0 when
  // the tokens were there). Thread-safe.
  std::chrono::milliseconds reserve(double cost = 1.0);
  // Tokens available now (negative while callers are queued). For tests and metrics.
  double available();

 private:
  void refill();

  const RateLimit limit_;
  const core::Clock& clock_;
  std::mutex mutex_;
  double tokens_;
  core::Timestamp last_;
};

}  // namespace polycopy::net
