#pragma once
// Vocabulary of Polymarket orders (protocol doc section 7): protocol generation, side,
// signature type, order type and tick size.
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/money.hpp"

namespace polycopy::polymarket {

// The exchange generation an order is signed for (EIP-712 domain version "1", "2", "3").
enum class ProtocolVersion : std::uint8_t { v1 = 1, v2 = 2, v3 = 3 };

enum class Side : std::uint8_t { buy = 0, sell = 1 };  // the signed uint8 value

enum class SignatureType : std::uint8_t {
  eoa = 0,
  poly_proxy = 1,
  poly_gnosis_safe = 2,
  poly_1271 = 3,  // V2/V3 only: a smart-contract wallet, EIP-1271 validated
};

enum class OrderType : std::uint8_t { gtc, gtd, fok, fak };

// limit: price and size in shares. market: priced to cross, BUY sized in USD, SELL in shares.
enum class OrderKind : std::uint8_t { limit, market };

// The tick sizes the official client has a rounding configuration for.
enum class TickSize : std::uint8_t { t0_1, t0_01, t0_001, t0_0001, t0_005, t0_0025 };

// Decimals the client rounds price / size / amount to for a tick (ROUNDING_CONFIG).
struct RoundingConfig {
  int price = 0;
  int size = 0;
  int amount = 0;
};

std::string_view to_string(Side side);  // "BUY" / "SELL" (the wire spelling)
std::string_view to_string(OrderType type);
std::string_view to_string(TickSize tick);  // "0.01", as the venue spells it

std::optional<Side> parse_side(std::string_view text);
std::optional<OrderType> parse_order_type(std::string_view text);
// Only spellings the venue uses ("0.01", not "0.010"); V1 knows neither 0.005 nor 0.0025,
// as in clob-client 5.8.1.
std::optional<TickSize> parse_tick_size(std::string_view text, ProtocolVersion version);

RoundingConfig rounding_config(TickSize tick);
core::Price tick_price(TickSize tick);

}  // namespace polycopy::polymarket
