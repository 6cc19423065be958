#include "net/rate_limiter.hpp"

namespace polycopy::net {

RateLimiter::RateLimiter(const core::Clock& clock, std::optional<RateLimit> default_limit)
    : clock_(clock), default_limit_(default_limit) {
  if (default_limit_) TokenBucket(*default_limit_, clock_);  // validates now, not on first use
}

void RateLimiter::set_limit(const std::string& key, RateLimit limit) {
  auto bucket = std::make_shared<TokenBucket>(limit, clock_);
  std::lock_guard lock(mutex_);
  buckets_[key] = std::move(bucket);
}

std::chrono::milliseconds RateLimiter::reserve(const std::string& key, double cost) {
  std::shared_ptr<TokenBucket> bucket;  // shared: set_limit may replace it meanwhile
  {
    std::lock_guard lock(mutex_);
    auto found = buckets_.find(key);
    if (found == buckets_.end()) {
      if (!default_limit_) return std::chrono::milliseconds(0);
      found = buckets_.emplace(key, std::make_shared<TokenBucket>(*default_limit_, clock_)).first;
    }
    bucket = found->second;
  }
  return bucket->reserve(cost);
}

}  // namespace polycopy::net
