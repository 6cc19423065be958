// Shape handling shared by every kind, and the only place where the parsers' core::Failure
// becomes a Result: nothing thrown inside a parser escapes to the caller.
#include "polymarket/parse/payload.hpp"

#include <array>
#include <new>

#include "polymarket/parse/fields.hpp"
#include "polymarket/parse/json_tree.hpp"
#include "polymarket/parse/normalize.hpp"
#include "polymarket/parse/parsers.hpp"

namespace polycopy::polymarket::parse {
namespace {

constexpr std::array<std::pair<PayloadKind, std::string_view>, 14> kNames{{
    {PayloadKind::gamma_markets, "gamma_markets"},
    {PayloadKind::gamma_events, "gamma_events"},
    {PayloadKind::data_trades, "data_trades"},
    {PayloadKind::data_positions, "data_positions"},
    {PayloadKind::data_activity, "data_activity"},
    {PayloadKind::data_leaderboard, "data_leaderboard"},
    {PayloadKind::clob_book, "clob_book"},
    {PayloadKind::clob_price, "clob_price"},
    {PayloadKind::clob_market, "clob_market"},
    {PayloadKind::clob_order_post, "clob_order_post"},
    {PayloadKind::clob_open_orders, "clob_open_orders"},
    {PayloadKind::clob_trades, "clob_trades"},
    {PayloadKind::ws_market, "ws_market"},
    {PayloadKind::ws_user, "ws_user"},
}};

Pagination read_pagination(const JsonNode& root) {
  Pagination p;
  if (const JsonNode* nested = root.find("pagination"); nested && !nested->is_null()) {
    Fields f(*nested, "pagination");
    p.next_cursor = f.opt_str({"next_cursor", "nextCursor"});
    p.has_more = f.opt_bool({"has_more", "hasMore"});
    p.limit = f.opt_integer({"limit"});
    p.offset = f.opt_integer({"offset"});
    p.count = f.opt_integer({"totalResults", "total_results", "count"});
  } else {  // CLOB: {limit, count, next_cursor, data}
    Fields f(root, "");
    p.next_cursor = f.opt_str({"next_cursor"});
    p.limit = f.opt_integer({"limit"});
    p.count = f.opt_integer({"count"});
  }
  return p;
}

// The list of item objects in a payload, with their paths, and the pagination if any.
struct Shape {
  std::vector<std::pair<const JsonNode*, std::string>> items;
  std::optional<Pagination> pagination;
};

Shape unwrap(const JsonNode& root, PayloadKind kind) {
  Shape shape;
  auto add_array = [&](const JsonNode& array, const std::string& path) {
    expect_array(array, path);
    for (std::size_t i = 0; i < array.items.size(); ++i)
      shape.items.emplace_back(&array.items[i], path + "[" + std::to_string(i) + "]");
  };
  if (root.is_array()) {
    add_array(root, "");
    return shape;
  }
  expect_object(root, "");
  std::string_view list_key;
  if (const JsonNode* data = root.find("data"); data && data->is_array()) {
    list_key = "data";
  } else if (kind == PayloadKind::gamma_events && root.find("events")) {
    list_key = "events";
  } else if (kind == PayloadKind::gamma_markets && root.find("markets")) {
    list_key = "markets";
  }
  if (!list_key.empty()) {
    add_array(*root.find(list_key), std::string(list_key));
    if (root.find("pagination") || root.find("next_cursor"))
      shape.pagination = read_pagination(root);
    return shape;
  }
  // A collector's wrapper around one Gamma market: {slug, condition_id, ..., raw: {...}}.
  if (const JsonNode* raw = root.find("raw"); kind == PayloadKind::gamma_markets && raw) {
    shape.items.emplace_back(&expect_object(*raw, "raw"), "raw");
    return shape;
  }
  shape.items.emplace_back(&root, "");
  return shape;
}

bool is_keepalive(std::string_view body) {
  while (!body.empty() && (body.back() == '\n' || body.back() == '\r' || body.back() == ' '))
    body.remove_suffix(1);
  return body == "PONG" || body == "PING";
}

template <class T, class Fn>
core::Result<Parsed<T>> parse_items(std::string_view body, PayloadKind kind, Fn&& parse_one) {
  try {
    Parsed<T> out;
    if ((kind == PayloadKind::ws_market || kind == PayloadKind::ws_user) && is_keepalive(body))
      return out;  // the socket's text keep-alive is not JSON and carries no event
    auto root = parse_json(body);
    if (!root) return root.error();
    Shape shape = unwrap(*root, kind);
    out.items.reserve(shape.items.size());
    for (const auto& [node, path] : shape.items) out.items.push_back(parse_one(*node, path));
    out.pagination = std::move(shape.pagination);
    return out;
  } catch (const core::Failure& failure) {
    return failure.error();
  } catch (const std::bad_alloc&) {
    return core::Error{"out_of_memory", "payload too large to parse"};
  } catch (const std::exception& e) {
    return core::Error{"internal_error", e.what()};
  }
}

template <class T, class Fn>
core::Result<nlohmann::json> normalized(std::string_view body, PayloadKind kind, Fn&& parse_one) {
  auto parsed = parse_items<T>(body, kind, parse_one);
  if (!parsed) return parsed.error();
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : parsed->items) items.push_back(to_json(item));
  nlohmann::json out = {{"kind", kind_name(kind)}, {"items", std::move(items)}};
  if (parsed->pagination) out["pagination"] = to_json(*parsed->pagination);
  return out;
}

}  // namespace

std::optional<PayloadKind> kind_from_name(std::string_view name) {
  for (const auto& [kind, n] : kNames)
    if (n == name) return kind;
  return std::nullopt;
}

const char* kind_name(PayloadKind kind) {
  for (const auto& [k, n] : kNames)
    if (k == kind) return n.data();
  return "unknown";
}

const std::vector<PayloadKind>& all_kinds() {
  static const std::vector<PayloadKind> kinds = [] {
    std::vector<PayloadKind> out;
    for (const auto& entry : kNames) out.push_back(entry.first);
    return out;
  }();
  return kinds;
}

core::Result<Parsed<DataTrade>> parse_data_trades(std::string_view body) {
  return parse_items<DataTrade>(body, PayloadKind::data_trades, parse_data_trade);
}
core::Result<Parsed<OrderBook>> parse_clob_books(std::string_view body) {
  return parse_items<OrderBook>(body, PayloadKind::clob_book, parse_order_book);
}
core::Result<Parsed<WsMarketEvent>> parse_ws_market(std::string_view body) {
  return parse_items<WsMarketEvent>(body, PayloadKind::ws_market, parse_ws_market_event);
}
core::Result<Parsed<GammaMarket>> parse_gamma_markets(std::string_view body) {
  return parse_items<GammaMarket>(body, PayloadKind::gamma_markets, parse_gamma_market);
}
core::Result<Parsed<ClobTrade>> parse_clob_trades(std::string_view body) {
  return parse_items<ClobTrade>(body, PayloadKind::clob_trades, parse_clob_trade);
}
core::Result<Parsed<OpenOrder>> parse_open_orders(std::string_view body) {
  return parse_items<OpenOrder>(body, PayloadKind::clob_open_orders, parse_open_order);
}
core::Result<Parsed<WsUserEvent>> parse_ws_user(std::string_view body) {
  return parse_items<WsUserEvent>(body, PayloadKind::ws_user, parse_ws_user_event);
}

core::Result<nlohmann::json> parse_to_normalized_json(PayloadKind kind, std::string_view body) {
  switch (kind) {
    case PayloadKind::gamma_markets:
      return normalized<GammaMarket>(body, kind, parse_gamma_market);
    case PayloadKind::gamma_events:
      return normalized<GammaEvent>(body, kind, parse_gamma_event);
    case PayloadKind::data_trades:
      return normalized<DataTrade>(body, kind, parse_data_trade);
    case PayloadKind::data_positions:
      return normalized<DataPosition>(body, kind, parse_data_position);
    case PayloadKind::data_activity:
      return normalized<DataActivity>(body, kind, parse_data_activity);
    case PayloadKind::data_leaderboard:
      return normalized<LeaderboardEntry>(body, kind, parse_leaderboard_entry);
    case PayloadKind::clob_book:
      return normalized<OrderBook>(body, kind, parse_order_book);
    case PayloadKind::clob_price:
      return normalized<ClobQuote>(body, kind, parse_clob_quote);
    case PayloadKind::clob_market:
      return normalized<ClobMarket>(body, kind, parse_clob_market);
    case PayloadKind::clob_order_post:
      return normalized<OrderPostResult>(body, kind, parse_order_post);
    case PayloadKind::clob_open_orders:
      return normalized<OpenOrder>(body, kind, parse_open_order);
    case PayloadKind::clob_trades:
      return normalized<ClobTrade>(body, kind, parse_clob_trade);
    case PayloadKind::ws_market:
      return normalized<WsMarketEvent>(body, kind, parse_ws_market_event);
    case PayloadKind::ws_user:
      return normalized<WsUserEvent>(body, kind, parse_ws_user_event);
  }
  return core::Error{"unknown_kind", "unknown payload kind"};
}

}  // namespace polycopy::polymarket::parse
