#include "sim/http/sim_json.hpp"

#include <openssl/evp.h>

#include <charconv>

#include "chain/hex.hpp"
#include "service/time_format.hpp"

namespace polycopy::sim::wire {
namespace {

std::string price_text(const core::Price& p) {
  return p.to_string();
}
std::string shares_text(const core::Shares& s) {
  return s.to_string();
}
std::string ms_text(core::Timestamp t) {
  return std::to_string(core::to_unix_ms(t));
}
std::int64_t seconds(core::Timestamp t) {
  return core::to_unix_ms(t) / 1000;
}
std::string side_text(polymarket::Side side) {
  return std::string(polymarket::to_string(side));
}
const std::string& outcome_name(const MarketState& m, int index) {
  return m.market.outcomes[static_cast<std::size_t>(index)].name;
}
// The price an outcome shows now: its last trade, else the scenario's, 1/0 once resolved.
core::Price outcome_price(const MarketState& m, int index) {
  if (m.market.winner) return *m.market.winner == index ? core::Price::one() : core::Price{};
  if (m.last_trade_price[index]) return *m.last_trade_price[index];
  return m.market.outcomes[static_cast<std::size_t>(index)].price;
}
json string_array_text(const std::vector<std::string>& values) {
  return json(values).dump();  // Gamma sends these lists as JSON inside a string
}
std::string sha1_hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha1(), nullptr);
  return chain::to_hex(chain::ByteView(digest, length)).substr(2);
}
// Levels as the venue lists them: bids ascending, asks descending (best last).
json levels(const std::vector<BookLevel>& best_first) {
  json out = json::array();
  for (auto it = best_first.rbegin(); it != best_first.rend(); ++it)
    out.push_back({{"price", price_text(it->price)}, {"size", shares_text(it->size)}});
  return out;
}
std::string compact_levels(const std::vector<BookLevel>& best_first) {
  std::string out = "[";
  for (auto it = best_first.rbegin(); it != best_first.rend(); ++it) {
    if (out.size() > 1) out += ',';
    out +=
        R"({"price":")" + price_text(it->price) + R"(","size":")" + shares_text(it->size) + "\"}";
  }
  return out + "]";
}
std::string last_trade_text(const BookSnapshot& b) {
  return b.last_trade_price ? price_text(*b.last_trade_price) : "";
}

}  // namespace

std::string text(const chain::Bytes32& value) {
  return chain::to_hex(value);
}
std::string text(const chain::Address& value) {
  return chain::to_hex(value);
}

json wire_number(std::int64_t micros) {
  // Goes through the exact decimal text, so 0.765 is the double nearest 0.765.
  const std::string decimal = core::format_micros(micros);
  double value = 0;
  std::from_chars(decimal.data(), decimal.data() + decimal.size(), value);
  return value;
}

std::string book_hash(const BookSnapshot& b) {
  const std::string compact =
      R"({"market":")" + text(b.condition_id) + R"(","asset_id":")" + b.token_id.to_decimal() +
      R"(","timestamp":")" + ms_text(b.at) + R"(","hash":"","bids":)" + compact_levels(b.bids) +
      R"(,"asks":)" + compact_levels(b.asks) + R"(,"min_order_size":")" +
      shares_text(b.min_order_size) + R"(","tick_size":")" +
      std::string(polymarket::to_string(b.tick)) + R"(","neg_risk":)" +
      (b.neg_risk ? "true" : "false") + R"(,"last_trade_price":")" + last_trade_text(b) + "\"}";
  return sha1_hex(compact);
}

json book(const BookSnapshot& b) {
  return {{"market", text(b.condition_id)},
          {"asset_id", b.token_id.to_decimal()},
          {"timestamp", ms_text(b.at)},
          {"hash", book_hash(b)},
          {"bids", levels(b.bids)},
          {"asks", levels(b.asks)},
          {"min_order_size", shares_text(b.min_order_size)},
          {"tick_size", std::string(polymarket::to_string(b.tick))},
          {"neg_risk", b.neg_risk},
          {"last_trade_price", last_trade_text(b)}};
}

json clob_market(const MarketState& m) {
  const auto& mk = m.market;
  json tokens = json::array();
  for (int i = 0; i < 2; ++i) {
    tokens.push_back({{"token_id", mk.outcomes[i].token_id.to_decimal()},
                      {"outcome", mk.outcomes[i].name},
                      {"price", wire_number(outcome_price(m, i).micros())},
                      {"winner", mk.winner && *mk.winner == i}});
  }
  return {{"condition_id", text(mk.condition_id)},
          {"question_id", text(mk.question_id)},
          {"tokens", tokens},
          {"minimum_order_size", wire_number(mk.min_order_size.micros())},
          {"minimum_tick_size", wire_number(polymarket::tick_price(mk.tick).micros())},
          {"neg_risk", mk.neg_risk},
          {"neg_risk_market_id", mk.neg_risk ? text(mk.question_id) : ""},
          {"neg_risk_request_id", ""},
          {"active", !mk.closed},
          {"closed", mk.closed},
          {"archived", false},
          {"accepting_orders", m.accepting_orders},
          {"accepting_order_timestamp", nullptr},
          {"enable_order_book", true},
          {"end_date_iso", service::format_iso8601(mk.end_date)},
          {"game_start_time", nullptr},
          {"seconds_delay", 0},
          {"maker_base_fee", 0},
          {"taker_base_fee", 0},
          {"is_50_50_outcome", false},
          {"fpmm", ""},
          {"notifications_enabled", false},
          {"rewards", {{"rates", nullptr}, {"min_size", 0}, {"max_spread", 0}}},
          {"question", mk.question},
          {"market_slug", mk.slug},
          {"description", mk.question},
          {"icon", ""},
          {"image", ""},
          {"tags", json::array({mk.category})}};
}

json clob_market_compact(const MarketState& m) {
  const auto& mk = m.market;
  json out = {
      {"c", text(mk.condition_id)},
      {"t",
       json::array({{{"t", mk.outcomes[0].token_id.to_decimal()}, {"o", mk.outcomes[0].name}},
                    {{"t", mk.outcomes[1].token_id.to_decimal()}, {"o", mk.outcomes[1].name}}})},
      {"mts", wire_number(polymarket::tick_price(mk.tick).micros())},
      {"mos", wire_number(mk.min_order_size.micros())},
      {"fd", {{"r", 0}, {"e", 0}, {"to", true}}},
      {"mbf", 0},
      {"tbf", 0},
      {"ao", m.accepting_orders},
      {"r", nullptr},
      {"sd", 0}};
  if (mk.neg_risk) out["nr"] = true;  // the venue omits it when false
  return out;
}

json open_order(const OrderRecord& o, const MarketState& m) {
  json trades = json::array();
  for (const auto& id : o.trade_ids) trades.push_back(id);
  return {{"id", text(o.id)},
          {"status", std::string(to_string(o.status))},
          {"owner", o.owner},
          {"maker_address", text(o.maker)},
          {"market", text(o.condition_id)},
          {"asset_id", o.token_id.to_decimal()},
          {"side", side_text(o.side)},
          {"original_size", shares_text(o.original_size)},
          {"size_matched", shares_text(o.size_matched)},
          {"price", price_text(o.price)},
          {"associate_trades", trades},
          {"outcome", outcome_name(m, o.outcome_index)},
          {"created_at", seconds(o.created_at)},
          {"expiration", std::to_string(o.expiration)},
          {"order_type", std::string(polymarket::to_string(o.order_type))}};
}

json trade(const TradeRecord& t, const std::string& viewer, const MarketState& m) {
  json makers = json::array();
  for (const auto& f : t.maker_orders) {
    makers.push_back({{"order_id", text(f.order_id)},
                      {"owner", f.owner},
                      {"maker_address", text(f.maker_address)},
                      {"matched_amount", shares_text(f.matched_amount)},
                      {"price", price_text(f.price)},
                      {"fee_rate_bps", "0"},
                      {"asset_id", f.token_id.to_decimal()},
                      {"outcome", outcome_name(m, f.outcome_index)},
                      {"side", side_text(f.side)}});
  }
  const bool taker = viewer.empty() || viewer == t.taker_owner;
  return {{"id", t.id},
          {"taker_order_id", text(t.taker_order_id)},
          {"market", text(t.condition_id)},
          {"asset_id", t.token_id.to_decimal()},
          {"side", side_text(t.side)},
          {"size", shares_text(t.size)},
          {"fee_rate_bps", "0"},
          {"price", price_text(t.price)},
          {"status", std::string(to_string(t.status))},
          {"match_time", std::to_string(seconds(t.match_time))},
          {"last_update", std::to_string(seconds(t.last_update))},
          {"outcome", outcome_name(m, t.outcome_index)},
          {"bucket_index", 0},
          {"owner", taker ? t.taker_owner : viewer},
          {"maker_address", text(t.taker_address)},
          {"transaction_hash", text(t.transaction_hash)},
          {"maker_orders", makers},
          {"trader_side", taker ? "TAKER" : "MAKER"}};
}

json order_response(const PlaceResult& r) {
  json hashes = json::array();
  for (const auto& h : r.transaction_hashes) hashes.push_back(text(h));
  return {{"success", r.success},
          {"errorMsg", r.error_msg},
          {"orderID", r.success || !r.status.empty() ? text(r.order_id) : ""},
          {"status", r.status},
          {"makingAmount", r.making_amount ? r.making_amount->to_string() : ""},
          {"takingAmount", r.taking_amount ? r.taking_amount->to_string() : ""},
          {"transactionsHashes", hashes},
          {"tradeIDs", r.trade_ids}};
}

json cancel_response(const CancelResult& r) {
  json canceled = json::array();
  for (const auto& id : r.canceled) canceled.push_back(text(id));
  json not_canceled = json::object();
  for (const auto& [id, reason] : r.not_canceled) not_canceled[text(id)] = reason;
  return {{"canceled", canceled}, {"not_canceled", not_canceled}};
}

json gamma_market(const MarketState& m, const Scenario& scenario) {
  const auto& mk = m.market;
  std::vector<std::string> prices{outcome_price(m, 0).to_string(), outcome_price(m, 1).to_string()};
  json events = json::array();
  for (const auto& e : scenario.events) {
    if (e.id == mk.event_id)
      events.push_back(
          {{"id", e.id}, {"slug", e.slug}, {"title", e.title}, {"negRisk", e.neg_risk}});
  }
  json out = {{"id", mk.gamma_id},
              {"question", mk.question},
              {"conditionId", text(mk.condition_id)},
              {"questionID", text(mk.question_id)},
              {"slug", mk.slug},
              {"description", mk.question},
              {"category", mk.category},
              {"endDate", service::format_iso8601(mk.end_date)},
              {"endDateIso", service::format_iso8601(mk.end_date).substr(0, 10)},
              {"outcomes", string_array_text({mk.outcomes[0].name, mk.outcomes[1].name})},
              {"outcomePrices", string_array_text(prices)},
              {"clobTokenIds", string_array_text({mk.outcomes[0].token_id.to_decimal(),
                                                  mk.outcomes[1].token_id.to_decimal()})},
              {"active", !mk.closed},
              {"closed", mk.closed},
              {"archived", false},
              {"restricted", false},
              {"acceptingOrders", m.accepting_orders},
              {"enableOrderBook", true},
              {"negRisk", mk.neg_risk},
              {"orderPriceMinTickSize", wire_number(polymarket::tick_price(mk.tick).micros())},
              {"orderMinSize", wire_number(mk.min_order_size.micros())},
              {"volume", "0"},
              {"liquidity", "0"},
              {"makerBaseFee", 0},
              {"takerBaseFee", 0},
              {"events", events}};
  if (mk.winner) out["umaResolutionStatus"] = "resolved";
  if (m.last_trade_price[0]) out["lastTradePrice"] = wire_number(m.last_trade_price[0]->micros());
  return out;
}

json gamma_event(const ScenarioEvent& e, const std::vector<MarketState>& markets,
                 const Scenario& scenario) {
  json list = json::array();
  bool closed = !markets.empty();
  for (const auto& m : markets) {
    list.push_back(gamma_market(m, scenario));
    closed = closed && m.market.closed;
  }
  return {{"id", e.id},     {"slug", e.slug},   {"title", e.title}, {"negRisk", e.neg_risk},
          {"active", true}, {"closed", closed}, {"markets", list}};
}

json data_trade(const DataTradeRow& row, const MarketState& m, const std::string& name) {
  return {{"proxyWallet", text(row.wallet)},
          {"side", side_text(row.side)},
          {"asset", row.token_id.to_decimal()},
          {"conditionId", text(row.condition_id)},
          {"size", wire_number(row.size.micros())},
          {"price", wire_number(row.price.micros())},
          {"timestamp", seconds(row.at)},
          {"title", m.market.question},
          {"slug", m.market.slug},
          {"icon", ""},
          {"eventSlug", m.market.event_id},
          {"outcome", outcome_name(m, row.outcome_index)},
          {"outcomeIndex", row.outcome_index},
          {"name", name},
          {"pseudonym", name},
          {"bio", ""},
          {"profileImage", ""},
          {"profileImageOptimized", ""},
          {"transactionHash", text(row.transaction_hash)}};
}

json data_activity(const DataTradeRow& row, const MarketState& m, const std::string& name) {
  json out = data_trade(row, m, name);
  out["type"] = "TRADE";
  out["usdcSize"] =
      wire_number(core::notional(row.size, row.price, core::Rounding::nearest).micros());
  return out;
}

json data_position(const PositionRow& p, const MarketState& m) {
  const auto& mk = m.market;
  const int other = 1 - p.outcome_index;
  const core::Usd initial = core::notional(p.size, p.avg_price, core::Rounding::nearest);
  const core::Usd current = core::notional(p.size, p.current_price, core::Rounding::nearest);
  const std::int64_t cash_pnl = current.micros() - initial.micros();
  const double percent =
      initial.micros() == 0 ? 0.0 : 100.0 * static_cast<double>(cash_pnl) / initial.micros();
  return {{"proxyWallet", text(p.wallet)},
          {"asset", p.token_id.to_decimal()},
          {"conditionId", text(p.condition_id)},
          {"size", wire_number(p.size.micros())},
          {"avgPrice", wire_number(p.avg_price.micros())},
          {"initialValue", wire_number(initial.micros())},
          {"currentValue", wire_number(current.micros())},
          {"cashPnl", wire_number(cash_pnl)},
          {"percentPnl", percent},
          {"totalBought", wire_number(p.total_bought.micros())},
          {"realizedPnl", wire_number(p.realized_pnl.micros())},
          {"percentRealizedPnl", 0},
          {"curPrice", wire_number(p.current_price.micros())},
          {"redeemable", p.redeemable},
          {"mergeable", false},
          {"title", mk.question},
          {"slug", mk.slug},
          {"icon", ""},
          {"eventId", mk.event_id},
          {"eventSlug", mk.event_id},
          {"outcome", outcome_name(m, p.outcome_index)},
          {"outcomeIndex", p.outcome_index},
          {"oppositeOutcome", outcome_name(m, other)},
          {"oppositeAsset", mk.outcomes[static_cast<std::size_t>(other)].token_id.to_decimal()},
          {"endDate", service::format_iso8601(mk.end_date).substr(0, 10)},
          {"negativeRisk", mk.neg_risk}};
}

json leaderboard_entry(const LeaderboardRow& row) {
  return {{"rank", std::to_string(row.rank)},
          {"proxyWallet", text(row.wallet)},
          {"userName", row.name},
          {"xUsername", ""},
          {"verifiedBadge", false},
          {"vol", wire_number(row.volume.micros())},
          {"pnl", wire_number(row.pnl.micros())},
          {"profileImage", ""}};
}

json ws_book(const BookSnapshot& b) {
  json out = book(b);
  out["event_type"] = "book";
  return out;
}

json ws_price_change(const BookChanged& c) {
  json change = {{"asset_id", c.token_id.to_decimal()},
                 {"price", price_text(c.price)},
                 {"size", shares_text(c.size)},
                 {"side", side_text(c.side)},
                 {"hash", ""},
                 {"best_bid", c.best_bid ? price_text(*c.best_bid) : "0"},
                 {"best_ask", c.best_ask ? price_text(*c.best_ask) : "1"}};
  return {{"event_type", "price_change"},
          {"market", text(c.condition_id)},
          {"timestamp", ms_text(c.at)},
          {"price_changes", json::array({change})}};
}

json ws_last_trade(const LastTrade& t) {
  return {{"event_type", "last_trade_price"},
          {"asset_id", t.token_id.to_decimal()},
          {"market", text(t.condition_id)},
          {"price", price_text(t.price)},
          {"side", side_text(t.side)},
          {"size", shares_text(t.size)},
          {"fee_rate_bps", "0"},
          {"timestamp", ms_text(t.at)}};
}

json ws_tick_size_change(const TickSizeChanged& c) {
  return {{"event_type", "tick_size_change"},
          {"asset_id", c.token_id.to_decimal()},
          {"market", text(c.condition_id)},
          {"old_tick_size", std::string(polymarket::to_string(c.old_tick))},
          {"new_tick_size", std::string(polymarket::to_string(c.new_tick))},
          {"timestamp", ms_text(c.at)}};
}

json ws_market_resolved(const MarketResolved& r, const MarketState& m) {
  const auto& mk = m.market;
  const auto& winner = mk.outcomes[static_cast<std::size_t>(r.winner)];
  return {{"event_type", "market_resolved"},
          {"id", mk.gamma_id},
          {"market", text(r.condition_id)},
          {"assets_ids", json::array({mk.outcomes[0].token_id.to_decimal(),
                                      mk.outcomes[1].token_id.to_decimal()})},
          {"winning_asset_id", winner.token_id.to_decimal()},
          {"winning_outcome", winner.name},
          {"tags", json::array({mk.category})},
          {"timestamp", ms_text(r.at)}};
}

json ws_order(const OrderEvent& e, const MarketState& m) {
  static constexpr const char* kTypes[] = {"PLACEMENT", "UPDATE", "CANCELLATION"};
  json out = open_order(e.order, m);
  out["event_type"] = "order";
  out["type"] = kTypes[static_cast<int>(e.type)];
  out["order_owner"] = e.order.owner;
  out["created_at"] = std::to_string(seconds(e.order.created_at));
  out["timestamp"] = ms_text(e.at);
  if (e.order.trade_ids.empty()) out["associate_trades"] = nullptr;
  return out;
}

json ws_trade(const TradeEvent& e, const std::string& viewer, const MarketState& m) {
  json out = trade(e.trade, viewer, m);
  out["event_type"] = "trade";
  out["type"] = "TRADE";
  out["trade_owner"] = out["owner"];
  out["timestamp"] = ms_text(e.at);
  return out;
}

std::string_view to_string(OrderStatus status) {
  switch (status) {
    case OrderStatus::live:
      return "LIVE";
    case OrderStatus::matched:
      return "MATCHED";
    case OrderStatus::canceled:
      return "CANCELED";
    case OrderStatus::unmatched:
      return "UNMATCHED";
  }
  return "LIVE";
}

std::string_view to_string(TradeStatus status) {
  switch (status) {
    case TradeStatus::matched:
      return "MATCHED";
    case TradeStatus::mined:
      return "MINED";
    case TradeStatus::confirmed:
      return "CONFIRMED";
    case TradeStatus::retrying:
      return "RETRYING";
    case TradeStatus::failed:
      return "FAILED";
  }
  return "MATCHED";
}

}  // namespace polycopy::sim::wire
