#pragma once
// What the crash test compares, read between engine runs: the LT strategy's orders,
// reservations, signals and risk state from the store, and the wallet's orders as the venue
// knows them (every order it ever accepted, its open orders, the orders its trades name).
#include <chrono>
#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/secret_box.hpp"
#include "engine/sim_harness.hpp"
#include "store/store.hpp"

namespace polycopy::engine::testing {

// One LT strategy's records.
struct StoreFacts {
  std::vector<store::OrderRecord> orders;
  std::vector<store::BudgetReservation> reservations;
  // Every LT signal row of the strategy: source trade id, accepted.
  std::vector<std::pair<std::string, bool>> signals;
  // The followed trader's stored source trades.
  std::set<std::string> trades;
  core::Usd risk_reserved;  // the risk state's figure
};

struct StoreScope {
  std::string db_path, user_id, lt_strategy_id, trader;
};

// Reads through `store` (orders, reservations, risk state) and a read-only SQLite
// connection (signals and source trades, which the Store interface does not list).
StoreFacts read_store_facts(store::Store& store, const StoreScope& scope, core::Timestamp now);

// Every order the venue accepted from one maker, from the venue's placement events (so
// orders filled at once or expired since count too), with when each arrived.
class VenuePlacements {
 public:
  VenuePlacements(sim::Venue& venue, const std::string& maker_hex);
  ~VenuePlacements();
  VenuePlacements(const VenuePlacements&) = delete;
  VenuePlacements& operator=(const VenuePlacements&) = delete;

  // Order hash (0x hex) and arrival time, in arrival order (a hash twice means the venue
  // took it twice).
  std::vector<std::pair<std::string, std::chrono::steady_clock::time_point>> all() const;

 private:
  sim::Venue& venue_;
  std::string maker_;
  int subscription_ = -1;
  mutable std::mutex mutex_;
  std::vector<std::pair<std::string, std::chrono::steady_clock::time_point>> placed_;
};

struct VenueFacts {
  std::vector<std::string> placed;  // every acceptance, in order
  std::set<std::string> open;       // GET /data/orders
  std::set<std::string> traded;     // our side of every trade of GET /data/trades
};

// Reads the venue with the wallet's cached API credentials (the engine derived them).
VenueFacts read_venue_facts(RunningSim& sim, store::Store& store, const core::SecretBox& box,
                            const std::string& wallet_id, const VenuePlacements& placements);

}  // namespace polycopy::engine::testing
