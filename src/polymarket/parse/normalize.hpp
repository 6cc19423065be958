#pragma once
// The normalised JSON form of every parsed payload (documented in docs/polymarket-payloads.md):
// snake_case names, exact decimal strings for money/prices/sizes, decimal token ids,
// lower-case hex addresses and ids, integer times with the unit in the name, null for absent
// optional fields.
#include <nlohmann/json.hpp>

#include "polymarket/parse/types.hpp"

namespace polycopy::polymarket::parse {

nlohmann::json to_json(const Pagination& p);
nlohmann::json to_json(const GammaMarket& m);
nlohmann::json to_json(const GammaEvent& e);
nlohmann::json to_json(const DataTrade& t);
nlohmann::json to_json(const DataActivity& a);
nlohmann::json to_json(const DataPosition& p);
nlohmann::json to_json(const LeaderboardEntry& e);
nlohmann::json to_json(const OrderBook& b);
nlohmann::json to_json(const ClobQuote& q);
nlohmann::json to_json(const ClobMarket& m);
nlohmann::json to_json(const OrderPostResult& r);
nlohmann::json to_json(const OpenOrder& o);
nlohmann::json to_json(const ClobTrade& t);
nlohmann::json to_json(const WsMarketEvent& e);
nlohmann::json to_json(const WsUserEvent& e);

}  // namespace polycopy::polymarket::parse
