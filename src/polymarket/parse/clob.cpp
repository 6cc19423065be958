// CLOB public market data: books, single quotes, markets (full snake_case and the compact
// /clob-markets keys). Book prices and sizes are decimal strings cut from 6-decimal amounts,
// so they are read exactly: a 7th decimal is an error, not a rounding.
#include <algorithm>

#include "polymarket/parse/fields.hpp"
#include "polymarket/parse/parsers.hpp"

namespace polycopy::polymarket::parse {
namespace {

constexpr auto E = Precision::exact;

std::vector<BookLevel> levels(const Fields& f, std::string_view key) {
  std::vector<BookLevel> out;
  const JsonNode* list = f.find({key});
  if (!list) return out;  // an empty side may be omitted
  const std::string path = f.path_of(key);
  expect_array(*list, path);
  out.reserve(list->items.size());
  for (std::size_t i = 0; i < list->items.size(); ++i) {
    Fields level(list->items[i], path + "[" + std::to_string(i) + "]");
    out.push_back({level.price({"price"}, E), level.size({"size"}, E)});
  }
  return out;
}

}  // namespace

OrderBook parse_order_book(const JsonNode& node, const std::string& path) {
  Fields f(node, path);
  OrderBook b;
  b.condition_id = f.condition_id({"market"});
  b.token_id = f.token_id({"asset_id"});
  b.timestamp_ms = f.millis({"timestamp"});
  b.hash = f.opt_str({"hash"});
  // The venue lists bids ascending and asks descending (best last); normalise to best first.
  b.bids = levels(f, "bids");
  b.asks = levels(f, "asks");
  std::stable_sort(b.bids.begin(), b.bids.end(),
                   [](const BookLevel& x, const BookLevel& y) { return x.price > y.price; });
  std::stable_sort(b.asks.begin(), b.asks.end(),
                   [](const BookLevel& x, const BookLevel& y) { return x.price < y.price; });
  b.min_order_size = f.opt_size({"min_order_size"}, E);
  b.tick_size = f.opt_price({"tick_size"}, E);
  b.last_trade_price = f.opt_price({"last_trade_price"}, E);
  b.neg_risk = f.opt_bool({"neg_risk"});
  return b;
}

ClobQuote parse_clob_quote(const JsonNode& node, const std::string& path) {
  Fields f(node, path);
  ClobQuote q;
  if (f.has({"mid"})) {
    q.type = "midpoint";
    q.value = f.price({"mid"}, E);
  } else if (f.has({"spread"})) {
    q.type = "spread";
    q.value = f.price({"spread"}, E);
  } else if (f.has({"price"})) {
    q.type = "price";
    q.value = f.price({"price"}, E);
  } else {
    fail("missing_field", path, "expected one of mid, price, spread");
  }
  q.side = f.opt_side({"side"});
  return q;
}

ClobMarket parse_clob_market(const JsonNode& node, const std::string& path) {
  Fields f(node, path);
  ClobMarket m;
  const bool compact = !f.has({"condition_id"}) && f.has({"c"});
  if (compact) {
    m.condition_id = f.condition_id({"c"});
    m.tick_size = f.opt_price({"mts"}, E);
    m.min_order_size = f.opt_size({"mos"}, E);
    m.neg_risk = f.opt_bool({"nr"}).value_or(false);  // omitted when false
    m.accepting_orders = f.opt_bool({"ao"});
    m.accepting_orders_since_s = f.opt_iso_seconds({"aot"});
    m.maker_base_fee_bps = f.opt_integer({"mbf"});
    m.taker_base_fee_bps = f.opt_integer({"tbf"});
    m.seconds_delay = f.opt_integer({"sd"});
    if (const JsonNode* fd = f.find({"fd"})) {
      Fields fee(*fd, f.path_of("fd"));
      m.fee_rate = fee.opt_ratio({"r"});
      m.fee_exponent = fee.opt_integer({"e"});
      m.fee_taker_only = fee.opt_bool({"to"});
    }
  } else {
    m.condition_id = f.condition_id({"condition_id"});
    m.question_id = f.opt_bytes32({"question_id"});
    m.neg_risk_market_id = f.opt_bytes32({"neg_risk_market_id"});
    m.question = f.opt_str({"question"});
    m.slug = f.opt_str({"market_slug"});
    m.tick_size = f.opt_price({"minimum_tick_size"}, E);
    m.min_order_size = f.opt_size({"minimum_order_size"}, E);
    m.neg_risk = f.opt_bool({"neg_risk"});
    m.active = f.opt_bool({"active"});
    m.closed = f.opt_bool({"closed"});
    m.archived = f.opt_bool({"archived"});
    m.accepting_orders = f.opt_bool({"accepting_orders"});
    m.enable_order_book = f.opt_bool({"enable_order_book"});
    m.accepting_orders_since_s = f.opt_iso_seconds({"accepting_order_timestamp"});
    m.end_date_s = f.opt_iso_seconds({"end_date_iso"});
    m.maker_base_fee_bps = f.opt_integer({"maker_base_fee"});
    m.taker_base_fee_bps = f.opt_integer({"taker_base_fee"});
    m.seconds_delay = f.opt_integer({"seconds_delay"});
  }
  const std::string tokens_key = compact ? "t" : "tokens";
  const JsonNode* tokens = f.find({tokens_key});
  if (!tokens) fail("missing_field", f.path_of(tokens_key), "required field is missing");
  expect_array(*tokens, f.path_of(tokens_key));
  if (tokens->items.empty()) fail("invalid_token_id", f.path_of(tokens_key), "no tokens");
  for (std::size_t i = 0; i < tokens->items.size(); ++i) {
    Fields t(tokens->items[i], f.path_of(tokens_key) + "[" + std::to_string(i) + "]");
    ClobToken token;
    token.token_id = t.token_id({compact ? "t" : "token_id"});
    token.outcome = t.opt_str({compact ? "o" : "outcome"}).value_or("");
    if (!compact) {
      token.price = t.opt_price({"price"}, Precision::nearest);
      token.winner = t.opt_bool({"winner"});
    }
    m.tokens.push_back(std::move(token));
  }
  return m;
}

}  // namespace polycopy::polymarket::parse
