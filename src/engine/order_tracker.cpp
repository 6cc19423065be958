#include "engine/order_tracker.hpp"

#include "polymarket/clients/clob_trading_client.hpp"

namespace polycopy::engine {

OrderTracker::OrderTracker(store::Store& store, risk::RiskManager& risk, WalletAccess& wallets,
                           net::HttpClient& http, std::string clob_url, const core::Clock& clock)
    : store_(store),
      risk_(risk),
      wallets_(wallets),
      http_(http),
      clob_url_(std::move(clob_url)),
      clock_(clock),
      recorder_(store, risk, clock) {}

core::Result<TrackReport> OrderTracker::track(const store::LtStrategy& strategy,
                                              const store::Wallet& wallet) {
  auto live = store_.list_orders(
      strategy.id, {store::OrderState::submitted, store::OrderState::partially_filled});
  if (!live) return live.error();
  TrackReport report;
  if (live->empty()) return report;
  auto identity = wallets_.trading_identity(wallet);
  if (!identity) return identity.error();
  polymarket::ClobTradingClient trading(http_, clob_url_, *identity, &clock_);

  for (const auto& order : *live) {
    ++report.orders_checked;
    const std::string& venue_id = *order.venue_order_id;
    const auto fail = [&](const core::Error& error) {
      report.errors.push_back(order.id + ": " + error.to_string());
    };
    auto on_venue = trading.order(venue_id);
    if (!on_venue) {
      fail(on_venue.error());
      continue;
    }
    const auto bound = store_.find_reservation_by_order(order.id);
    if (!bound || !*bound) {
      fail(bound ? core::Error{"reservation_missing", "no reservation is bound to the order"}
                 : bound.error());
      continue;
    }
    const std::string reservation = (*bound)->id;
    store::OrderRecord current = order;
    for (const auto& trade_id : on_venue->associate_trades) {
      polymarket::TradeFilter filter;
      filter.id = trade_id;
      auto trades = trading.trades(filter);
      if (!trades) {
        fail(trades.error());
        continue;
      }
      for (const auto& trade : *trades) {
        auto recorded = recorder_.record(strategy.id, current, trade);
        if (!recorded) {
          fail(recorded.error());
          continue;
        }
        current = recorded->order;
        if (recorded->stored_now) ++report.fills_recorded;
      }
    }
    const std::string status = on_venue->status.value_or("");
    if (status == "CANCELED" || status == "UNMATCHED") {
      const bool expired = order.expires_at && clock_.now() >= *order.expires_at;
      const auto end = expired ? store::OrderState::expired : store::OrderState::cancelled;
      auto ended = store_.end_order(order.id, end, "venue status " + status, clock_.now());
      if (!ended) {
        fail(ended.error());
        continue;
      }
      ++report.orders_ended;
      const auto risk_end = expired ? risk::OrderEnd::expired : risk::OrderEnd::cancelled;
      if (auto released = risk_.finish_order(strategy.id, {reservation, risk_end}); !released)
        fail(released.error());
    }
  }
  return report;
}

}  // namespace polycopy::engine
