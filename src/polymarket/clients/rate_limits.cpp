#include "polymarket/clients/rate_limits.hpp"

#include <algorithm>

namespace polycopy::polymarket {
namespace {

struct Published {
  const char* key;
  double per_10s;
};

// Protocol doc section 11 (docs.polymarket.com rate-limit pages, 2026).
constexpr Published kPublished[] = {
    {"clob", 9000},
    {"clob/book", 1500},
    {"clob/price", 1500},
    {"clob/midpoint", 1500},
    {"clob/spread", 1500},
    {"clob/books", 500},
    {"clob/prices", 500},
    {"clob/midpoints", 500},
    {"clob/tick-size", 200},
    {"clob/markets", 9000},
    {"clob/auth", 100},
    {"clob/order-post", 3500},  // sustained 36 000 / 10 min = 600 / 10 s
    {"clob/order-delete", 3000},
    {"clob/order-batch", 1000},  // sustained 15 000 / 10 min
    {"clob/data/orders", 500},
    {"clob/data/trades", 500},
    {"clob/balance-allowance", 200},
    {"gamma", 4000},
    {"gamma/markets", 300},
    {"gamma/events", 500},
    {"data", 1000},
    {"data/trades", 200},
    {"data/positions", 150},
    {"data/activity", 1000},
    {"data/leaderboard", 1000},
};

}  // namespace

std::vector<NamedRateLimit> default_rate_limits(double fraction) {
  fraction = std::clamp(fraction, 0.01, 1.0);
  std::vector<NamedRateLimit> out;
  for (const auto& p : kPublished) {
    double per_second = p.per_10s / 10.0 * fraction;
    // Orders: the 10-minute sustained limits are about a sixth of the bursts.
    if (std::string_view(p.key) == "clob/order-post") per_second = 36000.0 / 600.0 * fraction;
    if (std::string_view(p.key) == "clob/order-delete") per_second = 30000.0 / 600.0 * fraction;
    if (std::string_view(p.key) == "clob/order-batch") per_second = 15000.0 / 600.0 * fraction;
    out.push_back({p.key, net::RateLimit{per_second, std::max(1.0, per_second)}});
  }
  return out;
}

void apply_rate_limits(net::RateLimiter& limiter, const std::vector<NamedRateLimit>& limits) {
  for (const auto& named : limits) limiter.set_limit(named.key, named.limit);
}

}  // namespace polycopy::polymarket
