#include "engine/hold_repair.hpp"

namespace polycopy::engine {

std::optional<risk::OrderEnd> order_end(store::OrderState state) {
  switch (state) {
    case store::OrderState::filled:
      return risk::OrderEnd::filled;
    case store::OrderState::cancelled:
      return risk::OrderEnd::cancelled;
    case store::OrderState::expired:
      return risk::OrderEnd::expired;
    case store::OrderState::rejected:
      return risk::OrderEnd::rejected;
    case store::OrderState::intent:
    case store::OrderState::submitted:
    case store::OrderState::partially_filled:
      break;
  }
  return std::nullopt;
}

core::Status replay_fills(store::Store& store, risk::RiskManager& risk,
                          const std::string& lt_strategy_id, const std::string& reservation_id,
                          const std::string& order_id) {
  auto fills = store.list_order_fills(order_id);
  if (!fills) return fills.error();
  const std::vector<store::VenueFill> stored = std::move(fills).value();
  for (const auto& fill : stored) {
    risk::FillEvent event;
    event.reservation_id = reservation_id;
    event.fill_key = fill.venue_trade_id;
    event.shares = fill.size;
    event.price = fill.price;
    event.filled_at = fill.filled_at;
    if (auto applied = risk.record_fill(lt_strategy_id, event); !applied) return applied.error();
  }
  return {};
}

core::Status book_ended_order(store::Store& store, risk::RiskManager& risk,
                              const std::string& lt_strategy_id,
                              const store::BudgetReservation& hold, const store::OrderRecord& order,
                              risk::OrderEnd end) {
  if (auto replayed = replay_fills(store, risk, lt_strategy_id, hold.id, order.id); !replayed)
    return replayed;
  if (auto finished = risk.finish_order(lt_strategy_id, {hold.id, end}); !finished)
    return finished.error();
  return {};
}

}  // namespace polycopy::engine
