#include "sim/scenario/scenario_validate.hpp"

#include <cmath>
#include <map>

#include "chain/hex.hpp"

namespace polycopy::sim {
namespace {

std::string at(const std::string& name, std::size_t index) {
  return name + "[" + std::to_string(index) + "]";
}

// Remembers where each key first appeared, to report the second one as a duplicate.
template <class Key>
class FirstSeen {
 public:
  // The path of the earlier occurrence, or "" when key is new.
  std::string claim(const Key& key, const std::string& path) {
    const auto [it, inserted] = first_.emplace(key, path);
    return inserted ? std::string() : it->second;
  }

 private:
  std::map<Key, std::string> first_;
};

bool on_tick(core::Price price, core::Price tick) {
  return price.micros() % tick.micros() == 0;
}

// A limit price the exchange accepts: tick <= p <= 1 - tick.
bool inside_tick_range(core::Price price, core::Price tick) {
  return price >= tick && price.micros() <= core::kMicrosPerUnit - tick.micros();
}

void check_price_on_grid(core::Price price, core::Price tick, const std::string& path,
                         ScenarioProblems& problems) {
  if (!on_tick(price, tick)) {
    problems.add(path, price.to_string() + " is not a multiple of the tick " + tick.to_string());
  } else if (!inside_tick_range(price, tick)) {
    problems.add(path, price.to_string() + " is outside [" + tick.to_string() + ", " +
                           core::format_micros(core::kMicrosPerUnit - tick.micros()) + "]");
  }
}

void check_levels(const std::vector<BookLevel>& levels, const std::string& path, core::Price tick,
                  ScenarioProblems& problems) {
  FirstSeen<core::Price> prices;
  for (std::size_t i = 0; i < levels.size(); ++i) {
    const auto level_path = at(path, i);
    check_price_on_grid(levels[i].price, tick, level_path + ".price", problems);
    const auto earlier = prices.claim(levels[i].price, level_path);
    if (!earlier.empty()) {
      problems.add(level_path + ".price",
                   "duplicate level " + levels[i].price.to_string() + " (also at " + earlier + ")");
    }
    if (levels[i].size.micros() <= 0) problems.add(level_path + ".size", "must be positive");
  }
}

void check_book(const ScenarioOutcome& outcome, const std::string& path, core::Price tick,
                ScenarioProblems& problems) {
  check_levels(outcome.bids, path + ".bids", tick, problems);
  check_levels(outcome.asks, path + ".asks", tick, problems);
  if (outcome.bids.empty() || outcome.asks.empty()) return;
  core::Price best_bid = outcome.bids.front().price;
  core::Price best_ask = outcome.asks.front().price;
  for (const auto& level : outcome.bids) best_bid = std::max(best_bid, level.price);
  for (const auto& level : outcome.asks) best_ask = std::min(best_ask, level.price);
  if (best_bid >= best_ask) {
    problems.add(path, "crossed book: best bid " + best_bid.to_string() + " >= best ask " +
                           best_ask.to_string());
  }
}

void check_top_level(const Scenario& scenario, ScenarioProblems& problems) {
  if (!std::isfinite(scenario.speed) || scenario.speed < 0) {
    problems.add("speed", "must be a finite number >= 0");
  }
  if (scenario.server_version < 1 || scenario.server_version > 3) {
    problems.add("server_version", "must be 1, 2 or 3");
  }
  if (scenario.default_balance.is_negative())
    problems.add("default_balance", "must not be negative");
  if (scenario.default_allowance.is_negative()) {
    problems.add("default_allowance", "must not be negative");
  }
}

void check_events(const Scenario& scenario, ScenarioProblems& problems) {
  FirstSeen<std::string> ids;
  for (std::size_t i = 0; i < scenario.events.size(); ++i) {
    const auto& event = scenario.events[i];
    const auto path = at("events", i);
    if (event.id.empty()) problems.add(path + ".id", "must not be empty");
    const auto earlier = ids.claim(event.id, path);
    if (!earlier.empty()) problems.add(path + ".id", "duplicate of " + earlier);
  }
}

void check_market_event(const ScenarioMarket& market, const std::string& path,
                        const std::map<std::string, const ScenarioEvent*>& events,
                        ScenarioProblems& problems) {
  const ScenarioEvent* event = nullptr;
  if (!market.event_id.empty()) {
    const auto found = events.find(market.event_id);
    if (found == events.end()) {
      problems.add(path + ".event_id", "unknown event '" + market.event_id + "'");
      return;
    }
    event = found->second;
  }
  // Neg-risk markets trade on their own exchange as members of a neg-risk event.
  const bool event_neg_risk = event != nullptr && event->neg_risk;
  if (market.neg_risk && !event_neg_risk) {
    problems.add(path + ".neg_risk", "a neg-risk market must belong to a neg-risk event");
  } else if (!market.neg_risk && event_neg_risk) {
    problems.add(path + ".neg_risk", "must be true: event '" + event->id + "' is neg-risk");
  }
}

void check_markets(const Scenario& scenario, ScenarioProblems& problems) {
  std::map<std::string, const ScenarioEvent*> events;
  for (const auto& event : scenario.events) events.emplace(event.id, &event);
  FirstSeen<std::string> gamma_ids;
  FirstSeen<chain::Bytes32> condition_ids;
  FirstSeen<chain::Uint256> token_ids;
  for (std::size_t i = 0; i < scenario.markets.size(); ++i) {
    const auto& market = scenario.markets[i];
    const auto path = at("markets", i);
    if (market.gamma_id.empty()) problems.add(path + ".gamma_id", "must not be empty");
    if (auto earlier = gamma_ids.claim(market.gamma_id, path); !earlier.empty()) {
      problems.add(path + ".gamma_id", "duplicate of " + earlier);
    }
    if (auto earlier = condition_ids.claim(market.condition_id, path); !earlier.empty()) {
      problems.add(path + ".condition_id", "duplicate of " + earlier);
    }
    if (market.question.empty()) problems.add(path + ".question", "must not be empty");
    check_market_event(market, path, events, problems);
    if (market.min_order_size.micros() <= 0) {
      problems.add(path + ".min_order_size", "must be positive");
    }
    if (market.order_version < 1 || market.order_version > 3) {
      problems.add(path + ".order_version", "must be 1, 2 or 3");
    }
    if (market.winner && *market.winner != 0 && *market.winner != 1) {
      problems.add(path + ".winner", "must be 0 or 1");
    } else if (market.winner && !market.closed) {
      problems.add(path + ".winner", "set on a market that is not closed");
    }
    const auto tick = polymarket::tick_price(market.tick);
    for (std::size_t k = 0; k < market.outcomes.size(); ++k) {
      const auto& outcome = market.outcomes[k];
      const auto outcome_path = path + ".outcomes[" + std::to_string(k) + "]";
      if (outcome.name.empty()) problems.add(outcome_path + ".name", "must not be empty");
      if (auto earlier = token_ids.claim(outcome.token_id, outcome_path); !earlier.empty()) {
        problems.add(outcome_path + ".token_id", "duplicate of " + earlier);
      }
      // A resolved market shows 1 and 0, as Gamma does; a live one strictly between.
      const bool in_open_range = outcome.price.micros() > 0 && outcome.price < core::Price::one();
      if (!market.closed && !in_open_range) {
        problems.add(outcome_path + ".price", outcome.price.to_string() + " is outside (0, 1)");
      }
      check_book(outcome, outcome_path, tick, problems);
    }
  }
}

void check_traders(const Scenario& scenario, ScenarioProblems& problems) {
  FirstSeen<chain::Address> wallets;
  for (std::size_t i = 0; i < scenario.traders.size(); ++i) {
    const auto& trader = scenario.traders[i];
    const auto path = at("traders", i);
    if (auto earlier = wallets.claim(trader.wallet, path); !earlier.empty()) {
      problems.add(path + ".wallet", "duplicate of " + earlier);
    }
    if (trader.win_rate.is_negative() || trader.win_rate.micros() > core::kMicrosPerUnit) {
      problems.add(path + ".win_rate", "must be between 0 and 1");
    }
    if (trader.min_trade.is_negative()) problems.add(path + ".min_trade", "must not be negative");
    if (trader.max_trade < trader.min_trade) {
      problems.add(path + ".max_trade", "must not be below min_trade");
    }
    if (trader.mean_interval.count() < 0) {
      problems.add(path + ".mean_interval_seconds", "must not be negative");
    }
  }
}

void check_trades(const Scenario& scenario, ScenarioProblems& problems) {
  std::map<chain::Uint256, const ScenarioMarket*> market_of_token;
  for (const auto& market : scenario.markets) {
    for (const auto& outcome : market.outcomes) market_of_token.emplace(outcome.token_id, &market);
  }
  std::set<chain::Address> wallets;
  for (const auto& trader : scenario.traders) wallets.insert(trader.wallet);
  for (std::size_t i = 0; i < scenario.trades.size(); ++i) {
    const auto& trade = scenario.trades[i];
    const auto path = at("trades", i);
    if (!wallets.contains(trade.trader)) {
      problems.add(path + ".trader", "unknown trader " + chain::to_hex(trade.trader));
    }
    const auto market = market_of_token.find(trade.token_id);
    if (market == market_of_token.end()) {
      problems.add(path + ".token_id", "unknown token " + trade.token_id.to_decimal());
    } else {
      check_price_on_grid(trade.price, polymarket::tick_price(market->second->tick),
                          path + ".price", problems);
    }
    if (trade.size.micros() <= 0) problems.add(path + ".size", "must be positive");
  }
}

void check_resolutions(const Scenario& scenario, ScenarioProblems& problems) {
  std::map<chain::Bytes32, const ScenarioMarket*> markets;
  for (const auto& market : scenario.markets) markets.emplace(market.condition_id, &market);
  FirstSeen<chain::Bytes32> resolved;
  for (std::size_t i = 0; i < scenario.resolutions.size(); ++i) {
    const auto& resolution = scenario.resolutions[i];
    const auto path = at("resolutions", i);
    const auto market = markets.find(resolution.condition_id);
    if (market == markets.end()) {
      problems.add(path + ".condition_id",
                   "unknown market " + chain::to_hex(resolution.condition_id));
    } else if (market->second->closed) {
      problems.add(path + ".condition_id", "market is already closed at the start");
    } else if (auto earlier = resolved.claim(resolution.condition_id, path); !earlier.empty()) {
      problems.add(path + ".condition_id", "market already resolved by " + earlier);
    }
    if (resolution.winner != 0 && resolution.winner != 1) {
      problems.add(path + ".winner", "must be 0 or 1");
    }
    if (resolution.at < scenario.start) {
      problems.add(path + ".at", "before start: mark the market closed with its winner instead");
    }
  }
}

}  // namespace

void ScenarioProblems::add(const std::string& path, const std::string& what) {
  if (covered(path)) return;
  paths_.insert(path);
  list_.push_back(path + ": " + what);
}

bool ScenarioProblems::covered(const std::string& path) const {
  if (paths_.contains(path)) return true;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if ((path[i] == '.' || path[i] == '[') && paths_.contains(path.substr(0, i))) return true;
  }
  return false;
}

core::Status ScenarioProblems::status() const {
  if (list_.empty()) return core::Status::success();
  std::string message =
      std::to_string(list_.size()) + (list_.size() == 1 ? " problem: " : " problems: ");
  for (std::size_t i = 0; i < list_.size(); ++i) message += (i == 0 ? "" : "; ") + list_[i];
  return core::Error{"invalid_scenario", message};
}

void check_scenario(const Scenario& scenario, ScenarioProblems& problems) {
  check_top_level(scenario, problems);
  check_events(scenario, problems);
  check_markets(scenario, problems);
  check_traders(scenario, problems);
  check_trades(scenario, problems);
  check_resolutions(scenario, problems);
}

core::Status validate_scenario(const Scenario& scenario) {
  ScenarioProblems problems;
  check_scenario(scenario, problems);
  return problems.status();
}

}  // namespace polycopy::sim
