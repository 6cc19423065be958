#pragma once
// The venue's published rate limits (protocol doc 11) as token buckets per endpoint, on
// wall-clock time: over the limit a request gets 429 "Too Many Requests" instead of being
// served, so a client's own limiter and back-off can be tested.
#include <memory>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "net/token_bucket.hpp"

namespace polycopy::sim {

class RateLimits {
 public:
  explicit RateLimits(const core::Clock& wall);
  // Whether the request may be served now (takes a token from its buckets if so). path is
  // the full path, prefixes included ("/gamma/markets", "/order").
  bool allow(const std::string& method, const std::string& path);

 private:
  struct Rule {
    std::string method;  // "" = any
    std::string prefix;
    bool exact = false;
    std::unique_ptr<net::TokenBucket> bucket;
  };
  std::vector<Rule> rules_;  // the specific rules first, then the per-service catch-alls
};

}  // namespace polycopy::sim
