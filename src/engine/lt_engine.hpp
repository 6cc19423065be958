#pragma once
// The live-trading jobs over every LT strategy that trades (an unpaused one with a wallet):
//   execute     reconcile intents left without an answer, adopt open orders of the wallet the
//               store lacks (alerted), then evaluate new source trades and place orders
//               (lt_executor);
//   track       follow live orders on the venue (polling; the user websocket is the fast path)
//               for every strategy with a wallet, paused ones included: a tripped breaker
//               does not stop its orders from filling or expiring;
//   resolve     settle LT positions of resolved markets beside their FT twins;
//   redemptions redeem the winners on chain (engine/redeemer) when a redeemer is given, and
//               count the records not redeemed yet.
// Each job reports what it did and the problems it met; one strategy's failure does not stop
// the others. Jobs are not re-entrant: the scheduler runs each single-flight.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "engine/lt_executor.hpp"
#include "engine/lt_resolver.hpp"
#include "engine/order_placer.hpp"
#include "engine/order_reconciler.hpp"
#include "engine/order_tracker.hpp"
#include "engine/redeemer.hpp"
#include "engine/venue_order_adopter.hpp"

namespace polycopy::engine {

struct LtEngineOptions {
  // An intent younger than this may still be on its way out: the reconciler leaves it.
  std::chrono::milliseconds reconcile_grace{30'000};
  std::int64_t batch_size = 200;
};

struct LtExecuteReport {
  std::int64_t strategies = 0;
  LtRun runs;  // summed over the strategies (order_ids: every order placed or found)
  std::int64_t adopted = 0, abandoned = 0, holds_released = 0;  // reconciler
  std::int64_t adopted_from_venue = 0;  // open orders the store lacked (alerted)
  std::vector<std::string> problems;
};

struct LtTrackReport {
  std::int64_t strategies = 0;
  std::int64_t orders_checked = 0, fills_recorded = 0, orders_ended = 0;
  std::vector<std::string> problems;
};

struct LtRedemptionReport {
  bool on_chain = false;  // a redeemer ran; else the records were only counted
  // Groups (one wallet and condition each) by what this run did with them.
  std::int64_t confirmed = 0, submitted = 0, failed = 0, waiting = 0;
  core::Usd paid_usd;  // what the confirmed groups were paid
  // Records not redeemed yet after the run (pending, submitted or failed) and what they expect.
  std::int64_t pending = 0;
  core::Usd pending_usd;
  std::vector<std::string> problems;
};

class LtEngine {
 public:
  // The traders an FT strategy discovered on leaderboards (empty when none or not used).
  using DiscoveredTraders = std::function<std::vector<std::string>(const std::string& ft_id)>;

  LtEngine(store::Store& store, risk::RiskManager& risk, WalletAccess& wallets,
           net::HttpClient& http, std::string clob_url, const core::Clock& clock,
           LtEngineOptions options = {});

  // `user_id`: only that user's strategies (a user asking over the API).
  LtExecuteReport execute(const DiscoveredTraders& discovered,
                          const std::optional<std::string>& user_id = std::nullopt,
                          std::optional<core::Timestamp> at = std::nullopt);
  LtTrackReport track(const std::optional<std::string>& user_id = std::nullopt);
  core::Result<LtResolveReport> resolve();
  LtRedemptionReport redemptions(const std::optional<std::string>& user_id = std::nullopt,
                                 Redeemer* redeemer = nullptr);

 private:
  store::Store& store_;
  const core::Clock& clock_;
  LtEngineOptions options_;
  OrderPlacer placer_;
  OrderTracker tracker_;
  OrderReconciler reconciler_;
  VenueOrderAdopter adopter_;
  LtExecutor executor_;
  LtResolver resolver_;
};

}  // namespace polycopy::engine
