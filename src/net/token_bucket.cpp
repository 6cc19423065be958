#include "net/token_bucket.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"

namespace polycopy::net {

TokenBucket::TokenBucket(RateLimit limit, const core::Clock& clock)
    : limit_(limit), clock_(clock), tokens_(limit.burst), last_(clock.now()) {
  if (!(limit.rate_per_second > 0) || !(limit.burst >= 1))
    throw core::Failure("invalid_rate_limit", "a rate limit needs rate > 0 and burst >= 1");
}

void TokenBucket::refill() {
  const auto now = clock_.now();
  if (now <= last_) return;  // a clock that stands still or steps back adds nothing
  const double seconds = std::chrono::duration<double>(now - last_).count();
  tokens_ = std::min(limit_.burst, tokens_ + seconds * limit_.rate_per_second);
  last_ = now;
}

std::chrono::milliseconds TokenBucket::reserve(double cost) {
  std::lock_guard lock(mutex_);
  refill();
  tokens_ -= cost;
  if (tokens_ >= 0) return std::chrono::milliseconds(0);
  const double wait_ms = std::ceil(-tokens_ / limit_.rate_per_second * 1000.0);
  return std::chrono::milliseconds(static_cast<std::int64_t>(wait_ms));
}

double TokenBucket::available() {
  std::lock_guard lock(mutex_);
  refill();
  return tokens_;
}

}  // namespace polycopy::net
