#pragma once
// Token buckets keyed by host (or any key the caller picks, e.g. "clob.polymarket.com/order").
// Keys without their own limit share nothing: each gets a bucket with the default limit,
// or no limit at all when there is no default.
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "net/token_bucket.hpp"

namespace polycopy::net {

class RateLimiter {
 public:
  explicit RateLimiter(const core::Clock& clock, std::optional<RateLimit> default_limit = {});

  // Sets the limit for a key; a key's bucket is made on first use, so set limits first.
  void set_limit(const std::string& key, RateLimit limit);
  // Reserves `cost` tokens for the key and returns how long to wait. Thread-safe.
  std::chrono::milliseconds reserve(const std::string& key, double cost = 1.0);

 private:
  const core::Clock& clock_;
  std::optional<RateLimit> default_limit_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<TokenBucket>> buckets_;
};

}  // namespace polycopy::net
