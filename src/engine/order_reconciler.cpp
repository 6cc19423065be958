#include "engine/order_reconciler.hpp"

#include "engine/hold_repair.hpp"
#include "polymarket/clients/clob_trading_client.hpp"

namespace polycopy::engine {

OrderReconciler::OrderReconciler(store::Store& store, risk::RiskManager& risk,
                                 WalletAccess& wallets, net::HttpClient& http, std::string clob_url,
                                 const core::Clock& clock)
    : store_(store),
      risk_(risk),
      wallets_(wallets),
      http_(http),
      clob_url_(std::move(clob_url)),
      clock_(clock) {}

core::Result<ReconcileReport> OrderReconciler::reconcile(const store::LtStrategy& strategy,
                                                         const store::Wallet& wallet,
                                                         std::chrono::milliseconds grace) {
  auto intents = store_.list_orders(strategy.id, {store::OrderState::intent});
  if (!intents) return intents.error();
  ReconcileReport report;
  const auto cutoff = clock_.now() - grace;
  std::optional<polymarket::ClobTradingClient> trading;
  for (const auto& intent : *intents) {
    if (intent.created_at > cutoff) continue;
    ++report.intents_checked;
    const auto fail = [&](const core::Error& error) {
      report.errors.push_back(intent.id + ": " + error.to_string());
    };
    std::optional<polymarket::parse::OpenOrder> on_venue;
    if (intent.order_hash) {
      if (!trading) {
        auto identity = wallets_.trading_identity(wallet);
        if (!identity) return identity.error();
        trading.emplace(http_, clob_url_, *identity, &clock_);
      }
      auto found = trading->find_order(*intent.order_hash);
      if (!found) {
        fail(found.error());  // the venue did not answer: decide nothing, try next pass
        continue;
      }
      on_venue = std::move(*found);
    }
    if (on_venue) {
      auto adopted = store_.mark_order_submitted(intent.id, *intent.order_hash, clock_.now());
      if (!adopted) {
        fail(adopted.error());
        continue;
      }
      ++report.adopted;
      continue;
    }
    auto ended = store_.end_order(intent.id, store::OrderState::cancelled,
                                  "never reached the venue (not found by its hash)", clock_.now());
    if (!ended) {
      fail(ended.error());
      continue;
    }
    ++report.abandoned;
    auto bound = store_.find_reservation_by_order(intent.id);
    if (!bound) {
      fail(bound.error());
      continue;
    }
    if (*bound)
      if (auto released =
              risk_.finish_order(strategy.id, {(*bound)->id, risk::OrderEnd::cancelled});
          !released)
        fail(released.error());
  }
  auto unbound =
      store_.list_unbound_reservations(strategy.id, cutoff + std::chrono::milliseconds(1));
  if (!unbound) return unbound.error();
  for (const auto& hold : *unbound) {
    auto released = risk_.finish_order(strategy.id, {hold.id, risk::OrderEnd::cancelled});
    if (!released) {
      report.errors.push_back(hold.id + ": " + released.error().to_string());
      continue;
    }
    if (!released->no_op) ++report.holds_released;
  }
  // Holds still open on orders that ended (a crash between an order's end, or its last fill,
  // and the risk booking that follows it): nothing else looks at ended orders before their
  // position settles, so they are booked here.
  // (Ended before the cutoff: one ending now in another thread books itself.)
  auto holds = store_.list_holds_of_ended_orders(strategy.id, cutoff);
  if (!holds) return holds.error();
  for (const auto& hold : *holds) {
    auto order = store_.find_order(hold.order_id.value_or(""));
    if (!order || !*order) {
      report.errors.push_back(hold.id + ": " +
                              (order ? "its order is missing" : order.error().to_string()));
      continue;
    }
    const auto end = order_end((*order)->state);
    if (!end) continue;  // moved on since the read
    if (auto booked = book_ended_order(store_, risk_, strategy.id, hold, **order, *end); !booked)
      report.errors.push_back(hold.id + ": " + booked.error().to_string());
  }
  return report;
}

}  // namespace polycopy::engine
