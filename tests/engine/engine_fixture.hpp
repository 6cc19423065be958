#pragma once
// Helpers shared by the engine's component tests: a migrated store in a temporary directory,
// reading back every stored source trade, source trades built by hand, and the simulator's
// controls (trader trades, faults) the tests drive.
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/sim_harness.hpp"
#include "store/store.hpp"

namespace polycopy::engine::testing {

// A migrated SQLite store in its own temporary directory.
struct StoreFixture {
  StoreFixture();
  TempDir dir;
  std::unique_ptr<store::Store> store;
};

// Every stored source trade, oldest first, read through a probe FT strategy that never
// evaluates anything (it and its user are created on first use).
std::vector<store::SourceTradeRecord> stored_trades(store::Store& store);
// The ids of one trader's stored source trades.
std::set<std::string> stored_trade_ids(store::Store& store, const std::string& trader);

// The source-trade id (tx:token:trader) of a raw Data API row.
std::string venue_trade_id(const nlohmann::json& row);
// The ids of every Data API trade of a trader, read raw from the venue.
std::set<std::string> venue_trade_ids(RunningSim& sim, const std::string& trader);

// Lower-case 0x hex of a condition id (or any 32-byte value).
std::string hex32(const chain::Bytes32& value);

// "0x" + n in hex, left-padded with zeros to `digits` hex digits.
std::string fake_hex(std::uint64_t n, std::size_t digits);

// A source trade built by hand (id, usd = price x size rounded down, consistent).
store::SourceTradeRecord make_trade(const std::string& trader, const std::string& condition_id,
                                    const std::string& token_id, std::int64_t outcome_index,
                                    store::TradeSide side, std::int64_t price_micros,
                                    std::int64_t size_micros, core::Timestamp at, std::uint64_t tx);

// Inserts a user (when new) and an FT strategy owned by it.
void add_strategy(store::Store& store, const std::string& user_id, const std::string& id,
                  const store::FtStrategyParams& params);

// POST /sim/trades.
void sim_trade(RunningSim& sim, const std::string& trader, const std::string& token_id,
               const std::string& side, const std::string& price, const std::string& size);
// POST /sim/faults and DELETE /sim/faults.
void add_fault(RunningSim& sim, const nlohmann::json& fault);
void clear_faults(RunningSim& sim);

}  // namespace polycopy::engine::testing
