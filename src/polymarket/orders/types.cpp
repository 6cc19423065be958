#include "polymarket/orders/types.hpp"

#include <array>

namespace polycopy::polymarket {
namespace {

struct TickInfo {
  TickSize tick;
  std::string_view text;
  RoundingConfig rounding;
  std::int64_t micros;
  bool v1;  // known to the V1 client
};

// ROUNDING_CONFIG of clob-client-v2 1.1.0 src/order-builder/helpers/roundingConfig.ts.
constexpr std::array<TickInfo, 6> kTicks{{
    {TickSize::t0_1, "0.1", {1, 2, 3}, 100000, true},
    {TickSize::t0_01, "0.01", {2, 2, 4}, 10000, true},
    {TickSize::t0_001, "0.001", {3, 2, 5}, 1000, true},
    {TickSize::t0_0001, "0.0001", {4, 2, 6}, 100, true},
    {TickSize::t0_005, "0.005", {3, 2, 5}, 5000, false},
    {TickSize::t0_0025, "0.0025", {4, 2, 6}, 2500, false},
}};

const TickInfo& info(TickSize tick) {
  return kTicks[static_cast<std::size_t>(tick)];
}

}  // namespace

std::string_view to_string(Side side) {
  return side == Side::buy ? "BUY" : "SELL";
}

std::string_view to_string(OrderType type) {
  switch (type) {
    case OrderType::gtc:
      return "GTC";
    case OrderType::gtd:
      return "GTD";
    case OrderType::fok:
      return "FOK";
    case OrderType::fak:
      return "FAK";
  }
  return "GTC";
}

std::string_view to_string(TickSize tick) {
  return info(tick).text;
}

std::optional<Side> parse_side(std::string_view text) {
  if (text == "BUY") return Side::buy;
  if (text == "SELL") return Side::sell;
  return std::nullopt;
}

std::optional<OrderType> parse_order_type(std::string_view text) {
  for (auto type : {OrderType::gtc, OrderType::gtd, OrderType::fok, OrderType::fak}) {
    if (to_string(type) == text) return type;
  }
  return std::nullopt;
}

std::optional<TickSize> parse_tick_size(std::string_view text, ProtocolVersion version) {
  for (const auto& tick : kTicks) {
    if (tick.text == text && (tick.v1 || version != ProtocolVersion::v1)) return tick.tick;
  }
  return std::nullopt;
}

RoundingConfig rounding_config(TickSize tick) {
  return info(tick).rounding;
}

core::Price tick_price(TickSize tick) {
  return core::Price::from_micros(info(tick).micros).value();
}

}  // namespace polycopy::polymarket
