// One resolution pass for live positions: paper twins first, then for each LT position the
// risk booking, then the store settlement with its redemption record (see lt_resolver.hpp).
#include "engine/lt_resolver.hpp"

#include "core/ids.hpp"
#include "engine/hold_repair.hpp"

namespace polycopy::engine {

LtResolver::LtResolver(store::Store& store, risk::RiskManager& risk, const core::Clock& clock)
    : store_(store), risk_(risk), clock_(clock) {}

core::Result<LtResolveReport> LtResolver::resolve_once(std::int64_t limit) {
  LtResolveReport report;
  // The twins' results first: each LT settlement stores its twin's cost and PnL beside it.
  auto paper = store_.settle_resolved_paper_positions(clock_.now());
  if (!paper) return paper.error();
  report.paper_settled = *paper;
  auto due = store_.list_lt_positions_to_settle(limit);
  if (!due) return due.error();
  const std::vector<store::LtPositionToSettle> items = std::move(due).value();
  for (const auto& item : items) {
    if (auto done = settle(item, report); !done)
      report.errors.push_back(item.position.id + ": " + done.error().to_string());
  }
  return report;
}

core::Status LtResolver::settle(const store::LtPositionToSettle& item, LtResolveReport& report) {
  const store::LtPositionRecord& position = item.position;
  auto bound = store_.find_reservation_by_order(position.order_id);
  if (!bound) return bound.error();
  if (!*bound)
    return core::Error{"reservation_missing",
                       "no reservation is bound to order " + position.order_id};
  const store::BudgetReservation reservation = **bound;
  if (auto synced = sync_risk(position, reservation); !synced) return synced;

  // Risk first: booked once per reservation, so if the process dies before the store
  // settlement below, the next pass books nothing twice and settles the position.
  risk::ResolveEvent event;
  event.reservation_id = reservation.id;
  event.payout_per_share = item.payout_per_share;
  event.fees = position.fees;
  auto booked = risk_.record_resolution(position.lt_strategy_id, event);
  if (!booked) return booked.error();

  auto settled = store_.settle_lt_position(position.id, core::new_id("rdm", clock_), clock_.now());
  if (!settled) return settled.error();
  if (!settled->applied) return {};  // another pass settled it meanwhile
  ++report.settled;
  if (settled->position.status == store::LtPositionStatus::resolved) {
    ++report.won;
  } else {
    ++report.lost;
  }
  if (settled->redemption.state == store::RedemptionState::pending) ++report.redemptions_pending;
  // Both sides use the same arithmetic; a difference means the risk manager saw other fills.
  const auto& booked_reservation = booked->transition.reservation;
  if (!booked->no_op && booked_reservation && booked_reservation->pnl != settled->position.pnl)
    return core::Error{"pnl_mismatch",
                       "risk booked " + booked_reservation->pnl.value_or(core::Usd{}).to_string() +
                           ", the position settled at " +
                           settled->position.pnl.value_or(core::Usd{}).to_string()};
  return {};
}

core::Status LtResolver::sync_risk(const store::LtPositionRecord& position,
                                   const store::BudgetReservation& reservation) {
  if (reservation.resolved_at) return {};  // booked already (a crash before the settlement)
  if (auto replayed =
          replay_fills(store_, risk_, position.lt_strategy_id, reservation.id, position.order_id);
      !replayed)
    return replayed;
  // A hold still open on a final order (its end was not booked): release it now.
  if (reservation.state != store::ReservationState::reserved) return {};
  auto order = store_.find_order(position.order_id);
  if (!order) return order.error();
  if (!*order) return core::Error{"not_found", "no order '" + position.order_id + "'"};
  const auto end = order_end((*order)->state);
  if (!end) return core::Error{"order_still_live", "order " + position.order_id + " is live"};
  auto finished = risk_.finish_order(position.lt_strategy_id, {reservation.id, *end});
  if (!finished) return finished.error();
  return {};
}

}  // namespace polycopy::engine
