#pragma once
// Polymarket's own wording of every refusal the venue gives (protocol doc section 6), in one
// place so that clients matching on these texts see exactly what production sends.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/money.hpp"

namespace polycopy::sim::venue_errors {

// POST /order refusals (INVALID_ORDER_* codes and friends).
inline constexpr std::string_view kInvalidTokenId = "Invalid token id";
inline constexpr std::string_view kInvalidPayload = "Invalid payload";
inline constexpr std::string_view kMarketNotReady =
    "the market is not yet ready to process new orders";
inline constexpr std::string_view kMinTickSize =
    "order is invalid. Price breaks minimum tick size rules";
inline constexpr std::string_view kMinSize = "order is invalid. Size lower than the minimum";
inline constexpr std::string_view kDuplicated =
    "order is invalid. Duplicated. Same order has already been placed, can't be placed again";
inline constexpr std::string_view kNotEnoughBalance = "not enough balance / allowance";
inline constexpr std::string_view kInvalidExpiration = "invalid expiration";
inline constexpr std::string_view kPostOnlyType =
    "invalid post-only order: only GTC and GTD order types are allowed";
inline constexpr std::string_view kPostOnlyCrosses = "invalid post-only order: order crosses book";
inline constexpr std::string_view kFokNotFilled =
    "order couldn't be fully filled, FOK orders are fully filled/killed";
inline constexpr std::string_view kInvalidSignature = "invalid signature";

// Cancel refusals (the values of not_canceled).
inline constexpr std::string_view kOrderNotFound = "order not found";
inline constexpr std::string_view kAlreadyCanceledOrMatched =
    "order can't be found - already canceled or matched";

// The live long form of INVALID_ORDER_MIN_SIZE, with the order id and both sizes in shares:
// "order 0x… is invalid. Size (1.08) lower than the minimum: 5".
inline std::string min_size(std::string_view order_id_hex, core::Shares size,
                            core::Shares minimum) {
  return "order " + std::string(order_id_hex) + " is invalid. Size (" + size.to_string() +
         ") lower than the minimum: " + minimum.to_string();
}

// The live long form of INVALID_ORDER_NOT_ENOUGH_BALANCE; both numbers in micro-units.
inline std::string not_enough_balance(std::int64_t available, std::int64_t order_amount) {
  return std::string(kNotEnoughBalance) +
         ": the balance is not enough -> balance: " + std::to_string(available) +
         ", order amount: " + std::to_string(order_amount);
}
inline std::string not_enough_allowance(std::int64_t allowance, std::int64_t order_amount) {
  return std::string(kNotEnoughBalance) +
         ": the allowance is not enough -> allowance: " + std::to_string(allowance) +
         ", order amount: " + std::to_string(order_amount);
}

}  // namespace polycopy::sim::venue_errors
