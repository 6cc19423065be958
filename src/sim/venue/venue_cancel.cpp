// Taking a resting order out of the book (cancel, cancel-all, cancel-market, GTD expiry,
// resolution): its reserve goes back to the wallet and both channels hear of it.
#include "sim/venue/venue_state.hpp"

namespace polycopy::sim {

void Venue::State::cancel_order(OrderState& order, core::Timestamp at) {
  OrderRecord& record = order.record;
  TokenBook& book = books[order.book];
  const std::int64_t price = record.price.micros();
  book.book.remove(record.side, price, order.entry);
  order.resting = false;
  Wallet& funds = wallets.get(record.maker);
  if (record.side == polymarket::Side::buy) {
    funds.collateral_reserved -= order.reserved;
  } else {
    funds.tokens[record.token_id].reserved -= order.reserved;
  }
  order.reserved = 0;
  record.status = OrderStatus::canceled;
  auto live = live_by_owner.find(record.owner);
  if (live != live_by_owner.end()) {
    live->second.erase(order.seq);
    if (live->second.empty()) live_by_owner.erase(live);
  }
  emit_order(OrderEventType::cancellation, order, at);
  emit(book_changed(book, record.side, price, at));
}

CancelResult Venue::State::cancel_where(const std::string& owner,
                                        const std::function<bool(const OrderState&)>& matches,
                                        core::Timestamp now) {
  CancelResult result;
  auto live = live_by_owner.find(owner);
  if (live == live_by_owner.end()) return result;
  // Collected first: cancel_order edits the map being walked.
  std::vector<OrderState*> chosen;
  for (const auto& [seq, order] : live->second)
    if (matches(*order)) chosen.push_back(order);
  for (OrderState* order : chosen) {
    cancel_order(*order, now);
    result.canceled.push_back(order->record.id);
  }
  return result;
}

}  // namespace polycopy::sim
