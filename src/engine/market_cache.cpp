#include "engine/market_cache.hpp"

#include <spdlog/spdlog.h>

#include "chain/hex.hpp"
#include "engine/venue_mapping.hpp"

namespace polycopy::engine {

MarketCache::MarketCache(store::Store& store, const polymarket::GammaClient& gamma,
                         const core::Clock& clock)
    : store_(store), gamma_(gamma), clock_(clock) {}

core::Result<MarketRefresh> MarketCache::fill_misses(std::int64_t limit) {
  // Ids the venue did not know sort among the misses: ask for enough to see past them.
  auto misses =
      store_.unknown_trade_conditions(limit + static_cast<std::int64_t>(unknown_to_venue_.size()));
  if (!misses) return misses.error();
  std::vector<std::string> wanted;
  for (auto& id : *misses) {
    if (static_cast<std::int64_t>(wanted.size()) < limit && !unknown_to_venue_.contains(id)) {
      wanted.push_back(std::move(id));
    }
  }
  return refresh(wanted);
}

core::Result<MarketRefresh> MarketCache::refresh_open() {
  unknown_to_venue_.clear();
  auto open = store_.open_market_conditions();
  if (!open) return open.error();
  return refresh(*open);
}

core::Result<MarketRefresh> MarketCache::refresh(const std::vector<std::string>& condition_ids) {
  MarketRefresh result;
  result.requested = static_cast<std::int64_t>(condition_ids.size());
  if (condition_ids.empty()) return result;
  auto markets = gamma_.markets_by_condition_ids(condition_ids);
  if (!markets) return markets.error();
  std::set<std::string> answered;
  const core::Timestamp now = clock_.now();
  for (const auto& gamma : *markets) {
    auto update = to_market_update(gamma, now);
    if (!update) {
      spdlog::warn("market {} skipped: {}: {}", chain::to_hex(gamma.condition_id),
                   update.error().code, update.error().message);
      ++result.refused;
      continue;
    }
    answered.insert(update->market.condition_id);
    if (auto status = store_.upsert_market(update->market, update->tokens); !status) {
      spdlog::warn("market {} not stored: {}: {}", update->market.condition_id, status.error().code,
                   status.error().message);
      ++result.refused;
      continue;
    }
    ++result.stored;
    if (update->resolution) {
      if (auto status = store_.record_resolution(*update->resolution); !status) {
        spdlog::warn("resolution of {} not recorded: {}: {}", update->market.condition_id,
                     status.error().code, status.error().message);
        ++result.refused;
        continue;
      }
      ++result.resolved;
    }
  }
  for (const auto& id : condition_ids) {
    if (!answered.contains(id)) {
      unknown_to_venue_.insert(id);
      ++result.missing;
    }
  }
  return result;
}

}  // namespace polycopy::engine
