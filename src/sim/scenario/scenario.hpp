#pragma once
// What a simulated venue starts from: markets with their books, events, followed traders,
// a timeline of trader trades and resolutions, the clock and the default wallet funding.
// Loaded from a file (scenario_file.hpp) or generated from a seed (scenario_generator.hpp).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "chain/address.hpp"
#include "chain/bytes.hpp"
#include "chain/uint256.hpp"
#include "core/clock.hpp"
#include "core/money.hpp"
#include "polymarket/orders/types.hpp"

namespace polycopy::sim {

struct BookLevel {
  core::Price price;
  core::Shares size;
};

struct ScenarioOutcome {
  std::string name;  // "Yes", "No", "Up", ...
  chain::Uint256 token_id;
  core::Price price;            // the outcome price Gamma shows
  std::vector<BookLevel> bids;  // resting liquidity of the simulated market maker
  std::vector<BookLevel> asks;
};

struct ScenarioMarket {
  std::string gamma_id;  // Gamma's numeric id, as a string ("1557558")
  chain::Bytes32 condition_id;
  chain::Bytes32 question_id;
  std::string question;
  std::string slug;
  std::string category;  // e.g. "politics", "sports", "crypto"
  std::string event_id;  // the Gamma event it belongs to ("" = none)
  std::array<ScenarioOutcome, 2> outcomes;
  polymarket::TickSize tick = polymarket::TickSize::t0_01;
  core::Shares min_order_size = core::Shares::from_micros(5'000'000);
  bool neg_risk = false;
  int order_version = 2;  // the exchange its orders are signed for: 1, 2 or 3
  core::Timestamp end_date;
  bool closed = false;
  std::optional<int> winner;  // outcome index, when already resolved at the start
};

struct ScenarioEvent {
  std::string id;  // Gamma event id
  std::string slug;
  std::string title;
  bool neg_risk = false;
};

struct ScenarioTrader {
  chain::Address wallet;  // proxy wallet: what the Data API keys users by
  std::string name;
  core::Ratio win_rate;  // share of its positions on the outcome that wins
  core::Usd min_trade;
  core::Usd max_trade;
  std::vector<std::string> categories;    // markets it trades; empty = any
  std::chrono::seconds mean_interval{0};  // between two of its trades
};

struct TimelineTrade {
  core::Timestamp at;
  chain::Address trader;
  chain::Uint256 token_id;
  polymarket::Side side = polymarket::Side::buy;
  core::Price price;
  core::Shares size;
};

struct TimelineResolution {
  core::Timestamp at;
  chain::Bytes32 condition_id;
  int winner = 0;  // outcome index
};

struct Scenario {
  std::uint64_t seed = 1;
  core::Timestamp start;   // simulated time when the venue starts
  double speed = 1.0;      // simulated seconds per wall-clock second
  int server_version = 2;  // what GET /version announces
  core::Usd default_balance = core::Usd::from_micros(10'000'000'000);    // per new wallet
  core::Usd default_allowance = core::Usd::from_micros(10'000'000'000);  // collateral allowance
  std::vector<ScenarioEvent> events;
  std::vector<ScenarioMarket> markets;
  std::vector<ScenarioTrader> traders;
  std::vector<TimelineTrade> trades;            // sorted by time; those before start are history
  std::vector<TimelineResolution> resolutions;  // sorted by time
};

}  // namespace polycopy::sim
