// The seeded generator: deterministic, valid, realistic in the ways the venue relies on.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "sim/scenario/scenario_generator.hpp"
#include "sim/scenario/scenario_json.hpp"
#include "sim/scenario/scenario_validate.hpp"

namespace polycopy::sim {
namespace {

using std::chrono::hours;

constexpr std::int64_t kOne = core::kMicrosPerUnit;

GeneratorOptions options_with(std::uint64_t seed, int traders, int markets) {
  GeneratorOptions options;
  options.seed = seed;
  options.traders = traders;
  options.markets = markets;
  return options;
}

// One generation shared by the structural tests (the default size).
const Scenario& standard() {
  static const Scenario scenario = generate_scenario(options_with(42, 20, 50));
  return scenario;
}

std::map<chain::Uint256, std::pair<const ScenarioMarket*, int>> outcome_of_token(
    const Scenario& scenario) {
  std::map<chain::Uint256, std::pair<const ScenarioMarket*, int>> out;
  for (const auto& market : scenario.markets) {
    for (int k = 0; k < 2; ++k)
      out[market.outcomes[static_cast<std::size_t>(k)].token_id] = {&market, k};
  }
  return out;
}

TEST(ScenarioGenerator, SameSeedSameScenarioOtherSeedOtherScenario) {
  // Small, as dumping is slow in debug builds; the structure tests cover the default size.
  const auto a = write_scenario_json(generate_scenario(options_with(42, 6, 30)));
  const auto b = write_scenario_json(generate_scenario(options_with(42, 6, 30)));
  const auto c = write_scenario_json(generate_scenario(options_with(43, 6, 30)));
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
}

TEST(ScenarioGenerator, DefaultsAreTheDocumentedOnes) {
  const GeneratorOptions options;
  EXPECT_EQ(options.traders, 20);
  EXPECT_EQ(options.markets, 50);
  EXPECT_EQ(options.start, core::from_unix_ms(1'793'491'200'000));  // 2026-11-01T00:00:00Z
  EXPECT_EQ(options.history, hours(24 * 30));
  EXPECT_EQ(options.horizon, hours(24 * 7));
}

TEST(ScenarioGenerator, CarriesOptionsAndRespectsCounts) {
  for (const auto& [traders, markets] : {std::pair{0, 0}, {1, 1}, {3, 2}, {5, 7}, {20, 50}}) {
    auto options = options_with(7, traders, markets);
    options.speed = 30;
    const auto scenario = generate_scenario(options);
    EXPECT_EQ(scenario.traders.size(), static_cast<std::size_t>(traders));
    EXPECT_EQ(scenario.markets.size(), static_cast<std::size_t>(markets));
    EXPECT_EQ(scenario.seed, 7u);
    EXPECT_EQ(scenario.speed, 30.0);
    EXPECT_EQ(scenario.start, options.start);
    EXPECT_TRUE(validate_scenario(scenario).ok()) << validate_scenario(scenario).error().message;
  }
}

TEST(ScenarioGenerator, PassesTheLoadersChecks) {
  const auto status = validate_scenario(standard());
  EXPECT_TRUE(status.ok()) << status.error().message;
}

TEST(ScenarioGenerator, IdsAreUnique) {
  std::set<std::string> gamma_ids, event_ids, slugs;
  std::set<chain::Bytes32> condition_ids;
  std::set<chain::Uint256> tokens;
  std::set<chain::Address> wallets;
  std::set<std::string> names;
  const auto& s = standard();
  for (const auto& event : s.events) EXPECT_TRUE(event_ids.insert(event.id).second);
  for (const auto& market : s.markets) {
    EXPECT_TRUE(gamma_ids.insert(market.gamma_id).second);
    EXPECT_TRUE(condition_ids.insert(market.condition_id).second);
    EXPECT_TRUE(slugs.insert(market.slug).second) << market.slug;
    EXPECT_FALSE(market.question_id.is_zero());
    for (const auto& outcome : market.outcomes) {
      EXPECT_TRUE(tokens.insert(outcome.token_id).second);
      EXPECT_GE(outcome.token_id.bit_length(), 200);  // CTF-like 256-bit ids
    }
  }
  for (const auto& trader : s.traders) {
    EXPECT_TRUE(wallets.insert(trader.wallet).second);
    EXPECT_TRUE(names.insert(trader.name).second) << trader.name;
  }
}

TEST(ScenarioGenerator, BooksSitOnTheTickAndAreNotCrossed) {
  std::set<polymarket::TickSize> ticks;
  const auto big = generate_scenario(options_with(3, 5, 300));
  for (const auto& market : big.markets) {
    ticks.insert(market.tick);
    const auto tick = polymarket::tick_price(market.tick).micros();
    EXPECT_EQ(market.min_order_size.micros(), 5 * kOne);
    EXPECT_EQ(market.outcomes[0].name, "Yes");
    EXPECT_EQ(market.outcomes[1].name, "No");
    EXPECT_EQ(market.outcomes[0].price.micros() + market.outcomes[1].price.micros(), kOne);
    if (market.closed) {
      ASSERT_TRUE(market.winner.has_value());
      EXPECT_EQ(market.outcomes[static_cast<std::size_t>(*market.winner)].price,
                core::Price::one());
      EXPECT_TRUE(market.outcomes[0].bids.empty() && market.outcomes[0].asks.empty());
      continue;
    }
    EXPECT_EQ(market.outcomes[0].price.micros() % tick, 0);
    for (const auto& outcome : market.outcomes) {
      ASSERT_FALSE(outcome.bids.empty());
      ASSERT_FALSE(outcome.asks.empty());
      EXPECT_LE(outcome.bids.size(), 5u);
      EXPECT_LE(outcome.asks.size(), 5u);
      if (market.tick == polymarket::TickSize::t0_001) {
        EXPECT_EQ(outcome.bids.size(), 5u);  // a fine grid always has room for five
        EXPECT_EQ(outcome.asks.size(), 5u);
      }
      for (const auto* side : {&outcome.bids, &outcome.asks}) {
        for (const auto& level : *side) {
          EXPECT_EQ(level.price.micros() % tick, 0);
          EXPECT_GE(level.price.micros(), tick);
          EXPECT_LE(level.price.micros(), kOne - tick);
          EXPECT_GE(level.size.micros(), 50 * kOne);
          EXPECT_LE(level.size.micros(), 5000 * kOne);
        }
      }
      EXPECT_LT(outcome.bids.front().price, outcome.asks.front().price);
      EXPECT_TRUE(std::is_sorted(outcome.bids.begin(), outcome.bids.end(),
                                 [](auto& a, auto& b) { return a.price > b.price; }));
      EXPECT_TRUE(std::is_sorted(outcome.asks.begin(), outcome.asks.end(),
                                 [](auto& a, auto& b) { return a.price < b.price; }));
      // The outcome's price lies within a few ticks of its book.
      EXPECT_LE(outcome.bids.front().price.micros(), outcome.price.micros() + tick);
      EXPECT_GE(outcome.asks.front().price.micros(), outcome.price.micros() - tick);
    }
  }
  EXPECT_EQ(ticks,
            (std::set<polymarket::TickSize>{polymarket::TickSize::t0_1, polymarket::TickSize::t0_01,
                                            polymarket::TickSize::t0_001}));
}

TEST(ScenarioGenerator, EventsGroupNegRiskMarketsWithOneWinner) {
  const auto big = generate_scenario(options_with(5, 1, 300));
  std::map<std::string, std::vector<const ScenarioMarket*>> members;
  for (const auto& market : big.markets) members[market.event_id].push_back(&market);
  std::map<chain::Bytes32, int> resolved_winner;
  for (const auto& r : big.resolutions) resolved_winner[r.condition_id] = r.winner;
  std::set<std::string> categories;
  int neg_risk_events = 0;
  for (const auto& event : big.events) {
    const auto& group = members[event.id];
    ASSERT_FALSE(group.empty()) << event.id;
    categories.insert(group.front()->category);
    if (!event.neg_risk) {
      EXPECT_EQ(group.size(), 1u);
      EXPECT_EQ(event.title, group.front()->question);
      continue;
    }
    ++neg_risk_events;
    EXPECT_GE(group.size(), 3u);
    EXPECT_LE(group.size(), 6u);
    int yes_winners = 0;
    int known = 0;
    for (const auto* market : group) {
      EXPECT_TRUE(market->neg_risk);
      EXPECT_EQ(market->end_date, group.front()->end_date);
      EXPECT_EQ(market->category, group.front()->category);
      std::optional<int> winner = market->winner;
      if (auto it = resolved_winner.find(market->condition_id); it != resolved_winner.end()) {
        winner = it->second;
      }
      if (!winner) continue;
      ++known;
      if (*winner == 0) ++yes_winners;
    }
    if (known > 0) {
      EXPECT_EQ(yes_winners, 1) << event.title;
    }
  }
  EXPECT_GT(neg_risk_events, 5);
  EXPECT_LT(neg_risk_events, static_cast<int>(big.events.size()) / 2);
  EXPECT_EQ(categories.size(), 5u);
}

TEST(ScenarioGenerator, SomeMarketsResolveBeforeTheStartAndSomeDuringTheHorizon) {
  const auto& s = standard();
  const auto horizon_end = s.start + hours(24 * 7);
  std::map<chain::Bytes32, const ScenarioMarket*> by_condition;
  int closed = 0, later = 0;
  for (const auto& market : s.markets) {
    by_condition[market.condition_id] = &market;
    if (market.closed) {
      ++closed;
      EXPECT_LT(market.end_date, s.start);
      EXPECT_GE(market.end_date, s.start - hours(24 * 30));
    } else {
      EXPECT_GT(market.end_date, s.start);
      if (market.end_date > horizon_end) ++later;
    }
  }
  EXPECT_GT(closed, 0);
  EXPECT_GT(later, 0);
  EXPECT_FALSE(s.resolutions.empty());
  std::set<chain::Bytes32> resolved;
  for (const auto& r : s.resolutions) {
    const auto* market = by_condition.at(r.condition_id);
    EXPECT_EQ(r.at, market->end_date);
    EXPECT_GT(r.at, s.start);
    EXPECT_LE(r.at, horizon_end);
    resolved.insert(r.condition_id);
  }
  for (const auto& market : s.markets) {
    const bool ends_in_horizon = !market.closed && market.end_date <= horizon_end;
    EXPECT_EQ(resolved.contains(market.condition_id), ends_in_horizon) << market.question;
  }
}

TEST(ScenarioGenerator, TradersHaveRealisticProfiles) {
  const auto big = generate_scenario(options_with(8, 200, 5));
  std::set<std::int64_t> intervals;
  for (const auto& trader : big.traders) {
    EXPECT_FALSE(trader.name.empty());
    EXPECT_GE(trader.win_rate.micros(), 350'000);
    EXPECT_LE(trader.win_rate.micros(), 750'000);
    EXPECT_GE(trader.min_trade.micros(), 5 * kOne);
    EXPECT_LE(trader.max_trade.micros(), 500 * kOne);
    EXPECT_LT(trader.min_trade, trader.max_trade);
    EXPECT_GE(trader.categories.size(), 1u);
    EXPECT_LE(trader.categories.size(), 3u);
    EXPECT_GE(trader.mean_interval, std::chrono::minutes(10));
    EXPECT_LE(trader.mean_interval, hours(12));
    intervals.insert(trader.mean_interval.count() / 3600);
  }
  EXPECT_GE(intervals.size(), 6u);  // spread over the range, not one value
}

TEST(ScenarioGenerator, TradesFollowTheRules) {
  const auto& s = standard();
  ASSERT_GT(s.trades.size(), 100u);
  EXPECT_TRUE(std::is_sorted(s.trades.begin(), s.trades.end(),
                             [](auto& a, auto& b) { return a.at < b.at; }));
  EXPECT_TRUE(std::is_sorted(s.resolutions.begin(), s.resolutions.end(),
                             [](auto& a, auto& b) { return a.at < b.at; }));
  std::map<chain::Address, const ScenarioTrader*> traders;
  for (const auto& trader : s.traders) traders[trader.wallet] = &trader;
  const auto outcomes = outcome_of_token(s);
  std::map<std::pair<chain::Address, chain::Uint256>, std::int64_t> held;
  int sells = 0, before_start = 0, after_start = 0;
  for (const auto& trade : s.trades) {
    const auto& trader = *traders.at(trade.trader);
    const auto [market, outcome] = outcomes.at(trade.token_id);
    EXPECT_LT(trade.at, market->end_date);  // only markets still open
    EXPECT_GE(trade.at, s.start - hours(24 * 30));
    EXPECT_LT(trade.at, s.start + hours(24 * 7));
    EXPECT_EQ(core::to_unix_ms(trade.at) % 1000, 0);  // Data API times are whole seconds
    (trade.at < s.start ? before_start : after_start) += 1;
    EXPECT_NE(std::find(trader.categories.begin(), trader.categories.end(), market->category),
              trader.categories.end());
    auto& position = held[{trade.trader, trade.token_id}];
    if (trade.side == polymarket::Side::buy) {
      EXPECT_GE(trade.size, market->min_order_size);
      const auto usd = core::notional(trade.size, trade.price, core::Rounding::down);
      EXPECT_LE(usd, trader.max_trade);
      position += trade.size.micros();
    } else {
      ++sells;
      position -= trade.size.micros();
      EXPECT_GE(position, 0) << "sold more than it held";
    }
    // Near the outcome's live price (outcome prices of closed markets are 0 / 1 now).
    if (!market->closed) {
      const auto live = market->outcomes[static_cast<std::size_t>(outcome)].price.micros();
      const auto tick = polymarket::tick_price(market->tick).micros();
      EXPECT_LE(std::abs(trade.price.micros() - live), 2 * tick);
    }
  }
  EXPECT_GT(sells, 0);
  EXPECT_LT(sells, static_cast<int>(s.trades.size()) / 4);  // mostly buys
  EXPECT_GT(before_start, 0);
  EXPECT_GT(after_start, 0);
}

TEST(ScenarioGenerator, TradersTakeOneSidePerMarket) {
  const auto& s = standard();
  const auto outcomes = outcome_of_token(s);
  std::map<std::pair<chain::Address, const ScenarioMarket*>, int> side;
  for (const auto& trade : s.trades) {
    const auto [market, outcome] = outcomes.at(trade.token_id);
    const auto [it, inserted] = side.emplace(std::pair{trade.trader, market}, outcome);
    EXPECT_EQ(it->second, outcome);
  }
}

TEST(ScenarioGenerator, RealisedWinRatesFollowTheConfiguredOnes) {
  auto options = options_with(2024, 30, 400);
  options.history = hours(24 * 60);
  const auto s = generate_scenario(options);
  std::map<chain::Bytes32, int> winner;
  for (const auto& market : s.markets) {
    if (market.winner) winner[market.condition_id] = *market.winner;
  }
  for (const auto& r : s.resolutions) winner[r.condition_id] = r.winner;
  const auto outcomes = outcome_of_token(s);
  // A position is the trader's first buy in a resolved market: did it back the winner?
  std::map<chain::Address, std::map<chain::Bytes32, bool>> positions;
  for (const auto& trade : s.trades) {
    const auto [market, outcome] = outcomes.at(trade.token_id);
    const auto won = winner.find(market->condition_id);
    if (won == winner.end()) continue;
    positions[trade.trader].emplace(market->condition_id, outcome == won->second);
  }
  double configured_sum = 0, realised_sum = 0;
  int counted = 0;
  for (const auto& trader : s.traders) {
    const auto& mine = positions[trader.wallet];
    if (mine.size() < 40) continue;
    const auto wins = std::count_if(mine.begin(), mine.end(), [](auto& p) { return p.second; });
    const double realised = static_cast<double>(wins) / static_cast<double>(mine.size());
    const double configured = static_cast<double>(trader.win_rate.micros()) / kOne;
    EXPECT_NEAR(realised, configured, 0.25) << trader.name << " over " << mine.size();
    configured_sum += configured;
    realised_sum += realised;
    ++counted;
  }
  ASSERT_GE(counted, 10);
  EXPECT_NEAR(realised_sum / counted, configured_sum / counted, 0.06);
}

TEST(ScenarioGenerator, HonoursAnotherStartAndWindow) {
  auto options = options_with(9, 10, 30);
  options.start = core::from_unix_ms(1'800'000'000'500);
  options.history = hours(48);
  options.horizon = hours(12);
  const auto s = generate_scenario(options);
  EXPECT_EQ(s.start, options.start);
  ASSERT_FALSE(s.trades.empty());
  EXPECT_GE(s.trades.front().at, options.start - options.history);
  EXPECT_LT(s.trades.back().at, options.start + options.horizon);
  for (const auto& r : s.resolutions) EXPECT_LE(r.at, options.start + options.horizon);
  EXPECT_TRUE(validate_scenario(s).ok()) << validate_scenario(s).error().message;
}

TEST(ScenarioGenerator, MarketsDoNotDependOnTheNumberOfTraders) {
  const auto few = generate_scenario(options_with(17, 2, 20));
  const auto many = generate_scenario(options_with(17, 9, 20));
  ASSERT_EQ(few.markets.size(), many.markets.size());
  for (std::size_t i = 0; i < few.markets.size(); ++i) {
    EXPECT_EQ(few.markets[i].condition_id, many.markets[i].condition_id);
  }
  EXPECT_EQ(few.traders[1].wallet, many.traders[1].wallet);
}

TEST(ScenarioGenerator, LargeGenerationIsQuick) {
  const auto began = std::chrono::steady_clock::now();
  const auto s = generate_scenario(options_with(1, 200, 500));
  const auto took = std::chrono::steady_clock::now() - began;
  EXPECT_EQ(s.traders.size(), 200u);
  EXPECT_EQ(s.markets.size(), 500u);
  EXPECT_GT(s.trades.size(), 10'000u);
  EXPECT_LT(took, std::chrono::seconds(10));
}

}  // namespace
}  // namespace polycopy::sim
