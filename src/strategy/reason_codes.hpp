#pragma once
// Rejection codes of the shared evaluation (domain.md "Evaluation"), spelled as in the doc.
// Static string_views: a rejection never builds a string on the hot path.
#include <array>
#include <string_view>

namespace polycopy::strategy::reason {

// Added by the engine (not in domain.md's table): only BUY fills are copied; checked first.
inline constexpr std::string_view not_a_buy = "not_a_buy";
inline constexpr std::string_view trade_too_old = "trade_too_old";
inline constexpr std::string_view market_not_found = "market_not_found";
inline constexpr std::string_view market_resolved = "market_resolved";
inline constexpr std::string_view after_market_end = "after_market_end";
inline constexpr std::string_view trade_live_only = "trade_live_only";
inline constexpr std::string_view not_target_trader = "not_target_trader";
inline constexpr std::string_view insufficient_trader_history = "insufficient_trader_history";
inline constexpr std::string_view price_out_of_range = "price_out_of_range";
inline constexpr std::string_view win_rate_out_of_range = "win_rate_out_of_range";
inline constexpr std::string_view edge_out_of_range = "edge_out_of_range";
inline constexpr std::string_view conviction_out_of_range = "conviction_out_of_range";
inline constexpr std::string_view category_mismatch = "category_mismatch";
inline constexpr std::string_view original_size_out_of_range = "original_size_out_of_range";
// Added by the engine: the strategy sets model_threshold but no model probability was given
// (the scorer arrives in a later issue). Checked just before model_below_threshold.
inline constexpr std::string_view model_not_available = "model_not_available";
inline constexpr std::string_view model_below_threshold = "model_below_threshold";
inline constexpr std::string_view duplicate_position = "duplicate_position";
inline constexpr std::string_view insufficient_cash = "insufficient_cash";
// Recorded by paper trading, not by evaluate(): an accepted bet that rounds to zero (only
// possible with min_bet = 0) opens no position.
inline constexpr std::string_view zero_bet = "zero_bet";

// Every code evaluate() can return, in the order the checks run (first failure wins).
inline constexpr std::array kInCheckOrder{
    not_a_buy,           trade_too_old,
    market_not_found,    market_resolved,
    after_market_end,    trade_live_only,
    not_target_trader,   insufficient_trader_history,
    price_out_of_range,  win_rate_out_of_range,
    edge_out_of_range,   conviction_out_of_range,
    category_mismatch,   original_size_out_of_range,
    model_not_available, model_below_threshold,
    duplicate_position,  insufficient_cash,
};

}  // namespace polycopy::strategy::reason
