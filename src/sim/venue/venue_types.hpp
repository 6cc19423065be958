#pragma once
// The simulated venue's records, as plain values: what the HTTP and websocket layers turn
// into Polymarket's JSON shapes (protocol doc sections 3-6, 9).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "chain/address.hpp"
#include "chain/bytes.hpp"
#include "chain/uint256.hpp"
#include "core/clock.hpp"
#include "core/money.hpp"
#include "polymarket/orders/order.hpp"
#include "polymarket/orders/types.hpp"
#include "sim/scenario/scenario.hpp"

namespace polycopy::sim {

// A market as it stands now (the scenario's market plus what happened since).
struct MarketState {
  ScenarioMarket market;
  bool accepting_orders = true;
  std::optional<core::Price> last_trade_price[2];  // per outcome index
};

struct BookSide {
  std::vector<BookLevel> levels;  // best first
};

struct BookSnapshot {
  chain::Bytes32 condition_id;
  chain::Uint256 token_id;
  core::Timestamp at;
  std::vector<BookLevel> bids;  // best (highest) first
  std::vector<BookLevel> asks;  // best (lowest) first
  polymarket::TickSize tick = polymarket::TickSize::t0_01;
  core::Shares min_order_size;
  bool neg_risk = false;
  std::optional<core::Price> last_trade_price;
};

enum class OrderStatus { live, matched, canceled, unmatched };

struct OrderRecord {
  chain::Bytes32 id;  // the EIP-712 order hash
  std::string owner;  // API key it was posted under
  chain::Address maker;
  chain::Bytes32 condition_id;
  chain::Uint256 token_id;
  int outcome_index = 0;
  polymarket::Side side = polymarket::Side::buy;
  core::Price price;  // limit price
  core::Shares original_size;
  core::Shares size_matched;
  polymarket::OrderType order_type = polymarket::OrderType::gtc;
  std::uint64_t expiration = 0;  // Unix seconds, 0 = none
  OrderStatus status = OrderStatus::live;
  std::vector<std::string> trade_ids;
  core::Timestamp created_at;
};

enum class TradeStatus { matched, mined, confirmed, retrying, failed };

struct MakerFill {
  chain::Bytes32 order_id;  // zero for the simulated market maker's liquidity
  std::string owner;        // API key, "" for the market maker
  chain::Address maker_address;
  core::Shares matched_amount;
  core::Price price;
  chain::Uint256 token_id;
  int outcome_index = 0;
  polymarket::Side side = polymarket::Side::sell;
};

struct TradeRecord {
  std::string id;  // uuid
  chain::Bytes32 taker_order_id;
  std::string taker_owner;  // API key of the taker
  chain::Address taker_address;
  chain::Bytes32 condition_id;
  chain::Uint256 token_id;
  int outcome_index = 0;
  polymarket::Side side = polymarket::Side::buy;  // the taker's side
  core::Shares size;
  core::Price price;  // the taker's average price
  TradeStatus status = TradeStatus::matched;
  core::Timestamp match_time;
  core::Timestamp last_update;
  chain::Bytes32 transaction_hash;
  std::vector<MakerFill> maker_orders;
};

// One row of the Data API's /trades and /activity for a wallet (a fill of one of its
// orders, or a scenario trader's trade).
struct DataTradeRow {
  chain::Address wallet;
  chain::Bytes32 condition_id;
  chain::Uint256 token_id;
  int outcome_index = 0;
  polymarket::Side side = polymarket::Side::buy;
  core::Shares size;
  core::Price price;
  core::Timestamp at;
  chain::Bytes32 transaction_hash;
};

struct PositionRow {
  chain::Address wallet;
  chain::Bytes32 condition_id;
  chain::Uint256 token_id;
  int outcome_index = 0;
  core::Shares size;
  core::Price avg_price;
  core::Usd total_bought;  // cost of every buy
  core::Usd realized_pnl;
  core::Price current_price;  // 1 or 0 once resolved
  bool redeemable = false;    // resolved and on the winning side
};

enum class LeaderboardOrder { pnl, volume };
enum class LeaderboardPeriod { day, week, month, all };

struct LeaderboardRow {
  int rank = 0;
  chain::Address wallet;
  std::string name;
  core::Usd volume;
  core::Usd pnl;
};

struct Balance {
  core::Usd collateral;            // pUSD held
  core::Usd collateral_allowance;  // approved to the exchanges
  core::Usd collateral_reserved;   // held by open BUY orders
};

}  // namespace polycopy::sim
