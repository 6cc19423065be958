#include "engine/lt_crash_checks.hpp"

#include <map>

namespace polycopy::engine::testing {

namespace {

using store::OrderState;

bool is_live(OrderState state) {
  return state == OrderState::submitted || state == OrderState::partially_filled;
}

// Orders: one per hash, per key, per source trade; no intent left.
void check_orders(const StoreFacts& s, const std::string& lt, std::vector<std::string>& bad) {
  std::set<std::string> hashes, keys, trades;
  for (const auto& o : s.orders) {
    const std::string name = "order " + o.id;
    if (o.state == OrderState::intent) bad.push_back(name + " is still an intent");
    if (!o.order_hash) {
      bad.push_back(name + " has no order hash");
    } else if (!hashes.insert(*o.order_hash).second) {
      bad.push_back(name + " shares its hash " + *o.order_hash + " with another order");
    }
    if (o.venue_order_id && o.venue_order_id != o.order_hash)
      bad.push_back(name + " has venue id " + *o.venue_order_id + " but hash " +
                    o.order_hash.value_or("-"));
    if (!keys.insert(o.idempotency_key).second)
      bad.push_back(name + " shares its idempotency key with another order");
    if (!o.source_trade_id) {
      bad.push_back(name + " has no source trade");
      continue;
    }
    if (!trades.insert(*o.source_trade_id).second)
      bad.push_back(name + ": a second order for source trade " + *o.source_trade_id);
    if (o.idempotency_key != store::order_idempotency_key(lt, *o.source_trade_id))
      bad.push_back(name + "'s key is not hash(strategy, source trade)");
  }
}

// The venue's orders against the store's: every one known exactly once, nothing sent that
// the store thinks never left, nothing the store thinks sent that the venue lacks.
void check_venue(const StoreFacts& s, const VenueFacts& v, std::vector<std::string>& bad) {
  std::map<std::string, const store::OrderRecord*> by_hash;
  for (const auto& o : s.orders)
    if (o.order_hash) by_hash.emplace(*o.order_hash, &o);
  std::map<std::string, int> placed;
  for (const auto& hash : v.placed) ++placed[hash];
  std::map<std::string, int> venue_orders_per_key;
  for (const auto& [hash, count] : placed) {
    if (count > 1)
      bad.push_back("the venue accepted order " + hash + " " + std::to_string(count) + " times");
    const auto found = by_hash.find(hash);
    if (found == by_hash.end()) {
      bad.push_back("the venue has order " + hash + " that the store does not know");
      continue;
    }
    if (++venue_orders_per_key[found->second->idempotency_key] > 1)
      bad.push_back("the venue got two orders for the idempotency key of " + found->second->id);
  }
  for (const auto& hash : v.open) {
    const auto found = by_hash.find(hash);
    if (found == by_hash.end()) {
      bad.push_back("open venue order " + hash + " is not in the store");
    } else if (!is_live(found->second->state)) {
      bad.push_back("open venue order " + hash + " is " +
                    std::string(store::to_string(found->second->state)) + " in the store");
    }
  }
  for (const auto& hash : v.traded)
    if (!by_hash.contains(hash))
      bad.push_back("a trade of the wallet names order " + hash + " that the store does not know");
  for (const auto& o : s.orders) {
    if (!o.order_hash) continue;
    const bool on_venue = placed.contains(*o.order_hash);
    const bool reached = o.venue_order_id || is_live(o.state) || o.state == OrderState::filled;
    if (reached && !on_venue)
      bad.push_back("order " + o.id + " is " + std::string(store::to_string(o.state)) +
                    " but the venue never got it");
    if (!o.venue_order_id && on_venue)
      bad.push_back("order " + o.id + " is on the venue but ended " +
                    std::string(store::to_string(o.state)) + " without a venue id (lost)");
    if (is_live(o.state) && !v.open.contains(*o.order_hash))
      bad.push_back("order " + o.id + " is live in the store but not open on the venue");
  }
}

// Signals: exactly one per stored trade of the followed trader; accepted exactly when an
// order exists.
void check_signals(const StoreFacts& s, std::vector<std::string>& bad) {
  std::map<std::string, bool> accepted;
  for (const auto& [trade, yes] : s.signals)
    if (!accepted.emplace(trade, yes).second) bad.push_back("two LT signals for trade " + trade);
  for (const auto& trade : s.trades)
    if (!accepted.contains(trade)) bad.push_back("source trade " + trade + " has no LT signal");
  std::set<std::string> ordered;
  for (const auto& o : s.orders) {
    if (!o.source_trade_id) continue;
    ordered.insert(*o.source_trade_id);
    const auto found = accepted.find(*o.source_trade_id);
    if (found == accepted.end() || !found->second)
      bad.push_back("order " + o.id + " has no accepted signal for its trade");
  }
  for (const auto& [trade, yes] : accepted)
    if (yes && !ordered.contains(trade))
      bad.push_back("the accepted signal of trade " + trade + " has no order (lost intent)");
}

// Reservations: a hold for every live order and only for live orders, each bound once,
// and the risk state's `reserved` their sum.
void check_reservations(const StoreFacts& s, std::vector<std::string>& bad) {
  std::map<std::string, const store::OrderRecord*> by_id;
  for (const auto& o : s.orders) by_id.emplace(o.id, &o);
  std::map<std::string, const store::BudgetReservation*> by_order;
  core::Usd outstanding;
  for (const auto& r : s.reservations) {
    outstanding += r.outstanding();
    const std::string name = "reservation " + r.id;
    if (r.order_id && !by_order.emplace(*r.order_id, &r).second)
      bad.push_back(name + ": order " + *r.order_id + " is bound twice");
    if (r.state != store::ReservationState::reserved) continue;
    if (!r.order_id) {
      bad.push_back(name + " holds " + r.outstanding().to_string() + " for no order");
      continue;
    }
    const auto order = by_id.find(*r.order_id);
    if (order == by_id.end()) {
      bad.push_back(name + " is bound to unknown order " + *r.order_id);
    } else if (!is_live(order->second->state)) {
      bad.push_back(name + " still holds " + r.outstanding().to_string() + " for order " +
                    *r.order_id + " which is " +
                    std::string(store::to_string(order->second->state)));
    }
  }
  for (const auto& o : s.orders) {
    if (!is_live(o.state)) continue;
    const auto hold = by_order.find(o.id);
    if (hold == by_order.end() || hold->second->state != store::ReservationState::reserved)
      bad.push_back("live order " + o.id + " has no reserved reservation");
  }
  if (outstanding != s.risk_reserved)
    bad.push_back("the risk state reserves " + s.risk_reserved.to_string() +
                  " but the reservations hold " + outstanding.to_string());
}

}  // namespace

std::vector<std::string> check_after_restart(const StoreFacts& store, const VenueFacts& venue,
                                             const std::string& lt_strategy_id) {
  std::vector<std::string> bad;
  check_orders(store, lt_strategy_id, bad);
  check_venue(store, venue, bad);
  check_signals(store, bad);
  check_reservations(store, bad);
  return bad;
}

std::string_view to_string(KillPoint point) {
  switch (point) {
    case KillPoint::exited:
      return "exited before the kill";
    case KillPoint::before_trades_stored:
      return "before the new trades were stored";
    case KillPoint::before_reservation:
      return "evaluating / reading the book (no hold yet)";
    case KillPoint::reserved_no_intent:
      return "held, before the intent (signing)";
    case KillPoint::intent_not_sent:
      return "intent written, before POST reached the venue";
    case KillPoint::intent_on_venue:
      return "on the venue, answer not recorded";
    case KillPoint::order_no_signal:
      return "order recorded, before its signal";
    case KillPoint::after_placements:
      return "after every placement (track, resolve, exit)";
  }
  return "?";
}

KillPoint classify_kill(const StoreFacts& before, const StoreFacts& after,
                        const std::vector<std::string>& venue_placed) {
  const std::set<std::string> placed(venue_placed.begin(), venue_placed.end());
  for (const auto& o : after.orders)
    if (o.state == OrderState::intent)
      return o.order_hash && placed.contains(*o.order_hash) ? KillPoint::intent_on_venue
                                                            : KillPoint::intent_not_sent;
  for (const auto& r : after.reservations)
    if (r.state == store::ReservationState::reserved && !r.order_id)
      return KillPoint::reserved_no_intent;
  std::set<std::string> signalled;
  for (const auto& [trade, accepted] : after.signals) signalled.insert(trade);
  for (const auto& o : after.orders)
    if (o.source_trade_id && !signalled.contains(*o.source_trade_id))
      return KillPoint::order_no_signal;
  bool stored_new = false;
  for (const auto& trade : after.trades) {
    if (before.trades.contains(trade)) continue;
    stored_new = true;
    if (!signalled.contains(trade)) return KillPoint::before_reservation;
  }
  return stored_new ? KillPoint::after_placements : KillPoint::before_trades_stored;
}

}  // namespace polycopy::engine::testing
