#pragma once
// One parser per payload element. Each reads one JSON object and throws core::Failure (reason
// code + field path) on a bad field; payload.hpp turns that into a Result.
#include <string>

#include "polymarket/parse/json_tree.hpp"
#include "polymarket/parse/types.hpp"

namespace polycopy::polymarket::parse {

// Gamma (gamma.cpp)
GammaMarket parse_gamma_market(const JsonNode& node, const std::string& path);
GammaEvent parse_gamma_event(const JsonNode& node, const std::string& path);

// Data API, v1 camelCase and v2 snake_case (data_api.cpp)
DataTrade parse_data_trade(const JsonNode& node, const std::string& path);
DataActivity parse_data_activity(const JsonNode& node, const std::string& path);
DataPosition parse_data_position(const JsonNode& node, const std::string& path);
LeaderboardEntry parse_leaderboard_entry(const JsonNode& node, const std::string& path);

// CLOB REST (clob.cpp, clob_orders.cpp)
OrderBook parse_order_book(const JsonNode& node, const std::string& path);
ClobQuote parse_clob_quote(const JsonNode& node, const std::string& path);
ClobMarket parse_clob_market(const JsonNode& node, const std::string& path);
OrderPostResult parse_order_post(const JsonNode& node, const std::string& path);
OpenOrder parse_open_order(const JsonNode& node, const std::string& path);
ClobTrade parse_clob_trade(const JsonNode& node, const std::string& path);

// Websockets (ws.cpp)
WsMarketEvent parse_ws_market_event(const JsonNode& node, const std::string& path);
WsUserEvent parse_ws_user_event(const JsonNode& node, const std::string& path);

}  // namespace polycopy::polymarket::parse
