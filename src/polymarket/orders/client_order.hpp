#pragma once
// Builds and signs an order exactly as the official client's createOrder /
// createMarketOrder do (clob-client-v2 1.1.0 for V2/V3, clob-client 5.8.1 for V1): an
// off-grid price is rounded, not refused; a size with extra decimals is rounded down.
// This is the CLI's `sign-order` behaviour; the engine uses build_engine_order, which is
// strict and calls this once its checks pass.
#include <cstdint>
#include <optional>
#include <string>

#include "chain/private_key.hpp"
#include "core/error.hpp"
#include "polymarket/orders/order.hpp"

namespace polycopy::polymarket {

struct ClientOrderRequest {
  ProtocolVersion version = ProtocolVersion::v2;
  std::uint64_t chain_id = 137;
  OrderKind kind = OrderKind::limit;
  chain::Uint256 token_id;
  std::string price;  // decimal text, read as JavaScript's Number() would
  std::string size;   // shares; the USD amount for a market BUY
  Side side = Side::buy;
  TickSize tick = TickSize::t0_01;
  bool neg_risk = false;
  SignatureType signature_type = SignatureType::eoa;
  std::optional<WireAddress> funder;  // the maker when given (types 1-3)
  std::uint64_t salt = 0;
  std::uint64_t expiration = 0;  // limit orders only: the client puts "0" in market orders
  // V1
  chain::Uint256 fee_rate_bps;
  chain::Uint256 nonce;
  // V2/V3
  std::uint64_t timestamp_ms = 0;
  chain::Bytes32 metadata;
  chain::Bytes32 builder;
};

// Errors: those of client_order_amounts and sign_order.
core::Result<SignedOrder> build_client_order(const ClientOrderRequest& request,
                                             const chain::PrivateKey& key);

}  // namespace polycopy::polymarket
