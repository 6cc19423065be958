#pragma once
// Strict order building for the engine: exact inputs (core money types, chain types), and a
// refusal with a reason code for anything the official client would silently round or the
// venue would reject. Passing orders are then built by the client-compatible path, so their
// amounts and signatures are the client's, and the amounts are re-checked against exact
// decimal arithmetic.
#include <cstdint>
#include <optional>

#include "chain/private_key.hpp"
#include "core/error.hpp"
#include "core/money.hpp"
#include "polymarket/orders/order.hpp"

namespace polycopy::polymarket {

// What the venue says about the market (GET /tick-size, /neg-risk, min_order_size).
struct MarketRules {
  TickSize tick = TickSize::t0_01;
  bool neg_risk = false;
  core::Shares min_order_size;  // in shares
};

struct EngineOrderRequest {
  ProtocolVersion version = ProtocolVersion::v2;
  std::uint64_t chain_id = 137;
  OrderKind kind = OrderKind::limit;
  Side side = Side::buy;
  chain::Uint256 token_id;
  core::Price price;  // limit price; for a market order the worst acceptable price
  core::Shares size;  // limit orders and market SELL
  core::Usd amount;   // market BUY: USD to spend
  OrderType order_type = OrderType::gtc;
  bool post_only = false;
  std::uint64_t expiration_s = 0;  // GTD only
  SignatureType signature_type = SignatureType::eoa;
  std::optional<chain::Address> funder;  // required for types 1-3
  std::uint64_t salt = 0;                // < 2^53, from the caller's random source
  std::uint64_t timestamp_ms = 0;        // V2/V3, from the caller's clock
  chain::Bytes32 metadata;
  chain::Bytes32 builder;
  chain::Uint256 nonce;         // V1
  chain::Uint256 fee_rate_bps;  // V1
};

// GTD orders must outlive now by more than this (the venue's rule).
inline constexpr std::uint64_t kMinGtdLifetimeS = 60;

// Reason codes: "invalid_tick_size" (tick unknown to the version), "price_not_on_tick",
// "price_out_of_range" (outside [tick, 1 - tick]), "invalid_size" (<= 0),
// "size_too_precise" (more than 2 decimals), "below_min_order_size",
// "post_only_not_allowed" (with FOK/FAK), "invalid_order_type" (market orders are FOK/FAK),
// "expiration_too_soon" (GTD within 60 s), "expiration_not_allowed" (non-GTD),
// "funder_required", "funder_mismatch" (EOA orders fund themselves),
// "signature_type_not_supported", "invalid_salt", "amount_mismatch" (internal
// disagreement between client arithmetic and exact arithmetic), and those of sign_order.
core::Result<SignedOrder> build_engine_order(const EngineOrderRequest& request,
                                             const MarketRules& rules, const chain::PrivateKey& key,
                                             std::uint64_t now_s);

}  // namespace polycopy::polymarket
