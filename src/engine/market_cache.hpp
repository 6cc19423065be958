#pragma once
// The store's copy of the venue's markets (Gamma): markets seen in source trades but not yet
// stored are fetched on every pass (a miss), open markets are refreshed on the engine's
// schedule. A clean resolution the venue reports is recorded with the market, which also
// brings the trader statistics up to date (store.hpp).
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "polymarket/clients/gamma_client.hpp"
#include "store/store.hpp"

namespace polycopy::engine {

struct MarketRefresh {
  std::int64_t requested = 0;  // condition ids asked for
  std::int64_t stored = 0;     // markets written
  std::int64_t resolved = 0;   // resolutions recorded (new or repeated)
  std::int64_t missing = 0;    // ids the venue does not know
  std::int64_t refused = 0;    // markets the store or the mapping refused (logged)
};

class MarketCache {
 public:
  MarketCache(store::Store& store, const polymarket::GammaClient& gamma, const core::Clock& clock);

  // Markets of stored source trades that the store lacks. Ids the venue did not know are not
  // asked again until the next refresh_open.
  core::Result<MarketRefresh> fill_misses(std::int64_t limit = 1000);
  // Every stored market that is not closed.
  core::Result<MarketRefresh> refresh_open();
  core::Result<MarketRefresh> refresh(const std::vector<std::string>& condition_ids);

 private:
  store::Store& store_;
  const polymarket::GammaClient& gamma_;
  const core::Clock& clock_;
  std::set<std::string> unknown_to_venue_;
};

}  // namespace polycopy::engine
