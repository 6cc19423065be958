// The only place where order money is a double: see client_amounts.hpp for why.
// Mirrors clob-client-v2 src/utilities.ts (roundNormal, roundDown, roundUp, priceValid),
// src/order-builder/helpers/get{,Market}OrderRawAmounts.ts and viem's parseUnits.
#include "polymarket/orders/client_amounts.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <string>

#include "polymarket/orders/js_number.hpp"

namespace polycopy::polymarket {
namespace {

constexpr double kEpsilon = 2.220446049250313e-16;  // Number.EPSILON

// 10 ** d for the small d the rounding table uses (exact doubles).
double pow10(int d) {
  double p = 1;
  for (int i = 0; i < d; ++i) p *= 10;
  return p;
}

double round_normal(double x, int d) {
  if (js::decimal_places(x) <= d) return x;
  return js::math_round((x + kEpsilon) * pow10(d)) / pow10(d);
}

double round_down(double x, int d) {
  if (js::decimal_places(x) <= d) return x;
  return std::floor(x * pow10(d)) / pow10(d);
}

double round_up(double x, int d) {
  if (js::decimal_places(x) <= d) return x;
  return std::ceil(x * pow10(d)) / pow10(d);
}

// The product's fix-up (step 3 of doc 7.2).
double fix_amount(double x, int amount_decimals) {
  if (js::decimal_places(x) > amount_decimals) {
    x = round_up(x, amount_decimals + 4);
    if (js::decimal_places(x) > amount_decimals) x = round_down(x, amount_decimals);
  }
  return x;
}

// JavaScript's Number(text) for the texts JSON and core types produce.
core::Result<double> js_parse(std::string_view text, const char* what) {
  double value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || ptr != text.data() + text.size() ||
      !std::isfinite(value)) {
    return core::Error{"invalid_number", std::string(what) + " is not a finite decimal number"};
  }
  return value;
}

// parseUnits(x.toString(), 6) (viem 2.57 Value.from): fixed notation only, digits past the
// sixth rounded half up on the seventh.
core::Result<std::int64_t> parse_units6(double x) {
  const std::string text = js::number_to_string(x);
  if (text.find_first_of("eE") != std::string::npos || text == "NaN" || text == "Infinity") {
    return core::Error{"amount_not_representable",
                       "amount " + text + " has no fixed decimal form (the client refuses it)"};
  }
  if (text.front() == '-') return core::Error{"invalid_amount", "amount " + text + " is negative"};
  const auto dot = text.find('.');
  const std::string integer = text.substr(0, dot);
  std::string fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
  bool round_up_last = fraction.size() > 6 && fraction[6] >= '5';
  fraction.resize(6, '0');
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  std::int64_t micros = 0;
  for (char c : integer + fraction) {
    if (__builtin_mul_overflow(micros, 10, &micros) ||
        __builtin_add_overflow(micros, c - '0', &micros)) {
      return core::Error{"amount_out_of_range", "amount " + text + " is too large"};
    }
  }
  if (round_up_last) {
    if (micros == kMax)
      return core::Error{"amount_out_of_range", "amount " + text + " is too large"};
    ++micros;
  }
  return micros;
}

}  // namespace

core::Result<RawAmounts> client_order_amounts(const ClientAmountsInput& input) {
  const auto price = js_parse(input.price, "price");
  if (!price) return price.error();
  const auto size = js_parse(input.size, "size");
  if (!size) return size.error();
  const std::string tick_text(to_string(input.tick));
  const double tick = std::stod(tick_text);
  if (input.kind == OrderKind::market && *price == 0) {
    return core::Error{"market_price_required",
                       "a market order needs a price (the client would walk the order book)"};
  }
  // priceValid(price, tickSize), with the client's message.
  if (!(*price >= tick && *price <= 1 - tick)) {
    return core::Error{"price_out_of_range", "invalid price (" + js::number_to_string(*price) +
                                                 "), min: " + js::number_to_string(tick) +
                                                 " - max: " + js::number_to_string(1 - tick)};
  }
  const RoundingConfig cfg = rounding_config(input.tick);
  double maker = 0;
  double taker = 0;
  if (input.kind == OrderKind::limit) {
    const double p = round_normal(*price, cfg.price);
    if (input.side == Side::buy) {
      taker = round_down(*size, cfg.size);
      maker = fix_amount(taker * p, cfg.amount);
    } else {
      maker = round_down(*size, cfg.size);
      taker = fix_amount(maker * p, cfg.amount);
    }
  } else {
    const double p = round_down(*price, cfg.price);
    maker = round_down(*size, cfg.size);
    taker = fix_amount(input.side == Side::buy ? maker / p : maker * p, cfg.amount);
  }
  const auto maker_micros = parse_units6(maker);
  if (!maker_micros) return maker_micros.error();
  const auto taker_micros = parse_units6(taker);
  if (!taker_micros) return taker_micros.error();
  return RawAmounts{*maker_micros, *taker_micros};
}

}  // namespace polycopy::polymarket
