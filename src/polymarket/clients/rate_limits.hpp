#pragma once
// Default token buckets for the venue's hosts and endpoints (protocol doc section 11), keyed
// the way RestEndpoint names them: "<prefix>/<bucket>", e.g. "clob/book", and "<prefix>" for
// everything else on that host. Published limits are per 10 s windows; the defaults run at
// `fraction` of them with a one-second burst so the engine stays clear of throttling.
#include <string>
#include <utility>
#include <vector>

#include "net/rate_limiter.hpp"

namespace polycopy::polymarket {

struct NamedRateLimit {
  std::string key;
  net::RateLimit limit;
};

// Every key the clients use, from the published numbers scaled by fraction (0 < f <= 1).
std::vector<NamedRateLimit> default_rate_limits(double fraction = 0.8);

// set_limit for each (call before the first request: buckets are made on first use).
void apply_rate_limits(net::RateLimiter& limiter, const std::vector<NamedRateLimit>& limits);

}  // namespace polycopy::polymarket
