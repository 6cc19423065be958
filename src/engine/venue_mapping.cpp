#include "engine/venue_mapping.hpp"

#include "chain/hex.hpp"
#include "strategy/trade_metrics.hpp"

namespace polycopy::engine {

namespace parse = polymarket::parse;

core::Result<store::SourceTradeRecord> to_source_trade(const parse::DataTrade& trade,
                                                       core::Timestamp received_at) {
  if (!trade.transaction_hash) {
    return core::Error{"missing_transaction_hash", "a Data API trade has no transactionHash"};
  }
  store::SourceTradeRecord r;
  r.trader_address = chain::to_hex(trade.proxy_wallet);
  r.tx_hash = chain::to_hex(*trade.transaction_hash);
  r.condition_id = chain::to_hex(trade.condition_id);
  r.token_id = trade.token_id.to_decimal();
  r.id = store::source_trade_id(r.tx_hash, r.token_id, r.trader_address);
  r.outcome = trade.outcome;
  r.outcome_index = trade.outcome_index;
  r.side = trade.side == parse::TradeSide::buy ? store::TradeSide::buy : store::TradeSide::sell;
  r.price = trade.price;
  r.size = trade.size;
  r.usd = strategy::source_trade_usd(trade.price, trade.size);
  r.traded_at = core::from_unix_ms(trade.timestamp_s * 1000);
  r.received_at = received_at;
  return r;
}

core::Result<MarketUpdate> to_market_update(const parse::GammaMarket& gamma, core::Timestamp now) {
  const std::string condition_id = chain::to_hex(gamma.condition_id);
  if (gamma.token_ids.size() != 2) {
    return core::Error{"not_binary", "market " + condition_id + " has " +
                                         std::to_string(gamma.token_ids.size()) +
                                         " outcome tokens, not 2"};
  }
  MarketUpdate update;
  auto& m = update.market;
  m.condition_id = condition_id;
  m.question = gamma.question.value_or("");
  m.slug = gamma.slug;
  m.category = gamma.category;
  if (gamma.end_date_s) m.end_at = core::from_unix_ms(*gamma.end_date_s * 1000);
  if (gamma.game_start_s) m.game_start_at = core::from_unix_ms(*gamma.game_start_s * 1000);
  m.closed = gamma.closed.value_or(false);
  m.neg_risk = gamma.neg_risk.value_or(false);
  if (gamma.tick_size && gamma.tick_size->micros() > 0 &&
      gamma.tick_size->micros() < core::kMicrosPerUnit) {
    m.tick_size = *gamma.tick_size;
  }
  if (gamma.min_order_size) m.min_order_size = *gamma.min_order_size;
  m.updated_at = now;
  for (std::size_t i = 0; i < 2; ++i) {
    store::OutcomeTokenRecord token;
    token.token_id = gamma.token_ids[i].to_decimal();
    token.condition_id = condition_id;
    token.outcome_index = static_cast<std::int64_t>(i);
    token.outcome = i < gamma.outcomes.size() ? gamma.outcomes[i] : (i == 0 ? "Yes" : "No");
    update.tokens.push_back(std::move(token));
  }
  // Only a clean winner: a near-1 price before close, or a closed market without exact 1/0
  // prices, is not a resolution (domain.md "Resolution and PnL").
  if (gamma.resolution.state == parse::ResolutionState::resolved && gamma.resolution.winner_index &&
      *gamma.resolution.winner_index < 2) {
    store::ResolutionRecord r;
    r.condition_id = condition_id;
    r.winning_outcome_index = static_cast<std::int64_t>(*gamma.resolution.winner_index);
    r.payout_numerator_0 = *gamma.resolution.winner_index == 0 ? 1 : 0;
    r.payout_numerator_1 = *gamma.resolution.winner_index == 1 ? 1 : 0;
    r.payout_denominator = 1;
    r.resolved_at = gamma.closed_time_s ? core::from_unix_ms(*gamma.closed_time_s * 1000) : now;
    r.recorded_at = now;
    update.resolution = r;
  }
  return update;
}

strategy::SourceTrade to_evaluation_trade(const store::SourceTradeRecord& r) {
  strategy::SourceTrade t;
  t.trader = r.trader_address;
  t.transaction_hash = r.tx_hash;
  t.condition_id = r.condition_id;
  t.token_id = r.token_id;
  t.outcome = r.outcome.value_or("");
  t.side = r.side == store::TradeSide::buy ? strategy::TradeSide::buy : strategy::TradeSide::sell;
  t.price = r.price;
  t.size = r.size;
  t.at = r.traded_at;
  return t;
}

strategy::MarketInfo to_market_info(const store::MarketWithTokens& stored, bool resolved) {
  const auto& m = stored.market;
  strategy::MarketInfo info;
  info.condition_id = m.condition_id;
  for (const auto& token : stored.tokens) info.token_ids.push_back(token.token_id);
  info.question = m.question;
  info.category = m.category;
  info.end_time = m.end_at;
  info.closed = m.closed;
  info.resolved = resolved;
  // The store keeps the venue's live flag only when it is set; otherwise in-play follows the
  // game start time (is_in_play).
  if (m.is_live) info.live = true;
  info.game_start_time = m.game_start_at;
  info.tick = m.tick_size;
  info.min_order_size = m.min_order_size;
  info.neg_risk = m.neg_risk;
  return info;
}

strategy::TraderStats to_trader_stats(const std::optional<store::TraderStatsRecord>& stats) {
  strategy::TraderStats out;
  if (!stats) return out;
  out.resolved_count = stats->resolved_count;
  out.win_rate = stats->win_rate;
  out.win_rate_30d = stats->win_rate_30d;
  out.average_trade_usd = stats->average_trade_usd;
  out.realized_pnl = stats->realised_pnl;
  return out;
}

}  // namespace polycopy::engine
