#include "engine/trader_discovery.hpp"

#include <algorithm>

#include "chain/hex.hpp"

namespace polycopy::engine {

TraderDiscovery::TraderDiscovery(const polymarket::DataClient& data) : data_(data) {}

core::Result<std::vector<std::string>> TraderDiscovery::board(polymarket::LeaderboardPeriod period,
                                                              polymarket::LeaderboardOrder order,
                                                              std::int64_t top_n) {
  const BoardKey key{static_cast<int>(period), static_cast<int>(order), top_n};
  if (auto it = boards_.find(key); it != boards_.end()) return it->second;
  // The board pages 50 at a time (the venue's cap).
  constexpr std::int64_t kPage = 50;
  std::vector<std::string> addresses;
  for (std::int64_t offset = 0; static_cast<std::int64_t>(addresses.size()) < top_n;
       offset += kPage) {
    polymarket::LeaderboardQuery query;
    query.period = period;
    query.order_by = order;
    query.limit = std::min(kPage, top_n - static_cast<std::int64_t>(addresses.size()));
    query.offset = offset;
    auto entries = data_.leaderboard(query);
    if (!entries) return entries.error();
    for (const auto& entry : *entries) {
      if (static_cast<std::int64_t>(addresses.size()) >= top_n) break;
      addresses.push_back(chain::to_hex(entry.proxy_wallet));
    }
    if (static_cast<std::int64_t>(entries->size()) < *query.limit) break;
  }
  boards_.emplace(key, addresses);
  return addresses;
}

core::Result<std::vector<std::string>> TraderDiscovery::discover(
    const store::FtStrategyParams& params) {
  using polymarket::LeaderboardOrder;
  using polymarket::LeaderboardPeriod;
  std::vector<std::string> out;
  const auto add = [&](bool wanted, LeaderboardPeriod period,
                       LeaderboardOrder order) -> core::Status {
    if (!wanted) return {};
    auto top = board(period, order, params.discover_top_n);
    if (!top) return top.error();
    out.insert(out.end(), top->begin(), top->end());
    return {};
  };
  if (auto s = add(params.discover_month_pnl, LeaderboardPeriod::month, LeaderboardOrder::pnl); !s)
    return s.error();
  if (auto s =
          add(params.discover_month_volume, LeaderboardPeriod::month, LeaderboardOrder::volume);
      !s)
    return s.error();
  if (auto s = add(params.discover_week_pnl, LeaderboardPeriod::week, LeaderboardOrder::pnl); !s)
    return s.error();
  std::ranges::sort(out);
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace polycopy::engine
