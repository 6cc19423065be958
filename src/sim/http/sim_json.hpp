#pragma once
// The simulator's records in Polymarket's JSON shapes (protocol doc sections 3-6, 9; the
// fixtures in shared/fixtures show each one). Prices and sizes are decimal strings on the
// CLOB and websockets, JSON numbers on Gamma and the Data API, as the venue sends them.
#include <string>

#include <nlohmann/json.hpp>

#include "sim/venue/venue.hpp"

namespace polycopy::sim::wire {

using nlohmann::json;

std::string text(const chain::Bytes32& value);  // 0x + 64 hex
std::string text(const chain::Address& value);  // 0x + 40 lower-case hex
// A 6-decimal amount as the JSON number the Data API and Gamma send (12.5, 0.765). The
// shortest double text of a 6-decimal value is that value, so nothing is lost on the wire.
json wire_number(std::int64_t micros);

// CLOB
json book(const BookSnapshot& book);
// SHA-1 of the compact book with hash "" in the venue's key order (protocol doc 5).
std::string book_hash(const BookSnapshot& book);
json clob_market(const MarketState& market);
json clob_market_compact(const MarketState& market);
json open_order(const OrderRecord& order, const MarketState& market);
// A trade as the viewer (an API key) sees it: trader_side TAKER or MAKER.
json trade(const TradeRecord& trade, const std::string& viewer, const MarketState& market);
json order_response(const PlaceResult& result);
json cancel_response(const CancelResult& result);

// Gamma
json gamma_market(const MarketState& market, const Scenario& scenario);
json gamma_event(const ScenarioEvent& event, const std::vector<MarketState>& markets,
                 const Scenario& scenario);

// Data API
json data_trade(const DataTradeRow& row, const MarketState& market, const std::string& name);
json data_activity(const DataTradeRow& row, const MarketState& market, const std::string& name);
json data_position(const PositionRow& row, const MarketState& market);
json leaderboard_entry(const LeaderboardRow& row);

// Websocket frames
json ws_book(const BookSnapshot& book);
json ws_price_change(const BookChanged& change);
json ws_last_trade(const LastTrade& trade);
json ws_tick_size_change(const TickSizeChanged& change);
json ws_market_resolved(const MarketResolved& resolved, const MarketState& market);
json ws_order(const OrderEvent& event, const MarketState& market);
json ws_trade(const TradeEvent& event, const std::string& viewer, const MarketState& market);

std::string_view to_string(OrderStatus status);  // "LIVE", "MATCHED", ...
std::string_view to_string(TradeStatus status);  // "MATCHED", "MINED", ...

}  // namespace polycopy::sim::wire
