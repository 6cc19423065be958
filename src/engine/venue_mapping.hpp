#pragma once
// Maps what the venue reports (Data API trades, Gamma markets) onto the records the store
// keeps, and store records onto the evaluation's inputs. No I/O.
#include <optional>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "polymarket/parse/types.hpp"
#include "store/records_ft.hpp"
#include "store/records_market.hpp"
#include "strategy/evaluation_inputs.hpp"

namespace polycopy::engine {

// A Data API trade as a source trade. usd = price x size rounded down (what was paid).
// "missing_transaction_hash": the venue gave no hash, so the trade cannot be identified.
core::Result<store::SourceTradeRecord> to_source_trade(const polymarket::parse::DataTrade& trade,
                                                       core::Timestamp received_at);

// A Gamma market as the store keeps it, with its resolution when the venue reports a clean
// winner (closed, outcome prices exactly 1 and 0). "not_binary": not two outcome tokens.
struct MarketUpdate {
  store::MarketRecord market;
  std::vector<store::OutcomeTokenRecord> tokens;
  std::optional<store::ResolutionRecord> resolution;
};
core::Result<MarketUpdate> to_market_update(const polymarket::parse::GammaMarket& market,
                                            core::Timestamp now);

strategy::SourceTrade to_evaluation_trade(const store::SourceTradeRecord& trade);
strategy::MarketInfo to_market_info(const store::MarketWithTokens& market, bool resolved);
strategy::TraderStats to_trader_stats(const std::optional<store::TraderStatsRecord>& stats);

}  // namespace polycopy::engine
