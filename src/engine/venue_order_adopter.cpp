#include "engine/venue_order_adopter.hpp"

#include "chain/hex.hpp"
#include "core/ids.hpp"
#include "polymarket/clients/clob_trading_client.hpp"

namespace polycopy::engine {

VenueOrderAdopter::VenueOrderAdopter(store::Store& store, risk::RiskManager& risk,
                                     WalletAccess& wallets, net::HttpClient& http,
                                     std::string clob_url, const core::Clock& clock)
    : store_(store),
      risk_(risk),
      wallets_(wallets),
      http_(http),
      clob_url_(std::move(clob_url)),
      clock_(clock) {}

core::Result<AdoptionReport> VenueOrderAdopter::adopt(const store::LtStrategy& strategy,
                                                      const store::Wallet& wallet) {
  auto identity = wallets_.trading_identity(wallet);
  if (!identity) return identity.error();
  polymarket::ClobTradingClient trading(http_, clob_url_, *identity, &clock_);
  auto open = trading.open_orders();
  if (!open) return open.error();
  AdoptionReport report;
  report.venue_orders = static_cast<int>(open->size());
  for (const auto& order : *open) {
    const std::string hash = chain::to_hex(order.order_id);
    auto known = store_.find_order_by_venue_id(hash);
    if (!known) return known.error();
    if (*known) continue;
    const auto fail = [&](const std::string& why) {
      report.errors.push_back("venue order " + hash + " is not in the store: " + why);
    };
    if (order.side != polymarket::parse::TradeSide::buy) {
      fail("a SELL order cannot be accounted for; cancel or track it by hand");
      continue;
    }
    const std::string token = order.token_id.to_decimal();
    auto market = store_.get_market_by_token(token);
    if (!market) return market.error();
    if (!*market) {
      fail("its market (token " + token + ") is not stored");
      continue;
    }
    const core::Shares remaining = order.original_size - order.size_matched;
    if (remaining <= core::Shares{}) continue;  // fully matched: nothing open to adopt

    risk::OrderRequest request;
    request.condition_id = (*market)->market.condition_id;
    request.token_id = token;
    request.limit_price = order.price;
    request.size = order.original_size;
    store::RiskAlert alert;
    alert.severity = "warning";
    alert.code = "venue_order_adopted";
    alert.message = "the venue has an open BUY order " + hash + " (" +
                    order.original_size.to_string() + " at " + order.price.to_string() +
                    ") that polycopy did not place or lost; it is adopted into " + strategy.id +
                    " and counted against its budget";
    alert.dedup_key = "adopted:" + hash;
    store::OrderRecord intent;
    intent.id = core::new_id("ord", clock_);
    intent.lt_strategy_id = strategy.id;
    intent.idempotency_key = "adopted:" + hash;
    intent.side = "BUY";
    intent.token_id = token;
    intent.limit_price = order.price;
    intent.size = order.original_size;
    intent.order_type = store::OrderType::gtc;
    intent.order_hash = hash;
    if (order.expiration_s) intent.expires_at = core::from_unix_ms(*order.expiration_s * 1000);
    intent.created_at = intent.updated_at = clock_.now();
    const std::string order_id = intent.id;
    auto held = risk_.hold_adopted_order(strategy.id, request, alert, std::move(intent));
    if (!held) {
      if (held.error().code != "order_exists") fail(held.error().to_string());
      continue;  // order_exists: adopted by another pass meanwhile
    }
    auto submitted = store_.mark_order_submitted(order_id, hash, clock_.now());
    if (!submitted) {
      fail(submitted.error().to_string());
      continue;
    }
    ++report.adopted;
  }
  return report;
}

}  // namespace polycopy::engine
