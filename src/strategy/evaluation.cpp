#include "strategy/evaluation.hpp"

#include <chrono>

#include "strategy/reason_codes.hpp"
#include "strategy/sizing.hpp"
#include "strategy/trade_metrics.hpp"

namespace polycopy::strategy {
namespace {

template <class T>
bool outside(const T& value, const std::optional<T>& low, const std::optional<T>& high) {
  return (low && value < *low) || (high && value > *high);
}

// With a bound set, an unknown value cannot be shown to be inside it.
template <class T>
bool outside(const std::optional<T>& value, const std::optional<T>& low,
             const std::optional<T>& high) {
  if (!low && !high) return false;
  return !value || outside(*value, low, high);
}

bool conviction_outside(const core::Usd& source_usd, const TraderStats& trader,
                        const store::FtStrategyParams& p) {
  return (p.min_conviction &&
          compare_conviction(source_usd, trader.average_trade_usd, *p.min_conviction) < 0) ||
         (p.max_conviction &&
          compare_conviction(source_usd, trader.average_trade_usd, *p.max_conviction) > 0);
}

// The market rows of the table; empty when the market passes.
std::string_view check_market(const PreparedStrategy& strategy, const EvaluationInput& in) {
  if (in.market == nullptr) return reason::market_not_found;
  const MarketInfo& market = *in.market;
  if (market.closed || market.resolved) return reason::market_resolved;
  if (market.end_time && in.trade.at > *market.end_time) return reason::after_market_end;
  if (strategy.params().live_markets_only && !is_in_play(market, in.now))
    return reason::trade_live_only;
  return {};
}

// The trader and filter rows, from not_target_trader to model_below_threshold.
std::string_view check_filters(const PreparedStrategy& strategy, const EvaluationInput& in,
                               const EvaluationResult& numbers) {
  const store::FtStrategyParams& p = strategy.params();
  const TraderStats& trader = in.trader;
  if (!strategy.target_traders().empty() && !strategy.target_traders().contains(in.trade.trader))
    return reason::not_target_trader;
  if (trader.resolved_count < p.min_trader_resolved_count)
    return reason::insufficient_trader_history;
  if (outside(in.trade.price, std::optional(p.price_min), std::optional(p.price_max)))
    return reason::price_out_of_range;
  if (outside(trader.win_rate, p.min_trader_win_rate, p.max_trader_win_rate))
    return reason::win_rate_out_of_range;
  if (outside(numbers.edge, p.min_edge, p.max_edge)) return reason::edge_out_of_range;
  if (conviction_outside(*numbers.source_trade_usd, trader, p))
    return reason::conviction_out_of_range;
  if (!strategy.categories().matches(in.market->category, in.market->question))
    return reason::category_mismatch;
  if (outside(*numbers.source_trade_usd, p.min_original_trade_usd, p.max_original_trade_usd))
    return reason::original_size_out_of_range;
  if (p.model_threshold) {
    if (!in.model_probability) return reason::model_not_available;
    if (*in.model_probability < *p.model_threshold) return reason::model_below_threshold;
  }
  return {};
}

EvaluationResult rejected(EvaluationResult result, std::string_view code) {
  result.reason = code;
  return result;
}

}  // namespace

bool is_in_play(const MarketInfo& market, core::Timestamp now) {
  if (market.live) return *market.live;
  if (!market.game_start_time || now < *market.game_start_time) return false;
  return !market.end_time || now < *market.end_time;
}

EvaluationResult evaluate(const PreparedStrategy& strategy, const EvaluationInput& in) {
  const store::FtStrategyParams& p = strategy.params();
  const SourceTrade& trade = in.trade;

  EvaluationResult result;
  result.entry_price = entry_price(trade.price, p.slippage);
  result.source_trade_usd = source_trade_usd(trade.price, trade.size);
  result.edge = edge(in.trader.win_rate, *result.entry_price);
  result.conviction = conviction(*result.source_trade_usd, in.trader.average_trade_usd);

  if (trade.side != TradeSide::buy) return rejected(result, reason::not_a_buy);
  if (in.now - trade.at > std::chrono::seconds(p.max_trade_age_seconds))
    return rejected(result, reason::trade_too_old);
  if (const auto code = check_market(strategy, in); !code.empty()) return rejected(result, code);
  if (const auto code = check_filters(strategy, in, result); !code.empty())
    return rejected(result, code);
  if (!p.allow_adding && in.state.held_token_ids.contains(trade.token_id))
    return rejected(result, reason::duplicate_position);

  result.bet = size_bet(p, SizingInputs{*result.entry_price, result.edge, *result.conviction,
                                        in.trader.win_rate, in.state.cash});
  if (*result.bet > in.state.cash) return rejected(result, reason::insufficient_cash);
  result.accepted = true;
  return result;
}

}  // namespace polycopy::strategy
