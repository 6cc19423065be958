#pragma once
// Entry points: a payload kind (the names of the shared fixture folders) plus the raw body
// gives the typed items, or the normalised JSON, or an Error with a reason code. Every shape
// Polymarket uses is accepted: one object, an array, a paginated wrapper ({data, pagination},
// {limit, count, next_cursor, data}, {events, pagination}), a websocket frame holding an
// array, and a collector wrapper {raw: market}.
#include <optional>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "polymarket/parse/types.hpp"

namespace polycopy::polymarket::parse {

enum class PayloadKind {
  gamma_markets,
  gamma_events,
  data_trades,
  data_positions,
  data_activity,
  data_leaderboard,
  clob_book,
  clob_price,
  clob_market,
  clob_order_post,
  clob_open_orders,
  clob_trades,
  ws_market,
  ws_user,
};

std::optional<PayloadKind> kind_from_name(std::string_view name);
const char* kind_name(PayloadKind kind);
const std::vector<PayloadKind>& all_kinds();

template <class T>
struct Parsed {
  std::vector<T> items;
  std::optional<Pagination> pagination;
};

// Typed parsers for the hot paths and for callers that want structs.
core::Result<Parsed<DataTrade>> parse_data_trades(std::string_view body);
core::Result<Parsed<OrderBook>> parse_clob_books(std::string_view body);
core::Result<Parsed<WsMarketEvent>> parse_ws_market(std::string_view body);
core::Result<Parsed<GammaMarket>> parse_gamma_markets(std::string_view body);
core::Result<Parsed<ClobTrade>> parse_clob_trades(std::string_view body);
core::Result<Parsed<OpenOrder>> parse_open_orders(std::string_view body);
core::Result<Parsed<WsUserEvent>> parse_ws_user(std::string_view body);

// {"kind": K, "items": [...], "pagination": {...} (only when the payload had one)}.
core::Result<nlohmann::json> parse_to_normalized_json(PayloadKind kind, std::string_view body);

}  // namespace polycopy::polymarket::parse
