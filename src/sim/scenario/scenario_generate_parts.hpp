#pragma once
// The generator's steps (scenario_generator.cpp puts them together). Each draws from its own
// seeded stream, so e.g. changing the number of traders leaves the markets unchanged.
#include <vector>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_generator.hpp"

namespace polycopy::sim {

// What the generator decides about a market but a Scenario does not show.
struct MarketPlan {
  int winner = 0;         // decided up front, so traders' win rates mean something
  core::Price yes_price;  // outcome 0's price while the market is live
};

struct GeneratedMarkets {
  std::vector<ScenarioEvent> events;
  std::vector<ScenarioMarket> markets;
  std::vector<MarketPlan> plans;                // one per market
  std::vector<TimelineResolution> resolutions;  // markets ending during the horizon, by time
};

GeneratedMarkets generate_markets(const GeneratorOptions& options);

std::vector<ScenarioTrader> generate_traders(const GeneratorOptions& options);

// The trades of every trader over history and horizon, sorted by time.
std::vector<TimelineTrade> generate_trades(const GeneratorOptions& options,
                                           const GeneratedMarkets& markets,
                                           const std::vector<ScenarioTrader>& traders);

// Stream ids of SeededRandom::stream, one per step (traders and trades add their index).
inline constexpr std::uint64_t kMarketsStream = 1;
inline constexpr std::uint64_t kTraderStreamBase = 1'000'000;
inline constexpr std::uint64_t kTradesStreamBase = 2'000'000;

}  // namespace polycopy::sim
