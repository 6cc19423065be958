#include "engine/ft_engine.hpp"

#include <set>

#include <spdlog/spdlog.h>

namespace polycopy::engine {

FtEngine::FtEngine(store::Store& store, const polymarket::DataClient& data,
                   const polymarket::GammaClient& gamma, const core::Clock& clock,
                   FtEngineOptions options)
    : store_(store),
      clock_(clock),
      options_(options),
      feed_(store, data, clock, options.feed),
      markets_(store, gamma, clock),
      discovery_(data),
      runner_(store, clock, options.batch_size) {}

bool FtEngine::due(std::optional<core::Timestamp>& last, std::chrono::seconds interval,
                   core::Timestamp now) const {
  // A clock that moved backwards (a venue clock re-synced) also makes the job due.
  if (last && now >= *last && now - *last < interval) return false;
  last = now;
  return true;
}

namespace {

std::string problem(const std::string& what, const core::Error& error) {
  return what + ": " + error.code + ": " + error.message;
}

void add(TickReport& report, const MarketRefresh& refresh) {
  report.markets_stored += refresh.stored;
  report.resolutions += refresh.resolved;
}

}  // namespace

std::vector<std::string> FtEngine::discovered_traders(const std::string& ft_strategy_id) const {
  std::lock_guard lock(discovered_mutex_);
  const auto it = discovered_.find(ft_strategy_id);
  return it == discovered_.end() ? std::vector<std::string>{} : it->second;
}

TickReport FtEngine::tick(std::optional<core::Timestamp> at) {
  TickReport report;
  auto strategies = store_.list_active_ft_strategies();
  if (!strategies) {
    report.problems.push_back(problem("strategies", strategies.error()));
    return report;
  }
  report.strategies = static_cast<std::int64_t>(strategies->size());

  // Whom to follow: explicit lists plus leaderboards (read again when due).
  const core::Timestamp now = at.value_or(clock_.now());
  if (due(last_discovery_, options_.discovery_interval, now)) {
    discovery_.clear();
    std::lock_guard lock(discovered_mutex_);  // writes only: reads here are this thread's
    discovered_.clear();
  }
  std::set<std::string> traders;
  for (const auto& strategy : *strategies) {
    if (uses_discovery(strategy.params) && !discovered_.contains(strategy.id)) {
      auto found = discovery_.discover(strategy.params);
      if (found) {
        std::lock_guard lock(discovered_mutex_);
        discovered_[strategy.id] = std::move(*found);
      } else {
        report.problems.push_back(problem("discovery for " + strategy.id, found.error()));
        last_discovery_.reset();  // try again next tick
      }
    }
    const auto it = discovered_.find(strategy.id);
    for (auto& trader : followed_traders(
             strategy.params, it == discovered_.end() ? std::vector<std::string>{} : it->second)) {
      traders.insert(std::move(trader));
    }
  }
  report.traders = static_cast<std::int64_t>(traders.size());

  freshness_.following(traders, clock_.now());
  for (const auto& trader : traders) {
    auto pulled = feed_.pull(trader);
    if (!pulled) {
      freshness_.failed(trader, pulled.error().code);
      report.problems.push_back(problem("trader " + trader, pulled.error()));
      continue;
    }
    freshness_.pulled(trader, clock_.now());
    report.trades_fetched += pulled->fetched;
    report.trades_stored += pulled->stored;
    if (pulled->truncated) {
      spdlog::warn("trader {}: the venue's paging limit was reached; older trades are not read",
                   trader);
    }
  }

  if (auto misses = markets_.fill_misses(); misses) {
    add(report, *misses);
  } else {
    report.problems.push_back(problem("market misses", misses.error()));
  }
  if (due(last_market_refresh_, options_.market_refresh_interval, now)) {
    if (auto open = markets_.refresh_open(); open) {
      add(report, *open);
    } else {
      report.problems.push_back(problem("market refresh", open.error()));
      last_market_refresh_.reset();
    }
  }

  // Settling first: cash paid out by a resolution is available to this tick's signals.
  if (auto settled = store_.settle_resolved_paper_positions(now); settled) {
    report.positions_settled = *settled;
  } else {
    report.problems.push_back(problem("settlement", settled.error()));
  }

  for (const auto& strategy : *strategies) {
    const auto it = discovered_.find(strategy.id);
    auto run = runner_.run(strategy,
                           it == discovered_.end() ? std::vector<std::string>{} : it->second, now);
    if (!run) {
      report.problems.push_back(problem("strategy " + strategy.id, run.error()));
      continue;
    }
    report.evaluated += run->evaluated;
    report.accepted += run->accepted;
  }
  return report;
}

}  // namespace polycopy::engine
