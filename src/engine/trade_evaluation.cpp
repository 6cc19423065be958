#include "engine/trade_evaluation.hpp"

#include "core/ids.hpp"
#include "engine/venue_mapping.hpp"
#include "strategy/reason_codes.hpp"

namespace polycopy::engine {

core::Result<const strategy::MarketInfo*> BatchInputs::market(const std::string& condition_id) {
  auto it = markets_.find(condition_id);
  if (it == markets_.end()) {
    auto stored = store_.get_market(condition_id);
    if (!stored) return stored.error();
    std::optional<strategy::MarketInfo> info;
    if (*stored) {
      auto resolution = store_.get_resolution(condition_id);
      if (!resolution) return resolution.error();
      info = to_market_info(**stored, resolution->has_value());
    }
    it = markets_.emplace(condition_id, std::move(info)).first;
  }
  return it->second ? &*it->second : nullptr;
}

core::Result<const strategy::TraderStats*> BatchInputs::trader(const std::string& address) {
  auto it = traders_.find(address);
  if (it == traders_.end()) {
    auto stats = store_.get_trader_stats(address, now_);
    if (!stats) return stats.error();
    it = traders_.emplace(address, to_trader_stats(*stats)).first;
  }
  return &it->second;
}

core::Result<strategy::EvaluationResult> evaluate_trade(const strategy::PreparedStrategy& prepared,
                                                        const store::SourceTradeRecord& record,
                                                        BatchInputs& inputs,
                                                        const strategy::StrategyState& state,
                                                        core::Timestamp now) {
  auto market = inputs.market(record.condition_id);
  if (!market) return market.error();
  auto trader = inputs.trader(record.trader_address);
  if (!trader) return trader.error();
  const strategy::SourceTrade trade = to_evaluation_trade(record);
  const strategy::EvaluationInput input{trade, *market, **trader, state, std::nullopt, now};
  auto result = strategy::evaluate(prepared, input);
  // A bet that rounds to nothing cannot open a position (only with min_bet = 0).
  if (result.accepted &&
      (result.bet->micros() <= 0 ||
       core::shares_for(*result.bet, *result.entry_price, core::Rounding::down).micros() <= 0)) {
    result.accepted = false;
    result.reason = strategy::reason::zero_bet;
  }
  return result;
}

store::StrategySignalRecord signal_of(const store::SourceTradeRecord& trade,
                                      const strategy::EvaluationResult& result,
                                      const core::Clock& clock, core::Timestamp now) {
  store::StrategySignalRecord s;
  s.id = core::new_id("sig", clock);
  s.source_trade_id = trade.id;
  s.accepted = result.accepted;
  if (!result.accepted) s.reason_code = std::string(result.reason);
  // The entry price is stored only where the schema allows it (strictly inside (0, 1)).
  if (result.entry_price && result.entry_price->micros() > 0 &&
      result.entry_price->micros() < core::kMicrosPerUnit) {
    s.entry_price = result.entry_price;
  }
  s.bet_usd = result.bet;
  s.edge = result.edge;
  s.conviction = result.conviction;
  s.evaluated_at = now;
  return s;
}

std::int64_t outcome_index_of(const strategy::MarketInfo& market, const std::string& token_id) {
  for (std::size_t index = 0; index < market.token_ids.size(); ++index)
    if (market.token_ids[index] == token_id) return static_cast<std::int64_t>(index);
  return 0;
}

}  // namespace polycopy::engine
