#include "engine/order_placer.hpp"

#include "chain/address.hpp"
#include "chain/hex.hpp"
#include "core/ids.hpp"
#include "engine/order_plan.hpp"
#include "polymarket/clients/clob_public_client.hpp"
#include "polymarket/orders/engine_order.hpp"
#include "risk/reason_codes.hpp"

namespace polycopy::engine {
namespace {

PlacementOutcome outcome(Placement placement, std::optional<std::string> code,
                         std::string message) {
  PlacementOutcome out;
  out.placement = placement;
  out.code = std::move(code);
  out.message = std::move(message);
  return out;
}

// A salt below 2^53 (the client's limit), from the system's random source.
std::uint64_t random_salt() {
  const std::string hex = core::random_hex(8);
  return std::stoull(hex, nullptr, 16) & ((std::uint64_t{1} << 53) - 1);
}

polymarket::OrderType venue_order_type(store::OrderType type) {
  switch (type) {
    case store::OrderType::fok:
      return polymarket::OrderType::fok;
    case store::OrderType::fak:
      return polymarket::OrderType::fak;
    case store::OrderType::gtc:
      break;
  }
  return polymarket::OrderType::gtd;  // "GTC with an expiry": the venue expires it itself
}

}  // namespace

std::string_view to_string(Placement placement) {
  switch (placement) {
    case Placement::posted:
      return "posted";
    case Placement::already_placed:
      return "already_placed";
    case Placement::not_placeable:
      return "not_placeable";
    case Placement::refused_by_risk:
      return "refused_by_risk";
    case Placement::rejected:
      return "rejected";
    case Placement::unknown_outcome:
      return "unknown_outcome";
  }
  return "unknown";
}

OrderPlacer::OrderPlacer(store::Store& store, risk::RiskManager& risk, WalletAccess& wallets,
                         net::HttpClient& http, std::string clob_url, const core::Clock& clock,
                         std::uint64_t chain_id)
    : store_(store),
      risk_(risk),
      wallets_(wallets),
      http_(http),
      clob_url_(std::move(clob_url)),
      clock_(clock),
      chain_id_(chain_id) {}

core::Result<PlacementOutcome> OrderPlacer::place(const store::LtStrategy& strategy,
                                                  const store::Wallet& wallet,
                                                  const PlacementRequest& request) {
  if (strategy.params.wallet_id != wallet.id)
    return core::Error{"wallet_mismatch",
                       "wallet " + wallet.id + " is not the wallet of " + strategy.id};
  const std::string key = store::order_idempotency_key(strategy.id, request.source_trade_id);
  auto existing = store_.find_order_by_key(key);
  if (!existing) return existing.error();
  if (*existing) {
    PlacementOutcome out = outcome(Placement::already_placed, std::nullopt, "");
    out.order_id = (*existing)->id;
    out.venue_order_id = (*existing)->venue_order_id;
    return out;
  }

  const auto token = chain::Uint256::parse_decimal(request.token_id);
  if (!token) return core::Error{"invalid_token_id", "token id " + request.token_id};

  // The venue's view of the market: book, tick, minimum size, exchange version.
  polymarket::ClobPublicClient venue(http_, clob_url_);
  auto book = venue.book(request.token_id);
  if (!book) return book.error();
  auto tick_price = book->tick_size ? core::Result<core::Price>(*book->tick_size)
                                    : venue.tick_size(request.token_id);
  if (!tick_price) return tick_price.error();
  auto version_number = venue.version();
  if (!version_number) return version_number.error();
  const auto version = static_cast<polymarket::ProtocolVersion>(*version_number);
  const auto tick = polymarket::parse_tick_size(tick_price->to_string(), version);
  if (!tick) return core::Error{"invalid_tick_size", "the venue's tick " + tick_price->to_string()};
  const core::Shares min_size = book->min_order_size.value_or(core::Shares{});
  auto plan = plan_order(request.entry_price, request.bet, *tick_price, min_size);
  if (!plan) return outcome(Placement::not_placeable, plan.error().code, plan.error().message);

  // Sign (locally: nothing has left the process yet).
  auto signing_key = wallets_.signing_key(wallet);
  if (!signing_key) return signing_key.error();
  const auto now = clock_.now();
  const auto now_s = static_cast<std::uint64_t>(core::to_unix_ms(now) / 1000);
  polymarket::EngineOrderRequest order;
  order.version = version;
  order.chain_id = chain_id_;
  order.token_id = *token;
  order.price = plan->limit_price;
  order.size = plan->size;
  order.order_type = venue_order_type(strategy.params.order_type);
  if (order.order_type == polymarket::OrderType::gtd)
    order.expiration_s = now_s + static_cast<std::uint64_t>(strategy.params.order_expiry_seconds);
  if (wallet.signature_type == 2) {
    order.signature_type = polymarket::SignatureType::poly_gnosis_safe;
    if (wallet.funder) order.funder = chain::parse_address(*wallet.funder).value();
  }
  order.salt = random_salt();
  order.timestamp_ms = static_cast<std::uint64_t>(core::to_unix_ms(now));
  const polymarket::MarketRules rules{*tick, book->neg_risk.value_or(false), min_size};
  auto signed_order = polymarket::build_engine_order(order, rules, *signing_key, now_s);
  if (!signed_order)
    return outcome(Placement::rejected, signed_order.error().code, signed_order.error().message);

  // Write ahead: the risk check, its reservation and the intent bound to it commit together,
  // before the order leaves.
  store::OrderRecord intent;
  intent.id = core::new_id("ord", clock_);
  intent.lt_strategy_id = strategy.id;
  intent.source_trade_id = request.source_trade_id;
  intent.idempotency_key = key;
  intent.token_id = request.token_id;
  intent.limit_price = plan->limit_price;
  intent.size = plan->size;
  intent.order_type = strategy.params.order_type;
  intent.signal_price = request.signal_price;
  intent.salt = std::to_string(order.salt);
  intent.signature = signed_order->signature;
  intent.order_hash = chain::to_hex(signed_order->hash);
  if (order.expiration_s != 0)
    intent.expires_at = now + std::chrono::seconds(strategy.params.order_expiry_seconds);
  intent.created_at = now;
  auto reserved = risk_.check_and_reserve(strategy.id, request.condition_id, plan->limit_price,
                                          plan->size, *book, intent);
  if (!reserved) {
    if (reserved.error().code != "order_exists") return reserved.error();
    // Another placer got there first: ours never leaves.
    auto stored = store_.find_order_by_key(key);
    if (!stored) return stored.error();
    if (!*stored) return reserved.error();
    PlacementOutcome out = outcome(Placement::already_placed, std::nullopt, "");
    out.order_id = (*stored)->id;
    out.venue_order_id = (*stored)->venue_order_id;
    return out;
  }
  if (reserved->refusal)
    return outcome(Placement::refused_by_risk, reserved->refusal->code, reserved->refusal->message);
  const std::string reservation = *reserved->reservation_id;
  const auto release = [&](risk::OrderEnd end) {
    return risk_.finish_order(strategy.id, risk::FinishEvent{reservation, end});
  };

  auto identity = wallets_.trading_identity(wallet);
  if (!identity) {
    (void)store_.end_order(intent.id, store::OrderState::rejected, identity.error().message, now);
    (void)release(risk::OrderEnd::rejected);
    return identity.error();
  }
  polymarket::ClobTradingClient trading(http_, clob_url_, *identity, &clock_);
  polymarket::PostOptions options;
  options.owner = identity->credentials.key;
  options.order_type = order.order_type;
  auto posted = trading.post_order(*signed_order, options);
  PlacementOutcome out;
  out.order_id = intent.id;
  if (!posted) {
    if (posted.error().code == "unknown_outcome") {
      out.placement = Placement::unknown_outcome;
      out.code = posted.error().code;
      out.message = posted.error().message;
      return out;
    }
    // The venue answered no (or the request never left): nothing was placed.
    (void)store_.end_order(intent.id, store::OrderState::rejected, posted.error().message,
                           clock_.now());
    auto released = release(risk::OrderEnd::rejected);
    if (!released) return released.error();
    out.placement = Placement::rejected;
    out.code = posted.error().code;
    out.message = posted.error().message;
    return out;
  }
  const std::string venue_id = chain::to_hex(posted->order_id.value_or(signed_order->hash));
  auto submitted = store_.mark_order_submitted(intent.id, venue_id, clock_.now());
  if (!submitted) return submitted.error();
  out.placement = Placement::posted;
  out.venue_order_id = venue_id;
  return out;
}

}  // namespace polycopy::engine
