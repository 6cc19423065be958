#include "engine/order_tracker.hpp"

#include "chain/hex.hpp"
#include "core/ids.hpp"
#include "polymarket/clients/clob_trading_client.hpp"

namespace polycopy::engine {
namespace {

struct OurPart {
  core::Shares size;
  core::Price price;
};

// Our order's part of a venue trade: all of it as the taker, the matched amount as a maker.
std::optional<OurPart> our_part(const polymarket::parse::ClobTrade& trade,
                                const std::string& venue_order_id) {
  if (trade.taker_order_id && chain::to_hex(*trade.taker_order_id) == venue_order_id)
    return OurPart{trade.size, trade.price};
  for (const auto& maker : trade.maker_orders)
    if (chain::to_hex(maker.order_id) == venue_order_id)
      return OurPart{maker.matched_amount, maker.price};
  return std::nullopt;
}

}  // namespace

std::string fill_key(const std::string& trade_id, const std::string& venue_order_id) {
  return trade_id + "/" + venue_order_id;
}

OrderTracker::OrderTracker(store::Store& store, risk::RiskManager& risk, WalletAccess& wallets,
                           net::HttpClient& http, std::string clob_url, const core::Clock& clock)
    : store_(store),
      risk_(risk),
      wallets_(wallets),
      http_(http),
      clob_url_(std::move(clob_url)),
      clock_(clock) {}

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
        const auto part = our_part(trade, venue_id);
        if (!part || part->size <= core::Shares{}) continue;
        const std::string key = fill_key(trade.trade_id, venue_id);
        const auto at =
            trade.match_time_s ? core::from_unix_ms(*trade.match_time_s * 1000) : clock_.now();
        auto stored =
            store_.record_order_fill(order.id,
                                     store::VenueFill{core::new_id("fil", clock_), key, part->price,
                                                      part->size, core::Usd{}, at},
                                     clock_.now());
        if (!stored) {
          fail(stored.error());
          continue;
        }
        current = stored->order;
        if (stored->applied) ++report.fills_recorded;
        // Always offered to the risk manager: it counts each key once, so a crash between
        // the two writes is repaired by the next pass.
        risk::FillEvent fill;
        fill.reservation_id = reservation;
        fill.fill_key = key;
        fill.shares = part->size;
        fill.price = part->price;
        fill.completes_order = current.filled_size == current.size;
        fill.filled_at = at;
        if (auto applied = risk_.record_fill(strategy.id, fill); !applied) fail(applied.error());
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
