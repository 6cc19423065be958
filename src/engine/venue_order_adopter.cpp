#include "engine/venue_order_adopter.hpp"

#include <set>

#include "chain/hex.hpp"
#include "core/ids.hpp"
#include "polymarket/clients/clob_trading_client.hpp"

namespace polycopy::engine {

VenueOrderAdopter::VenueOrderAdopter(store::Store& store, risk::RiskManager& risk,
                                     WalletAccess& wallets, net::HttpClient& http,
                                     std::string clob_url, const core::Clock& clock,
                                     AdoptionOptions options)
    : store_(store),
      risk_(risk),
      wallets_(wallets),
      http_(http),
      clob_url_(std::move(clob_url)),
      clock_(clock),
      options_(options) {}

namespace {

// The ids of the wallet's own orders in a trade listed for its API key: the taker's order
// when it took, and the maker orders it owns.
std::vector<std::string> own_order_ids(const polymarket::parse::ClobTrade& trade,
                                       const std::string& api_key) {
  std::vector<std::string> ids;
  if (trade.trader_side == "TAKER" && trade.taker_order_id)
    ids.push_back(chain::to_hex(*trade.taker_order_id));
  for (const auto& maker : trade.maker_orders)
    if (maker.owner == api_key) ids.push_back(chain::to_hex(maker.order_id));
  return ids;
}

}  // namespace

core::Result<AdoptionReport> VenueOrderAdopter::adopt(const store::LtStrategy& strategy,
                                                      const store::Wallet& wallet) {
  auto identity = wallets_.trading_identity(wallet);
  if (!identity) return identity.error();
  polymarket::ClobTradingClient trading(http_, clob_url_, *identity, &clock_);
  const core::Timestamp started = clock_.now();
  auto open = trading.open_orders();
  if (!open) return open.error();
  AdoptionReport report;
  report.venue_orders = static_cast<int>(open->size());
  std::vector<polymarket::parse::OpenOrder> candidates = std::move(*open);

  // An order that filled completely is never open: the wallet's trades since the last look
  // (with an overlap; the first look reaches back options_.first_lookback) name it.
  const auto checked = trades_checked_through_.find(wallet.id);
  const core::Timestamp since = checked == trades_checked_through_.end()
                                    ? started - options_.first_lookback
                                    : checked->second - options_.overlap;
  polymarket::TradeFilter filter;
  filter.after = core::to_unix_ms(since) / 1000;
  auto trades = trading.trades(filter);
  if (!trades) {
    report.errors.push_back("the wallet's recent trades: " + trades.error().to_string());
  } else {
    std::set<std::string> looked_up;
    for (const auto& candidate : candidates) looked_up.insert(chain::to_hex(candidate.order_id));
    for (const auto& trade : *trades) {
      for (const auto& id : own_order_ids(trade, identity->credentials.key)) {
        if (!looked_up.insert(id).second) continue;
        auto known = store_.find_order_by_venue_id(id);
        if (!known) return known.error();
        if (*known) continue;
        auto order = trading.order(id);
        if (!order) {
          report.errors.push_back("venue order " + id + " (from trade " + trade.trade_id +
                                  "): " + order.error().to_string());
          continue;
        }
        candidates.push_back(std::move(*order));
        ++report.from_trades;
      }
    }
    if (report.errors.empty()) trades_checked_through_[wallet.id] = started;
  }

  for (const auto& order : candidates) {
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
