#pragma once
// The risk manager's entry points for the engine: each runs one pure decision
// (transitions.hpp) on a snapshot the store loads inside one write transaction, so a check
// and its reservation are atomic across threads and processes.
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "polymarket/parse/types.hpp"
#include "risk/transitions.hpp"
#include "store/store.hpp"

namespace polycopy::risk {

struct ReserveOutcome {
  std::optional<std::string> reservation_id;  // set when every rule held
  std::optional<store::RiskRefusal> refusal;  // else the first failing rule
  core::Usd amount;                           // what was (or would have been) held
};

class RiskManager {
 public:
  RiskManager(store::Store& store, const core::Clock& clock);

  // Checks every rule against the state including in-flight reservations and, when they
  // hold, reserves the order's amount against every window and the exposure. With an
  // intent, the order's write-ahead intent is stored in the same transaction, bound to the
  // reservation; an order stored already with its idempotency key is the error
  // `order_exists` (nothing written).
  core::Result<ReserveOutcome> check_and_reserve(
      const std::string& lt_strategy_id, const OrderRequest& order,
      std::optional<store::OrderRecord> intent = std::nullopt);
  // The same with the ask side of a venue order book.
  core::Result<ReserveOutcome> check_and_reserve(
      const std::string& lt_strategy_id, const std::string& condition_id, core::Price limit_price,
      core::Shares size, const polymarket::parse::OrderBook& book,
      std::optional<store::OrderRecord> intent = std::nullopt);

  // Holds the budget of an order the venue has but the store lacked (adopted), whatever the
  // rules say (refusing cannot undo it), stores its intent bound to the hold and raises
  // `alert`, all in one transaction; the new reservation's id.
  core::Result<std::string> hold_adopted_order(const std::string& lt_strategy_id,
                                               const OrderRequest& order, store::RiskAlert alert,
                                               store::OrderRecord intent);

  // Fill, end of order, resolution: a refusal comes back as an error with its code; an
  // event seen before is a no-op (decision.no_op).
  core::Result<store::RiskDecision> record_fill(const std::string& lt_strategy_id, FillEvent event);
  core::Result<store::RiskDecision> finish_order(const std::string& lt_strategy_id,
                                                 const FinishEvent& event);
  core::Result<store::RiskDecision> record_resolution(const std::string& lt_strategy_id,
                                                      ResolveEvent event);
  // Confirms a redemption with what the chain paid; a difference from what the resolution
  // booked is booked as PnL (transitions.hpp RedemptionPaidEvent).
  core::Result<store::RiskDecision> record_redemption_paid(const std::string& lt_strategy_id,
                                                           RedemptionPaidEvent event);
  // Closes an open breaker (and by default resumes the strategy); a no-op when closed.
  core::Result<store::RiskDecision> reset_breaker(const std::string& lt_strategy_id,
                                                  ResetBreakerEvent event);
  // Pauses the strategy with a critical alert and an audit entry (transitions.hpp HaltEvent).
  core::Result<store::RiskDecision> halt(const std::string& lt_strategy_id, HaltEvent event);

 private:
  core::Result<store::RiskDecision> apply(const store::RiskEventScope& scope,
                                          const store::RiskDecider& decide);

  store::Store& store_;
  const core::Clock& clock_;
};

}  // namespace polycopy::risk
