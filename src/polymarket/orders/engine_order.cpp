#include "polymarket/orders/engine_order.hpp"

#include "polymarket/orders/client_order.hpp"

namespace polycopy::polymarket {
namespace {

constexpr std::int64_t kCent = 10'000;  // the client keeps 2 decimals of size / USD

core::Status check_price(const EngineOrderRequest& r, const MarketRules& rules) {
  const std::int64_t tick = tick_price(rules.tick).micros();
  const std::int64_t p = r.price.micros();
  if (p < tick || p > core::kMicrosPerUnit - tick) {
    return core::Error{"price_out_of_range", "price " + r.price.to_string() + " is outside [" +
                                                 tick_price(rules.tick).to_string() +
                                                 ", 1 - tick]"};
  }
  if (p % tick != 0) {
    return core::Error{"price_not_on_tick", "price " + r.price.to_string() +
                                                " is not a multiple of the tick " +
                                                std::string(to_string(rules.tick))};
  }
  return {};
}

core::Status check_size(const EngineOrderRequest& r, const MarketRules& rules) {
  const bool usd = r.kind == OrderKind::market && r.side == Side::buy;
  const std::int64_t quantity = usd ? r.amount.micros() : r.size.micros();
  if (quantity <= 0) return core::Error{"invalid_size", "the order size must be positive"};
  if (quantity % kCent != 0) {
    return core::Error{"size_too_precise", "the order size has more than 2 decimals"};
  }
  // A market BUY is measured by the shares its USD buys at the worst price.
  const core::Shares shares =
      usd ? core::shares_for(r.amount, r.price, core::Rounding::down) : r.size;
  if (shares < rules.min_order_size) {
    return core::Error{"below_min_order_size", "the order is " + shares.to_string() +
                                                   " shares, the market minimum is " +
                                                   rules.min_order_size.to_string()};
  }
  return {};
}

core::Status check_type(const EngineOrderRequest& r, std::uint64_t now_s) {
  const bool immediate = r.order_type == OrderType::fok || r.order_type == OrderType::fak;
  if (r.post_only && immediate) {
    return core::Error{"post_only_not_allowed", "post_only is only allowed with GTC and GTD"};
  }
  if (r.kind == OrderKind::market && !immediate) {
    return core::Error{"invalid_order_type", "a market order must be FOK or FAK"};
  }
  if (r.order_type == OrderType::gtd) {
    if (r.expiration_s <= now_s + kMinGtdLifetimeS) {
      return core::Error{"expiration_too_soon", "a GTD order must expire more than 60 s from now"};
    }
  } else if (r.expiration_s != 0) {
    return core::Error{"expiration_not_allowed", "only GTD orders carry an expiration"};
  }
  return {};
}

core::Status check_wallet(const EngineOrderRequest& r, const chain::PrivateKey& key) {
  if (r.signature_type == SignatureType::poly_1271 && r.version == ProtocolVersion::v1) {
    return core::Error{"signature_type_not_supported", "POLY_1271 needs protocol V2 or V3"};
  }
  if (r.signature_type == SignatureType::eoa) {
    if (r.funder && *r.funder != key.address()) {
      return core::Error{"funder_mismatch", "an EOA order is funded by the signing key itself"};
    }
  } else if (!r.funder) {
    return core::Error{"funder_required",
                       "signature types 1-3 need the funder (proxy/safe/wallet)"};
  }
  if (r.salt > kMaxSalt) return core::Error{"invalid_salt", "salt must be below 2^53"};
  return {};
}

// The exact amounts for the inputs that passed the checks (on-tick price, cent sizes);
// nullopt for a market BUY, whose taker amount is a rounded quotient.
std::optional<std::pair<std::int64_t, std::int64_t>> exact_amounts(const EngineOrderRequest& r) {
  if (r.kind == OrderKind::market && r.side == Side::buy) return std::nullopt;
  const std::int64_t shares = r.size.micros();
  const std::int64_t usd = core::notional(r.size, r.price, core::Rounding::down).micros();
  if (core::notional(r.size, r.price, core::Rounding::up).micros() != usd) return std::nullopt;
  return r.side == Side::buy ? std::pair{usd, shares} : std::pair{shares, usd};
}

}  // namespace

core::Result<SignedOrder> build_engine_order(const EngineOrderRequest& r, const MarketRules& rules,
                                             const chain::PrivateKey& key, std::uint64_t now_s) {
  if (!parse_tick_size(to_string(rules.tick), r.version)) {
    return core::Error{"invalid_tick_size", "tick " + std::string(to_string(rules.tick)) +
                                                " is not supported by protocol V1"};
  }
  // In order, and lazily: check_size divides by the price check_price has vetted.
  if (auto s = check_price(r, rules); !s) return s.error();
  if (auto s = check_size(r, rules); !s) return s.error();
  if (auto s = check_type(r, now_s); !s) return s.error();
  if (auto s = check_wallet(r, key); !s) return s.error();
  ClientOrderRequest c;
  c.version = r.version;
  c.chain_id = r.chain_id;
  c.kind = r.kind;
  c.token_id = r.token_id;
  c.price = r.price.to_string();
  c.size = (r.kind == OrderKind::market && r.side == Side::buy ? r.amount.to_string()
                                                               : r.size.to_string());
  c.side = r.side;
  c.tick = rules.tick;
  c.neg_risk = rules.neg_risk;
  c.signature_type = r.signature_type;
  if (r.funder) c.funder = WireAddress{*r.funder, true};
  c.salt = r.salt;
  c.expiration = r.expiration_s;
  c.fee_rate_bps = r.fee_rate_bps;
  c.nonce = r.nonce;
  c.timestamp_ms = r.timestamp_ms;
  c.metadata = r.metadata;
  c.builder = r.builder;
  auto signed_order = build_client_order(c, key);
  if (!signed_order) return signed_order.error();
  // Defence in depth: on valid inputs the client's double arithmetic is exact; if it ever
  // is not, refuse rather than sign amounts nobody intended.
  if (const auto exact = exact_amounts(r)) {
    if (exact->first != signed_order->order.maker_amount ||
        exact->second != signed_order->order.taker_amount) {
      return core::Error{"amount_mismatch",
                         "client-compatible amounts differ from the exact amounts; refused"};
    }
  }
  return signed_order;
}

}  // namespace polycopy::polymarket
