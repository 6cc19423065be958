#pragma once
// An independent model of forward testing, written from domain.md (not from the engine's
// code), for the end-to-end tests: given the venue's ground truth (the scenario's markets and
// resolutions, the Data API's trades) and the times the engine ticked, it says what every
// source trade's signal must be, which paper positions exist and what the strategy holds.
//
// The engine's tick, as the model reads it: at time t it has stored every trade of its
// traders stamped <= t, knows every market, has recorded the resolutions due by t, settles
// positions on them, then evaluates the new trades oldest first (ties by id).
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/scenario/scenario.hpp"

namespace polycopy::engine::testing {

struct ModelStrategy {
  std::int64_t starting_cash = 0;  // micros
  std::int64_t max_trade_age_s = 600;
  std::set<std::string> traders;  // lower-case
  std::int64_t min_resolved = 0;
  std::int64_t price_min = 0, price_max = 1'000'000;
  std::optional<std::int64_t> min_win_rate, max_win_rate, min_edge, max_edge;
  std::set<std::string> categories;  // tags, lower-case; empty = any
  std::optional<std::int64_t> min_original_usd;
  bool allow_adding = false;
  std::int64_t slippage = 3'000;
  bool edge_scaled = false;  // else fixed
  std::int64_t bet = 10'000'000, min_bet = 1'000'000, max_bet = 100'000'000;
};

struct ModelTrade {
  std::string id;  // tx:token:trader
  std::string trader, condition, token;
  int outcome_index = 0;
  bool buy = true;
  std::int64_t price = 0, size = 0;  // micros
  std::int64_t at_ms = 0;
};

struct ModelPosition {
  std::string trade_id, token, condition;
  int outcome_index = 0;
  std::int64_t entry = 0, shares = 0, cost = 0;
  bool settled = false;
  std::int64_t payout = 0;
};

struct ModelResult {
  std::map<std::string, std::string> signals;      // trade id -> "accepted" or a reason code
  std::map<std::string, ModelPosition> positions;  // by trade id
  std::int64_t cash = 0;
  std::map<std::string, std::int64_t> by_reason;
  std::int64_t realised_pnl = 0;
};

ModelTrade model_trade(const nlohmann::json& data_api_trade);

ModelResult run_model(const ModelStrategy& strategy, const sim::Scenario& scenario,
                      std::vector<ModelTrade> trades, const std::vector<std::int64_t>& ticks_ms);

}  // namespace polycopy::engine::testing
