#pragma once
// Leaderboard discovery (domain.md "Trader statistics"): the top N traders of the boards a
// strategy chose (month PnL, month volume, week PnL). Boards are read once per refresh and
// shared by every strategy that asks for them.
#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "core/error.hpp"
#include "polymarket/clients/data_client.hpp"
#include "store/records.hpp"

namespace polycopy::engine {

class TraderDiscovery {
 public:
  explicit TraderDiscovery(const polymarket::DataClient& data);

  // Forgets the boards read so far: the next call reads them again.
  void clear() { boards_.clear(); }
  // The union of the strategy's boards (lower-case addresses, ascending).
  core::Result<std::vector<std::string>> discover(const store::FtStrategyParams& params);

 private:
  using BoardKey = std::tuple<int, int, std::int64_t>;  // period, order, top N
  core::Result<std::vector<std::string>> board(polymarket::LeaderboardPeriod period,
                                               polymarket::LeaderboardOrder order,
                                               std::int64_t top_n);

  const polymarket::DataClient& data_;
  std::map<BoardKey, std::vector<std::string>> boards_;
};

}  // namespace polycopy::engine
