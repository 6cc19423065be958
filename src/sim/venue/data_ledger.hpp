#pragma once
// The Data API's view of every wallet: its trade rows (fills of its orders and scenario
// trader trades) and its positions with cost basis and realized PnL; and the leaderboard
// derived from them. Money stays in exact micro-units; cost basis is kept as a total (not an
// average) so that selling everything realizes exactly what was paid.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/clock.hpp"
#include "sim/venue/byte_hash.hpp"
#include "sim/venue/venue_types.hpp"

namespace polycopy::sim {

// What a position is worth now: the outcome's current price and whether it can be redeemed.
struct Mark {
  std::int64_t price_micros = 0;
  bool redeemable = false;
};
using MarkOf = std::function<Mark(const chain::Uint256& token_id)>;

struct PositionState {
  chain::Bytes32 condition_id;
  chain::Uint256 token_id;
  int outcome_index = 0;
  std::int64_t size = 0;          // shares held
  std::int64_t cost = 0;          // pUSD paid for the shares still held
  std::int64_t total_bought = 0;  // pUSD paid for every buy
  std::int64_t realized = 0;
};

class DataLedger {
 public:
  // Records a trade row for row.wallet; usd is what the wallet paid (BUY) or received (SELL).
  // A SELL beyond the shares held (a scenario trader's invented history) only realizes the
  // part it held.
  void record(const DataTradeRow& row, std::int64_t usd);

  std::vector<DataTradeRow> trades(const chain::Address& wallet,
                                   std::optional<polymarket::Side> side,
                                   std::optional<chain::Bytes32> market) const;
  std::vector<PositionRow> positions(const chain::Address& wallet, const MarkOf& mark_of) const;
  // since: only rows after it count toward volume and realized PnL (nullopt = all time).
  // name_of gives a wallet's display name ("" for users).
  std::vector<LeaderboardRow> leaderboard(
      std::optional<core::Timestamp> since, LeaderboardOrder order, const MarkOf& mark_of,
      const std::function<std::string(const chain::Address&)>& name_of) const;

 private:
  struct Row {
    DataTradeRow row;
    std::int64_t usd = 0;
    std::int64_t realized = 0;
  };
  struct Account {
    std::vector<Row> rows;  // in the order they happened
    std::vector<PositionState> positions;
    std::unordered_map<chain::Uint256, std::size_t, Uint256Hash> position_of;
  };
  PositionState& position(Account& account, const DataTradeRow& row);

  std::unordered_map<chain::Address, Account, FixedBytesHash> accounts_;
};

}  // namespace polycopy::sim
