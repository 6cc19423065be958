#pragma once
// The forward-testing job: one tick follows every active FT strategy's traders, stores their
// new trades, fills and refreshes the market cache, settles paper positions on resolved
// markets, then lets each strategy evaluate what it has not seen. Ticks are safe to repeat
// and to interrupt at any point (each step is a store transaction): a restarted engine
// neither misses nor repeats a trade.
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "engine/feed_freshness.hpp"
#include "engine/ft_runner.hpp"
#include "engine/market_cache.hpp"
#include "engine/trader_discovery.hpp"
#include "engine/trader_feed.hpp"

namespace polycopy::engine {

struct FtEngineOptions {
  std::chrono::seconds market_refresh_interval{300};  // open markets (misses: every tick)
  std::chrono::seconds discovery_interval{3600};      // leaderboards
  FeedOptions feed;
  std::int64_t batch_size = 500;  // outcomes stored per transaction
};

struct TickReport {
  std::int64_t strategies = 0;
  std::int64_t traders = 0;
  std::int64_t trades_fetched = 0;
  std::int64_t trades_stored = 0;
  std::int64_t markets_stored = 0;
  std::int64_t resolutions = 0;
  std::int64_t positions_settled = 0;
  std::int64_t evaluated = 0;
  std::int64_t accepted = 0;
  // Steps that failed this tick ("trader 0x…: http_error: …"); the rest of the tick still ran.
  std::vector<std::string> problems;
};

class FtEngine {
 public:
  FtEngine(store::Store& store, const polymarket::DataClient& data,
           const polymarket::GammaClient& gamma, const core::Clock& clock,
           FtEngineOptions options = {});

  // One tick as of `at` (default: the clock's now): every step of the tick uses that time,
  // so a tick is one consistent picture however long it takes.
  TickReport tick(std::optional<core::Timestamp> at = std::nullopt);

  // The leaderboard traders an FT strategy follows as of the last tick (for its LT twins).
  // Thread-safe: the LT jobs read it from their own thread.
  std::vector<std::string> discovered_traders(const std::string& ft_strategy_id) const;
  // When each followed trader's trades were last pulled (thread-safe: the health monitor's).
  const FeedFreshness& freshness() const { return freshness_; }

 private:
  bool due(std::optional<core::Timestamp>& last, std::chrono::seconds interval,
           core::Timestamp now) const;

  store::Store& store_;
  const core::Clock& clock_;
  FtEngineOptions options_;
  TraderFeed feed_;
  FeedFreshness freshness_;
  MarketCache markets_;
  TraderDiscovery discovery_;
  FtRunner runner_;
  std::optional<core::Timestamp> last_market_refresh_, last_discovery_;
  mutable std::mutex discovered_mutex_;
  std::map<std::string, std::vector<std::string>> discovered_;  // by strategy id
};

}  // namespace polycopy::engine
