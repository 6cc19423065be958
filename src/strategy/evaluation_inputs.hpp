#pragma once
// What the shared evaluation looks at (domain.md "Evaluation"), as plain structs of the
// strategy layer: the caller maps venue payloads and store records onto them.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/money.hpp"
#include "strategy/id_set.hpp"

namespace polycopy::strategy {

enum class TradeSide { buy, sell };

// One fill by a trader, as the Data API reports it.
struct SourceTrade {
  std::string trader;            // proxy wallet, lower-case 0x + 40 hex
  std::string transaction_hash;  // with token_id and trader: the source trade's id
  std::string condition_id;
  std::string token_id;  // the outcome token bought
  std::string outcome;   // "Yes", "No", a team name…
  TradeSide side = TradeSide::buy;
  core::Price price;
  core::Shares size;
  core::Timestamp at;
};

struct MarketInfo {
  std::string condition_id;
  std::vector<std::string> token_ids;       // outcome tokens, in outcome order
  std::string question;                     // the title the category keywords are matched on
  std::optional<std::string> category;      // the venue's tag, when it has one
  std::optional<core::Timestamp> end_time;  // absent: the venue gives none, no end check
  bool closed = false;
  bool resolved = false;
  // In-play: the venue's own live flag wins when it reports one; otherwise a market is live
  // from its game start time until its end time (see is_in_play in evaluation.hpp).
  std::optional<bool> live;
  std::optional<core::Timestamp> game_start_time;
  core::Price tick;
  core::Shares min_order_size;
  bool neg_risk = false;
};

// domain.md "Trader statistics", refreshed from resolved history.
struct TraderStats {
  std::int64_t resolved_count = 0;
  std::optional<core::Ratio> win_rate;      // overall; absent with no resolved trade
  std::optional<core::Ratio> win_rate_30d;  // last 30 days (not used by the evaluation)
  std::optional<core::Usd> average_trade_usd;
  core::Usd realized_pnl;
};

// The strategy's book at evaluation time.
struct StrategyState {
  core::Usd cash;               // also the Kelly bankroll
  const IdSet& held_token_ids;  // outcome tokens with an open position
};

// Everything one evaluation reads besides the strategy itself; `now` is passed in.
struct EvaluationInput {
  const SourceTrade& trade;
  const MarketInfo* market;  // nullptr: the market is unknown (market_not_found)
  const TraderStats& trader;
  const StrategyState& state;
  std::optional<core::Ratio> model_probability;  // absent: no model score for this trade
  core::Timestamp now;
};

}  // namespace polycopy::strategy
