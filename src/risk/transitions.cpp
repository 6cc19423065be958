#include "risk/transitions.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "risk/breaker.hpp"
#include "risk/checks.hpp"
#include "risk/reason_codes.hpp"
#include "risk/windows.hpp"

namespace polycopy::risk {
namespace {

using core::Usd;
using store::BudgetReservation;
using store::ReservationState;
using store::RiskDecision;
using store::RiskRefusal;
using store::RiskSnapshot;
using store::RiskState;

RiskDecision refuse(std::string_view code, std::string message) {
  RiskDecision decision;
  decision.refusal = RiskRefusal{std::string(code), std::move(message), "count", 0, 0, 0};
  return decision;
}

RiskDecision no_op() {
  RiskDecision decision;
  decision.no_op = true;
  return decision;
}

// The rolled state, or the refusal when the strategy's time zone is unknown.
std::optional<RiskDecision> roll(const RiskSnapshot& snapshot, RiskState& out) {
  auto rolled = roll_windows(snapshot.state, snapshot.now, snapshot.strategy.params.time_zone);
  if (!rolled) return refuse(reason::invalid_time_zone, rolled.error().message);
  out = *rolled;
  out.updated_at = snapshot.now;
  return std::nullopt;
}

// Applies `delta` to the figures of each current window the reservation was counted in.
void in_its_windows(RiskState& s, const BudgetReservation& r, Usd spent_delta, Usd reserved_delta) {
  if (r.day_window_start == s.day_window_start) {
    s.day_spent += spent_delta;
    s.day_reserved += reserved_delta;
  }
  if (r.week_window_start == s.week_window_start) {
    s.week_spent += spent_delta;
    s.week_reserved += reserved_delta;
  }
  if (r.month_window_start == s.month_window_start) {
    s.month_spent += spent_delta;
    s.month_reserved += reserved_delta;
  }
}

// Releases what the reservation still holds and ends it.
void end_hold(RiskState& s, BudgetReservation& r) {
  const Usd rest = r.outstanding();
  in_its_windows(s, r, Usd{}, -rest);
  s.reserved -= rest;
  r.state = r.filled > core::Shares{} ? ReservationState::settled : ReservationState::released;
}

std::optional<RiskDecision> require_reservation(const RiskSnapshot& snapshot,
                                                const std::string& id) {
  if (!snapshot.reservation || snapshot.reservation->id != id)
    return refuse(reason::reservation_not_live, "reservation " + id + " was not loaded");
  return std::nullopt;
}

}  // namespace

core::Usd order_amount(core::Shares size, core::Price limit_price) {
  return core::notional(size, limit_price, core::Rounding::up);
}

store::RiskState current_state(const RiskSnapshot& snapshot) {
  RiskState state = snapshot.state;
  if (auto refused = roll(snapshot, state)) return snapshot.state;
  state.open_positions = snapshot.open_positions;
  return state;
}

RiskDecision decide_reserve(const RiskSnapshot& snapshot, const ReserveEvent& event) {
  const OrderRequest& order = event.order;
  if (order.size <= core::Shares{} || order.limit_price.micros() <= 0 ||
      order.limit_price >= core::Price::one())
    return refuse(reason::invalid_order,
                  "an order needs a positive size and a limit price strictly between 0 and 1");
  RiskDecision decision;
  RiskState& s = decision.transition.state;
  if (auto refused = roll(snapshot, s)) return *refused;
  OrderCheck check;
  check.amount = order_amount(order.size, order.limit_price);
  check.limit_price = order.limit_price;
  check.open_positions = snapshot.open_positions;
  check.open_positions_in_market = snapshot.open_positions_in_market;
  check.book = book_facts(order.asks, order.limit_price);
  if (check.amount <= Usd{})
    return refuse(reason::invalid_order, "the order's amount rounds to zero");
  if (auto refusal = check_order(snapshot.strategy, s, check); refusal && !event.adopted) {
    decision.refusal = std::move(refusal);
    return decision;
  }
  decision.transition.alert = event.adopted;
  BudgetReservation r;
  r.id = event.reservation_id;
  r.lt_strategy_id = snapshot.strategy.id;
  r.condition_id = order.condition_id;
  r.token_id = order.token_id;
  r.limit_price = order.limit_price;
  r.size = order.size;
  r.state = ReservationState::reserved;
  r.amount = check.amount;
  r.day_window_start = s.day_window_start;
  r.week_window_start = s.week_window_start;
  r.month_window_start = s.month_window_start;
  r.created_at = r.updated_at = snapshot.now;
  in_its_windows(s, r, Usd{}, r.amount);
  s.reserved += r.amount;
  s.open_positions = snapshot.open_positions + 1;
  if (event.intent) r.order_id = event.intent->id;
  decision.transition.reservation = std::move(r);
  decision.transition.intent = event.intent;
  return decision;
}

RiskDecision decide_fill(const RiskSnapshot& snapshot, const FillEvent& event) {
  if (auto missing = require_reservation(snapshot, event.reservation_id)) return *missing;
  if (snapshot.fill_already_applied) return no_op();
  if (event.shares <= core::Shares{} || event.price.micros() <= 0 || event.fill_key.empty())
    return refuse(reason::invalid_fill, "a fill needs a key, a positive size and a price > 0");
  BudgetReservation r = *snapshot.reservation;
  if (r.resolved_at)
    return refuse(reason::reservation_not_live,
                  "reservation " + r.id + " belongs to a resolved position");
  RiskDecision decision;
  RiskState& s = decision.transition.state;
  if (auto refused = roll(snapshot, s)) return *refused;
  const bool counted_before = r.state == ReservationState::reserved || r.position_open;
  const Usd cost = core::notional(event.shares, event.price, core::Rounding::up);
  const Usd held = r.outstanding();
  const Usd moved = std::min(cost, held);
  const Usd beyond = cost - moved;
  in_its_windows(s, r, cost, -moved);
  s.reserved -= moved;
  s.exposure += cost;
  r.settled += moved;
  r.overspend += beyond;
  r.filled += event.shares;
  r.position_open = true;
  r.updated_at = snapshot.now;
  if (r.state == ReservationState::released) r.state = ReservationState::settled;
  if (event.completes_order && r.state == ReservationState::reserved) end_hold(s, r);
  s.open_positions = snapshot.open_positions + (counted_before ? 0 : 1);
  if (beyond > Usd{})
    decision.transition.alert =
        store::RiskAlert{event.alert_id, "warning", "fill_beyond_reservation",
                         "fill " + event.fill_key + " of reservation " + r.id + " cost " +
                             cost.to_string() + " with " + held.to_string() +
                             " still held: " + beyond.to_string() + " spent beyond the reservation",
                         "fill_beyond_reservation:" + r.id};
  decision.transition.fill =
      store::ReservationFill{event.fill_key, r.id, event.shares, cost, event.filled_at};
  decision.transition.reservation = std::move(r);
  return decision;
}

RiskDecision decide_finish(const RiskSnapshot& snapshot, const FinishEvent& event) {
  if (auto missing = require_reservation(snapshot, event.reservation_id)) return *missing;
  BudgetReservation r = *snapshot.reservation;
  if (r.state != ReservationState::reserved) return no_op();
  RiskDecision decision;
  RiskState& s = decision.transition.state;
  if (auto refused = roll(snapshot, s)) return *refused;
  end_hold(s, r);
  r.updated_at = snapshot.now;
  s.open_positions = snapshot.open_positions - (r.position_open ? 0 : 1);
  decision.transition.reservation = std::move(r);
  return decision;
}

RiskDecision decide_resolve(const RiskSnapshot& snapshot, const ResolveEvent& event) {
  if (auto missing = require_reservation(snapshot, event.reservation_id)) return *missing;
  BudgetReservation r = *snapshot.reservation;
  if (r.resolved_at) return no_op();
  if (r.state == ReservationState::reserved)
    return refuse(reason::order_still_live,
                  "reservation " + r.id + " still has a live order: end it before resolving");
  if (!r.position_open)
    return refuse(reason::no_open_position, "reservation " + r.id + " filled nothing");
  if (event.fees < Usd{}) return refuse(reason::invalid_fill, "fees must not be negative");
  RiskDecision decision;
  RiskState& s = decision.transition.state;
  if (auto refused = roll(snapshot, s)) return *refused;
  const Usd payout = core::notional(r.filled, event.payout_per_share, core::Rounding::down);
  const Usd pnl = payout - r.filled_cost() - event.fees;
  s.exposure -= r.filled_cost();
  s.open_positions = snapshot.open_positions - 1;
  s.realised_pnl += pnl;
  s.equity += pnl;
  s.peak_equity = std::max(s.peak_equity, s.equity);
  if (pnl < Usd{}) ++s.consecutive_losses;
  if (pnl > Usd{}) s.consecutive_losses = 0;  // break-even neither counts nor resets
  r.position_open = false;
  r.payout = payout;
  r.fees = event.fees;
  r.pnl = pnl;
  r.resolved_at = r.updated_at = snapshot.now;
  if (!s.breaker_open) {
    if (auto why = breaker_trip_reason(snapshot.strategy.params.risk, s)) {
      s.breaker_open = true;
      s.breaker_reason = *why;
      s.breaker_tripped_at = snapshot.now;
      auto& t = decision.transition;
      t.pause_reason = "circuit breaker: " + *why;
      t.alert =
          store::RiskAlert{event.alert_id, "critical", std::string(reason::circuit_breaker_open),
                           "LT strategy " + snapshot.strategy.params.name + " (" +
                               snapshot.strategy.id + ") stopped: " + *why,
                           "circuit_breaker:" + snapshot.strategy.id};
      t.change = store::RuleChange{event.change_id,
                                   snapshot.strategy.user_id,
                                   "risk_manager",
                                   "lt_strategy",
                                   snapshot.strategy.id,
                                   "breaker_trip",
                                   std::nullopt,
                                   std::nullopt,
                                   *why,
                                   snapshot.now};
    }
  }
  decision.transition.reservation = std::move(r);
  return decision;
}

RiskDecision decide_redemption_paid(const RiskSnapshot& snapshot,
                                    const RedemptionPaidEvent& event) {
  const auto& loaded = snapshot.redemption;
  if (!loaded || loaded->id != event.redemption_id)
    return refuse(reason::redemption_not_due,
                  "redemption " + event.redemption_id + " was not loaded");
  if (loaded->state == store::RedemptionState::confirmed) return no_op();
  if (loaded->state == store::RedemptionState::closed)
    return refuse(reason::redemption_not_due,
                  "redemption " + loaded->id + " is closed (a losing position)");
  if (event.paid < Usd{}) return refuse(reason::redemption_not_due, "a payout is never negative");
  RiskDecision decision;
  RiskState& s = decision.transition.state;
  if (auto refused = roll(snapshot, s)) return *refused;
  s.open_positions = snapshot.open_positions;
  // The resolution booked what the record expected; the chain's word is final.
  const Usd difference = event.paid - loaded->expected;
  s.realised_pnl += difference;
  s.equity += difference;
  s.peak_equity = std::max(s.peak_equity, s.equity);
  auto& t = decision.transition;
  t.redemption_paid = store::RedemptionPayment{loaded->id, event.paid, std::nullopt};
  if (difference != Usd{}) {
    const std::string message = "redemption " + loaded->id + " of " + loaded->condition_id +
                                " paid " + event.paid.to_string() + " USD, the position expected " +
                                loaded->expected.to_string() + " (booked " +
                                difference.to_string() + " USD as PnL)";
    t.redemption_paid->note = message;
    t.alert = store::RiskAlert{event.alert_id, "warning", std::string(reason::payout_mismatch),
                               message, "payout_mismatch:" + loaded->id};
  }
  return decision;
}

RiskDecision decide_halt(const RiskSnapshot& snapshot, const HaltEvent& event) {
  RiskDecision decision;
  RiskState& s = decision.transition.state;
  if (auto refused = roll(snapshot, s)) return *refused;
  s.open_positions = snapshot.open_positions;
  auto& t = decision.transition;
  t.pause_reason = event.reason;
  t.alert = store::RiskAlert{event.alert_id, "critical", event.code,
                             "LT strategy " + snapshot.strategy.params.name + " (" +
                                 snapshot.strategy.id + ") stopped: " + event.reason,
                             event.dedup_key};
  t.change = store::RuleChange{event.change_id,      snapshot.strategy.user_id,
                               "risk_manager",       "lt_strategy",
                               snapshot.strategy.id, "pause",
                               std::nullopt,         std::nullopt,
                               event.reason,         snapshot.now};
  return decision;
}

RiskDecision decide_reset_breaker(const RiskSnapshot& snapshot, const ResetBreakerEvent& event) {
  if (!snapshot.state.breaker_open) return no_op();
  RiskDecision decision;
  RiskState& s = decision.transition.state;
  if (auto refused = roll(snapshot, s)) return *refused;
  const nlohmann::json before{{"breaker_reason", s.breaker_reason.value_or("")},
                              {"consecutive_losses", s.consecutive_losses},
                              {"peak_equity", s.peak_equity.to_string()},
                              {"equity", s.equity.to_string()}};
  // A fresh start: the losing streak is forgotten and the drawdown is measured from here,
  // else the next resolution would trip the breaker again at once.
  s.breaker_open = false;
  s.breaker_reason.reset();
  s.breaker_tripped_at.reset();
  s.consecutive_losses = 0;
  s.peak_equity = s.equity;
  s.open_positions = snapshot.open_positions;
  const nlohmann::json after{{"consecutive_losses", 0},
                             {"peak_equity", s.peak_equity.to_string()},
                             {"resumed", event.resume}};
  auto& t = decision.transition;
  t.resume = event.resume;
  t.change = store::RuleChange{event.change_id, event.user_id,        event.actor,
                               "lt_strategy",   snapshot.strategy.id, "reset_breaker",
                               before.dump(),   after.dump(),         snapshot.state.breaker_reason,
                               snapshot.now};
  return decision;
}

}  // namespace polycopy::risk
