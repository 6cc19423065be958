#pragma once
// The shared evaluation of domain.md (FT and LT): a pure function of a source trade, its
// market, the trader's statistics, the strategy, its cash and open positions, and `now`.
// Checks run in this order; the first failure wins (codes in strategy/reason_codes.hpp):
//
//   not_a_buy                    the source trade is a SELL (only BUY fills are copied)
//   trade_too_old                now − trade time > max_trade_age_seconds; exactly the
//                                maximum passes; a trade stamped after `now` (clock skew)
//                                is not too old
//   market_not_found             no market info
//   market_resolved              the market is closed or resolved
//   after_market_end             trade time strictly after the market's end time (no end
//                                time known: no check)
//   trade_live_only              live_markets_only and !is_in_play(market, now)
//   not_target_trader            the strategy lists target traders and this one is not in it
//   insufficient_trader_history  resolved_count < min_trader_resolved_count
//   price_out_of_range           the source trade's price (not the entry price) outside
//                                [price_min, price_max]
//   win_rate_out_of_range        the overall win rate outside [min_trader_win_rate,
//                                max_trader_win_rate]; with a bound set, an unknown win rate
//                                is rejected
//   edge_out_of_range            edge outside [min_edge, max_edge]; with a bound set, an
//                                unknown edge (unknown win rate) is rejected
//   conviction_out_of_range      conviction outside [min_conviction, max_conviction],
//                                compared exactly (before the result's rounding)
//   category_mismatch            see category_match.hpp
//   original_size_out_of_range   source trade USD outside [min_original_trade_usd,
//                                max_original_trade_usd]
//   model_not_available          model_threshold is set but no model probability was given
//                                (the scorer comes in a later issue)
//   model_below_threshold        model probability < model_threshold (equal passes)
//   duplicate_position           the token is held and allow_adding is false
//   insufficient_cash            the sized bet (sizing.hpp, bankroll = cash) > cash
//
// Every range is inclusive at both ends; an unset bound does not check. The numbers are
// those of trade_metrics.hpp. The evaluation allocates nothing and throws nothing.
#include <optional>
#include <string_view>

#include "core/clock.hpp"
#include "core/money.hpp"
#include "strategy/evaluation_inputs.hpp"
#include "strategy/prepared_strategy.hpp"

namespace polycopy::strategy {

struct EvaluationResult {
  bool accepted = false;
  std::string_view reason;  // a reason:: code when rejected, empty when accepted
  // The trade's numbers are computed before the first check, so every result carries them
  // (for the signals log); the bet only once the trade has passed duplicate_position.
  std::optional<core::Price> entry_price;
  std::optional<core::Usd> source_trade_usd;
  std::optional<core::Ratio> edge;  // absent when the trader's win rate is unknown
  std::optional<core::Ratio> conviction;
  std::optional<core::Usd> bet;
};

// In play at `now`: the venue's live flag when it reports one; otherwise from the game start
// time (inclusive) until the end time (exclusive; no end time = open-ended); a market with
// neither is not in play.
bool is_in_play(const MarketInfo& market, core::Timestamp now);

EvaluationResult evaluate(const PreparedStrategy& strategy, const EvaluationInput& input);

}  // namespace polycopy::strategy
