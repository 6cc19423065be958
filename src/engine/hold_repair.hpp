#pragma once
// Bringing a reservation up to date with its order after a crash between the store's write
// and the risk booking that follows it: the order's stored fills are offered to the risk
// manager again (each counted once by its key) and, when the order has ended, what the
// reservation still holds is released. Used by the reconciler (ended orders) and the
// resolver (before a position's resolution is booked).
#include <optional>
#include <string>

#include "core/error.hpp"
#include "risk/risk_manager.hpp"
#include "store/store.hpp"

namespace polycopy::engine {

// How an order in a final state ended, for the risk manager; nullopt while it is live.
std::optional<risk::OrderEnd> order_end(store::OrderState state);

// Offers the order's stored fills to the reservation (no-ops for those booked already).
core::Status replay_fills(store::Store& store, risk::RiskManager& risk,
                          const std::string& lt_strategy_id, const std::string& reservation_id,
                          const std::string& order_id);

// Replays the fills of an ended order, then releases what its reservation still holds.
core::Status book_ended_order(store::Store& store, risk::RiskManager& risk,
                              const std::string& lt_strategy_id,
                              const store::BudgetReservation& hold, const store::OrderRecord& order,
                              risk::OrderEnd end);

}  // namespace polycopy::engine
