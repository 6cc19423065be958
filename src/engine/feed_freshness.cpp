#include "engine/feed_freshness.hpp"

#include <vector>

namespace polycopy::engine {

void FeedFreshness::following(const std::set<std::string>& traders, core::Timestamp now) {
  std::lock_guard lock(mutex_);
  std::erase_if(traders_, [&](const auto& entry) { return !traders.contains(entry.first); });
  for (const auto& trader : traders) traders_.try_emplace(trader, Trader{now, {}, {}});
}

void FeedFreshness::pulled(const std::string& trader, core::Timestamp at) {
  std::lock_guard lock(mutex_);
  auto& entry = traders_.try_emplace(trader, Trader{at, {}, {}}).first->second;
  entry.last_pull = at;
  entry.last_error.reset();
}

void FeedFreshness::failed(const std::string& trader, std::string error) {
  std::lock_guard lock(mutex_);
  auto found = traders_.find(trader);
  if (found != traders_.end()) found->second.last_error = std::move(error);
}

store::HealthCheckRecord FeedFreshness::check(core::Timestamp now,
                                              std::chrono::seconds max_age) const {
  std::lock_guard lock(mutex_);
  store::HealthCheckRecord out;
  out.component = "data_api";
  if (traders_.empty()) {
    out.detail = "no followed traders";
    return out;
  }
  std::vector<std::string> stale;
  std::chrono::milliseconds stalest{0};
  for (const auto& [address, trader] : traders_) {
    const auto age = now - trader.last_pull.value_or(trader.followed_since);
    stalest = std::max(stalest, std::chrono::duration_cast<std::chrono::milliseconds>(age));
    if (age <= max_age) continue;
    std::string line =
        address + (trader.last_pull
                       ? " last pulled " + std::to_string(age / std::chrono::seconds(1)) + " s ago"
                       : " never pulled");
    if (trader.last_error) line += " (" + *trader.last_error + ")";
    stale.push_back(std::move(line));
  }
  const auto total = traders_.size();
  if (stale.empty()) {
    out.detail = std::to_string(total) + " trader(s), stalest pulled " +
                 std::to_string(stalest / std::chrono::seconds(1)) + " s ago";
    return out;
  }
  out.status = stale.size() == total ? store::HealthStatus::failing : store::HealthStatus::degraded;
  std::string detail =
      std::to_string(stale.size()) + " of " + std::to_string(total) + " trader(s) stale: ";
  for (std::size_t i = 0; i < stale.size() && i < 5; ++i) detail += (i ? "; " : "") + stale[i];
  if (stale.size() > 5) detail += "; …";
  out.detail = detail;
  return out;
}

}  // namespace polycopy::engine
