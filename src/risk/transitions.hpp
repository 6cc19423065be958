#pragma once
// The risk manager's decisions: pure functions of a snapshot (loaded by the store inside the
// write transaction) and an event, returning what to write or why not. Every one rolls the
// budget windows to the snapshot's `now` first.
//
// Accounting. A reservation holds `amount` (size x limit price, rounded up) against the
// windows it was made in and against exposure. A fill of cost c (shares x price, rounded up)
// moves min(c, outstanding) from reserved to spent; cost beyond the hold (a fill above the
// limit, or after the order ended) is spent too, and alerted. Ending the order releases what
// is still held. So for the current windows: spent = filled cost of their reservations and
// reserved = what their live reservations still hold.
#include <optional>
#include <string>
#include <vector>

#include "risk/book_facts.hpp"
#include "store/records_risk.hpp"

namespace polycopy::risk {

struct OrderRequest {
  std::string condition_id;
  std::string token_id;
  core::Price limit_price;
  core::Shares size;
  std::vector<AskLevel> asks;  // the book's ask side when the order is decided
};

struct ReserveEvent {
  std::string reservation_id;  // the id to give the new reservation
  OrderRequest order;
  // An order that exists on the venue already (one the store lacked, adopted): its budget is
  // held whatever the rules say, since refusing cannot undo it, and this alert is raised.
  std::optional<store::RiskAlert> adopted;
  // The order's write-ahead intent, stored with the reservation in one transaction.
  std::optional<store::OrderRecord> intent;
};

struct FillEvent {
  std::string reservation_id;
  std::string fill_key;  // the venue trade id: each fill counts once
  core::Shares shares;
  core::Price price;
  bool completes_order = false;  // the order is done: release what is still held
  core::Timestamp filled_at;
  std::string alert_id;  // used if the fill raises an alert
};

enum class OrderEnd { filled, cancelled, expired, rejected };

struct FinishEvent {
  std::string reservation_id;
  OrderEnd end = OrderEnd::cancelled;
};

struct ResolveEvent {
  std::string reservation_id;
  core::Price payout_per_share;  // 1 won, 0 lost, 0.5 for a 50/50 resolution
  core::Usd fees;
  std::string alert_id;   // used if the breaker trips
  std::string change_id;  // the audit row of a trip
};

struct ResetBreakerEvent {
  std::string actor;  // "user:<id>"
  std::optional<std::string> user_id;
  bool resume = true;  // also clear the strategy's pause
  std::string change_id;
};

// What the chain paid for one redemption record (its part of the payout of its wallet's
// redemption of the condition). The resolution booked `expected`; the difference (tokens the
// wallet held beyond the recorded position, or fewer) is realised PnL of the strategy and
// raises a warning alert (`payout_mismatch`, deduplicated per redemption).
struct RedemptionPaidEvent {
  std::string redemption_id;
  core::Usd paid;
  std::string alert_id;  // used if the payout differs
};

// Stops the strategy for a reason outside the rules (the venue contradicted what was
// recorded): paused with `reason`, a critical alert `code` (deduplicated by dedup_key) and an
// audit entry; budgets, exposure and PnL are left as they are.
struct HaltEvent {
  std::string code;
  std::string reason;
  std::string dedup_key;
  std::string alert_id, change_id;  // ids to give the alert and audit rows
};

core::Usd order_amount(core::Shares size, core::Price limit_price);

store::RiskDecision decide_reserve(const store::RiskSnapshot& snapshot, const ReserveEvent& event);
store::RiskDecision decide_fill(const store::RiskSnapshot& snapshot, const FillEvent& event);
store::RiskDecision decide_finish(const store::RiskSnapshot& snapshot, const FinishEvent& event);
store::RiskDecision decide_resolve(const store::RiskSnapshot& snapshot, const ResolveEvent& event);
store::RiskDecision decide_redemption_paid(const store::RiskSnapshot& snapshot,
                                           const RedemptionPaidEvent& event);
store::RiskDecision decide_reset_breaker(const store::RiskSnapshot& snapshot,
                                         const ResetBreakerEvent& event);
store::RiskDecision decide_halt(const store::RiskSnapshot& snapshot, const HaltEvent& event);

// The state as of snapshot.now (windows rolled), for reading; the stored state if the time
// zone is unknown.
store::RiskState current_state(const store::RiskSnapshot& snapshot);

}  // namespace polycopy::risk
