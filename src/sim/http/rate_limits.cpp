#include "sim/http/rate_limits.hpp"

namespace polycopy::sim {
namespace {

struct Published {
  const char* method;
  const char* prefix;
  bool exact;
  double per_10s;
};

// docs.polymarket.com rate limits (protocol doc 11), per 10 seconds, as bursts.
constexpr Published kPublished[] = {
    {"POST", "/order", true, 3500},
    {"DELETE", "/order", true, 3000},
    {"POST", "/orders", true, 1000},
    {"", "/book", true, 1500},
    {"", "/price", true, 1500},
    {"", "/midpoint", true, 1500},
    {"", "/books", true, 500},
    {"", "/prices", true, 500},
    {"", "/midpoints", true, 500},
    {"", "/tick-size", true, 200},
    {"", "/data/orders", true, 500},
    {"", "/data/trades", true, 500},
    {"", "/balance-allowance", false, 200},
    {"", "/auth/", false, 100},
    {"", "/gamma/markets", false, 300},
    {"", "/gamma/events", false, 500},
    {"", "/gamma", false, 4000},
    {"", "/data/trades", false, 200},
    {"", "/data/positions", false, 150},
    {"", "/data", false, 1000},
    {"", "/", false, 9000},
};

}  // namespace

RateLimits::RateLimits(const core::Clock& wall) {
  for (const auto& p : kPublished) {
    rules_.push_back(Rule{
        p.method, p.prefix, p.exact,
        std::make_unique<net::TokenBucket>(net::RateLimit{p.per_10s / 10.0, p.per_10s}, wall)});
  }
}

bool RateLimits::allow(const std::string& method, const std::string& path) {
  for (auto& rule : rules_) {
    if (!rule.method.empty() && rule.method != method) continue;
    if (rule.exact ? path != rule.prefix : !path.starts_with(rule.prefix)) continue;
    if (rule.bucket->available() < 1.0) return false;
    rule.bucket->reserve();
    return true;
  }
  return true;
}

}  // namespace polycopy::sim
