#pragma once
// How fresh each followed trader's trades are: when the Data API last answered for the
// trader, and why it last failed. Written by the FT tick, read by the health monitor (its own
// thread). The "data_api" check: failing when every followed trader is stale (older than
// max_age, or never pulled max_age after being followed), degraded when some are.
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "core/clock.hpp"
#include "store/records_health.hpp"

namespace polycopy::engine {

class FeedFreshness {
 public:
  // The traders followed as of this tick (others are forgotten; new ones start now).
  void following(const std::set<std::string>& traders, core::Timestamp now);
  void pulled(const std::string& trader, core::Timestamp at);
  void failed(const std::string& trader, std::string error);

  store::HealthCheckRecord check(core::Timestamp now, std::chrono::seconds max_age) const;

 private:
  struct Trader {
    core::Timestamp followed_since;
    std::optional<core::Timestamp> last_pull;
    std::optional<std::string> last_error;
  };
  mutable std::mutex mutex_;
  std::map<std::string, Trader> traders_;
};

}  // namespace polycopy::engine
