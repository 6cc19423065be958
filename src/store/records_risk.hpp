#pragma once
// Risk manager records (domain.md "Risk rules"): an LT strategy's risk state, its budget
// reservations, and the transition the risk layer decides for one event. The store loads a
// RiskSnapshot inside one write transaction, hands it to the risk layer's pure decision and
// persists what comes back, so a check and its reservation can never be split by another
// writer (thread or process).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "store/records.hpp"
#include "store/records_lt.hpp"
#include "store/records_orders.hpp"

namespace polycopy::store {

struct RiskState {
  // Budget windows: start instant, filled cost and outstanding reservations made in it.
  Timestamp day_window_start, week_window_start, month_window_start;
  Usd day_spent, day_reserved;
  Usd week_spent, week_reserved;
  Usd month_spent, month_reserved;
  Usd reserved;  // outstanding amount of every live reservation, whatever its window
  Usd exposure;  // filled cost of open positions (not resolved yet)
  std::int64_t open_positions = 0;  // as counted from the store at the last transition
  Usd realised_pnl;
  Usd equity;  // starting equity + realised PnL: money in orders or positions is no loss
  Usd peak_equity;
  std::int64_t consecutive_losses = 0;
  bool breaker_open = false;
  std::optional<std::string> breaker_reason;
  std::optional<Timestamp> breaker_tripped_at;
  Timestamp updated_at;
};

enum class ReservationState { reserved, settled, released };
std::string_view to_string(ReservationState state);
std::optional<ReservationState> reservation_state_from_string(std::string_view text);

// The budget held for one order, and afterwards the position it filled into.
struct BudgetReservation {
  std::string id;  // "rsv_…"
  std::string lt_strategy_id;
  std::optional<std::string> order_id;  // bound by the executor once its intent exists
  std::string condition_id;
  std::string token_id;
  Price limit_price;
  Shares size;
  ReservationState state = ReservationState::reserved;
  Usd amount;     // held at reservation: size x limit price, rounded up
  Usd settled;    // filled cost taken from the hold (at most amount)
  Usd overspend;  // filled cost beyond the hold (a fill above the limit price)
  Shares filled;  // shares filled so far
  // The windows it was counted in: a fill or release moves a window's figures only while
  // that window is still the current one.
  Timestamp day_window_start, week_window_start, month_window_start;
  bool position_open = false;  // filled shares held, market not resolved
  std::optional<Usd> payout, fees, pnl;
  Timestamp created_at, updated_at;
  std::optional<Timestamp> resolved_at;

  // What the reservation still holds against the budgets.
  Usd outstanding() const { return state == ReservationState::reserved ? amount - settled : Usd{}; }
  Usd filled_cost() const { return settled + overspend; }
};

// One fill applied to a reservation; its key (the venue trade id) makes it exactly once.
struct ReservationFill {
  std::string fill_key;
  std::string reservation_id;
  Shares shares;
  Usd cost;
  Timestamp filled_at;
};

struct RiskAlert {
  std::string id;        // "alr_…", used when no open alert has the dedup key
  std::string severity;  // info | warning | critical
  std::string code;
  std::string message;
  std::string dedup_key;  // repeats of an open alert bump its occurrences
};

struct AlertRecord {
  std::string id;  // "alr_…"
  std::optional<std::string> user_id, lt_strategy_id;
  std::string severity, code, message, dedup_key;
  std::int64_t occurrences = 1;
  Timestamp created_at, last_seen_at;
  std::optional<Timestamp> acknowledged_at;
};

// Who changed what and when (table rule_changes).
struct RuleChange {
  std::string id;  // "chg_…"
  std::optional<std::string> user_id;
  std::string actor;        // "user:<id>", "engine"
  std::string entity_type;  // ft_strategy | lt_strategy | risk_rules | …
  std::string entity_id;
  std::string action;  // update | pause | resume | reset_breaker | breaker_trip
  std::optional<std::string> before_json, after_json, reason;
  Timestamp changed_at;
};

// What the store loads for a risk event.
struct RiskEventScope {
  std::string lt_strategy_id;
  Timestamp now;
  std::optional<std::string> reservation_id;  // load it (fill, finish, resolve)
  std::optional<std::string> condition_id;    // count open positions in this market
  std::optional<std::string> fill_key;        // report whether this fill was applied already
  std::optional<std::string> redemption_id;   // load it (a redemption the chain paid)
};

struct RiskSnapshot {
  LtStrategy strategy;  // rules, time zone, paused
  RiskState state;      // as stored: windows not rolled yet
  // Counted now, from the reservations: live orders plus filled positions not yet resolved.
  std::int64_t open_positions = 0;
  std::int64_t open_positions_in_market = 0;  // the same in scope.condition_id
  std::optional<BudgetReservation> reservation;
  bool fill_already_applied = false;
  std::optional<RedemptionRecord> redemption;  // of one of the strategy's positions
  Timestamp now;
};

// A refusal names its rule and the numbers that failed (micro-units for USD and ratios).
struct RiskRefusal {
  std::string code;
  std::string message;
  std::string unit;  // "usd", "ratio" or "count"
  std::int64_t limit = 0;
  std::int64_t current = 0;
  std::int64_t requested = 0;
};

// A redemption the chain paid: confirmed with its part of the payout.
struct RedemptionPayment {
  std::string redemption_id;
  Usd paid;
  std::optional<std::string> note;  // why it differs from what was expected
};

// What to write; absent parts are left alone.
struct RiskTransition {
  RiskState state;
  std::optional<BudgetReservation> reservation;  // inserted when new, else updated
  // The write-ahead order intent of a new reservation (whose order_id names it), inserted
  // first in the same transaction: the store refuses it with `order_exists` (writing
  // nothing) when an order with its idempotency key is stored already.
  std::optional<OrderRecord> intent;
  std::optional<ReservationFill> fill;
  std::optional<RiskAlert> alert;
  std::optional<std::string> pause_reason;  // pause the strategy with this reason
  bool resume = false;                      // clear the strategy's pause
  std::optional<RuleChange> change;
  std::optional<RedemptionPayment> redemption_paid;
};

struct RiskDecision {
  std::optional<RiskRefusal> refusal;  // set: nothing is written
  bool no_op = false;                  // set: nothing to write (an event seen before)
  RiskTransition transition;
};

using RiskDecider = std::function<RiskDecision(const RiskSnapshot&)>;

}  // namespace polycopy::store
