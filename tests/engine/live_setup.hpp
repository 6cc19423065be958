#pragma once
// The rows a live strategy needs, as the live-trading tests against the simulator set them up:
// a user (usr_a), a simulated market with its two tokens, a wallet (wal_1) sealed with a
// test key, and an FT twin (ft_a) with its unpaused LT strategy (lt_a) trading from wal_1.
#include <functional>
#include <string>

#include "core/clock.hpp"
#include "core/secret_box.hpp"
#include "sim/scenario/scenario.hpp"
#include "store/store.hpp"

namespace polycopy::engine::testing {

// The first open, unresolved market on the venue's order version (with a 0.01 tick when
// asked); nullptr when the scenario has none.
const sim::ScenarioMarket* open_market(const sim::Scenario& scenario, bool cent_tick = false);

// Inserts user usr_a ("alice").
void store_user(store::Store& store, core::Timestamp now);
// Inserts the market and its two outcome tokens (Yes, No).
void store_market(store::Store& store, const sim::ScenarioMarket& market, core::Timestamp now);
// Inserts wallet wal_1 of usr_a for the private key, sealed with `box`; returns it as stored.
store::Wallet store_wallet(store::Store& store, const core::SecretBox& box,
                           const std::string& private_key, core::Timestamp now);
// An unpaused LT strategy of usr_a twinned with ft_a, trading from wal_1 (not stored).
store::LtStrategy live_strategy(const std::string& id, const std::string& name,
                                core::Timestamp now);
// Inserts ft_a (with these params, named "paper") and lt_a ("live", unpaused, wallet wal_1),
// after `adjust` has had its say on the LT strategy.
void store_live_pair(store::Store& store, core::Timestamp now, store::FtStrategyParams twin = {},
                     const std::function<void(store::LtStrategy&)>& adjust = {});

}  // namespace polycopy::engine::testing
