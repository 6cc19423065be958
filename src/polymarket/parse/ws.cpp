// Websocket events. Market channel: book, price_change (three historical formats, one
// normalised list of changes), last_trade_price, tick_size_change, best_bid_ask, new_market,
// market_resolved; unknown event types are kept as "ignored" so a new venue feature does not
// break a live stream. User channel: order and trade.
#include "polymarket/parse/fields.hpp"
#include "polymarket/parse/parsers.hpp"

namespace polycopy::polymarket::parse {
namespace {

constexpr auto E = Precision::exact;

PriceChange parse_change(const Fields& f, const std::optional<TokenId>& outer_token) {
  PriceChange c;
  c.token_id = outer_token ? *outer_token : f.token_id({"asset_id"});
  c.price = f.price({"price"}, E);
  c.size = f.size({"size"}, E);
  c.side = f.side({"side"});
  c.hash = f.opt_str({"hash"});
  c.best_bid = f.opt_price({"best_bid"}, E);
  c.best_ask = f.opt_price({"best_ask"}, E);
  return c;
}

void parse_price_change(const Fields& f, WsMarketEvent& e) {
  e.condition_id = f.condition_id({"market"});
  e.timestamp_ms = f.millis({"timestamp"});
  if (const JsonNode* list = f.find({"price_changes"})) {
    // Since 2025-09-15: per-change asset_id, hash, best_bid, best_ask.
    const std::string path = f.path_of("price_changes");
    expect_array(*list, path);
    for (std::size_t i = 0; i < list->items.size(); ++i)
      e.changes.push_back(
          parse_change(Fields(list->items[i], path + "[" + std::to_string(i) + "]"), {}));
  } else if (const JsonNode* changes = f.find({"changes"})) {
    // Older: one asset and hash for the frame, changes:[{price, side, size}].
    const TokenId token = f.token_id({"asset_id"});
    const auto hash = f.opt_str({"hash"});
    const std::string path = f.path_of("changes");
    expect_array(*changes, path);
    for (std::size_t i = 0; i < changes->items.size(); ++i) {
      auto change =
          parse_change(Fields(changes->items[i], path + "[" + std::to_string(i) + "]"), token);
      if (!change.hash) change.hash = hash;
      e.changes.push_back(std::move(change));
    }
  } else {
    // Oldest: a single flat change {asset_id, price, side, size, hash}.
    e.changes.push_back(parse_change(f, {}));
  }
  if (e.changes.empty()) fail("missing_field", f.path_of("price_changes"), "no changes");
}

}  // namespace

WsMarketEvent parse_ws_market_event(const JsonNode& node, const std::string& path) {
  Fields f(node, path);
  WsMarketEvent e;
  e.event_type = f.str({"event_type"});
  const auto& type = e.event_type;
  if (type == "book") {
    e.book = parse_order_book(node, path);
  } else if (type == "price_change") {
    parse_price_change(f, e);
  } else if (type == "last_trade_price") {
    e.token_id = f.token_id({"asset_id"});
    e.condition_id = f.condition_id({"market"});
    e.price = f.price({"price"}, E);
    e.size = f.size({"size"}, E);
    e.side = f.side({"side"});
    e.fee_rate_bps = f.opt_integer({"fee_rate_bps"});
    e.timestamp_ms = f.millis({"timestamp"});
  } else if (type == "tick_size_change") {
    e.token_id = f.token_id({"asset_id"});
    e.condition_id = f.condition_id({"market"});
    e.old_tick_size = f.price({"old_tick_size"}, E);
    e.new_tick_size = f.price({"new_tick_size"}, E);
    if (e.new_tick_size->micros() == 0)
      fail("price_out_of_range", f.path_of("new_tick_size"), "tick size must be positive");
    e.timestamp_ms = f.millis({"timestamp"});
  } else if (type == "best_bid_ask") {
    e.token_id = f.token_id({"asset_id"});
    e.condition_id = f.condition_id({"market"});
    e.best_bid = f.price({"best_bid"}, E);
    e.best_ask = f.price({"best_ask"}, E);
    e.spread = f.opt_price({"spread"}, E);
    e.timestamp_ms = f.millis({"timestamp"});
  } else if (type == "new_market" || type == "market_resolved") {
    e.gamma_id = f.opt_id({"id"});
    e.condition_id = f.condition_id({"market", "condition_id"});
    e.question = f.opt_str({"question"});
    e.slug = f.opt_str({"slug"});
    e.timestamp_ms = f.millis({"timestamp"});
    const auto ids = f.opt_string_list({"assets_ids", "clob_token_ids"});
    if (!ids || ids->empty()) fail("missing_field", f.path_of("assets_ids"), "no token ids");
    for (std::size_t i = 0; i < ids->size(); ++i)
      e.token_ids.push_back(
          token_id_from_text((*ids)[i], f.path_of("assets_ids") + "[" + std::to_string(i) + "]"));
    e.outcomes = f.opt_string_list({"outcomes"}).value_or(std::vector<std::string>{});
    if (!e.outcomes.empty() && e.outcomes.size() != e.token_ids.size())
      fail("inconsistent_outcomes", path, "outcomes and assets_ids differ in length");
    if (type == "new_market") {
      e.new_tick_size = f.opt_price({"order_price_min_tick_size"}, E);
    } else {
      e.winning_token_id = f.token_id({"winning_asset_id"});
      e.winning_outcome = f.opt_str({"winning_outcome"});
    }
  } else {
    e.ignored = true;
    e.condition_id = f.opt_condition_id({"market"});
    e.token_id = f.opt_token_id({"asset_id"});
  }
  return e;
}

WsUserEvent parse_ws_user_event(const JsonNode& node, const std::string& path) {
  Fields f(node, path);
  WsUserEvent e;
  e.event_type = f.str({"event_type"});
  if (e.event_type == "order") {
    WsUserOrder o;
    o.type = f.str({"type"});
    o.order = parse_open_order(node, path);
    o.order_owner = f.opt_str({"order_owner"});
    o.timestamp_ms = f.opt_millis({"timestamp"});
    e.order = std::move(o);
  } else if (e.event_type == "trade") {
    e.trade = parse_clob_trade(node, path);
  } else {
    fail("unknown_event_type", f.path_of("event_type"), "expected order or trade");
  }
  return e;
}

}  // namespace polycopy::polymarket::parse
