#pragma once
// Refusal codes of the risk checks (domain.md "Risk rules"), in the order the checks run,
// and the codes of risk events that cannot apply.
#include <array>
#include <string_view>

namespace polycopy::risk::reason {

inline constexpr std::string_view circuit_breaker_open = "circuit_breaker_open";
inline constexpr std::string_view strategy_paused = "strategy_paused";
inline constexpr std::string_view position_too_large = "position_too_large";
inline constexpr std::string_view daily_budget_exceeded = "daily_budget_exceeded";
inline constexpr std::string_view weekly_budget_exceeded = "weekly_budget_exceeded";
inline constexpr std::string_view monthly_budget_exceeded = "monthly_budget_exceeded";
inline constexpr std::string_view exposure_limit = "exposure_limit";
inline constexpr std::string_view max_open_positions = "max_open_positions";
inline constexpr std::string_view max_positions_per_market = "max_positions_per_market";
inline constexpr std::string_view slippage_too_high = "slippage_too_high";
inline constexpr std::string_view insufficient_liquidity = "insufficient_liquidity";

// Every code check_order() can return, in check order (first failure wins). The breaker is
// checked before the pause: tripping it pauses the strategy, and its code says more.
inline constexpr std::array kInCheckOrder{
    circuit_breaker_open,  strategy_paused,        position_too_large,
    daily_budget_exceeded, weekly_budget_exceeded, monthly_budget_exceeded,
    exposure_limit,        max_open_positions,     max_positions_per_market,
    slippage_too_high,     insufficient_liquidity,
};

// Events that cannot apply to the reservation they name.
inline constexpr std::string_view invalid_order = "invalid_order";
inline constexpr std::string_view invalid_fill = "invalid_fill";
inline constexpr std::string_view reservation_not_live = "reservation_not_live";
inline constexpr std::string_view order_still_live = "order_still_live";
inline constexpr std::string_view no_open_position = "no_open_position";
inline constexpr std::string_view invalid_time_zone = "invalid_time_zone";
inline constexpr std::string_view redemption_not_due = "redemption_not_due";

// Alerts raised by events that apply.
inline constexpr std::string_view payout_mismatch = "payout_mismatch";

}  // namespace polycopy::risk::reason
