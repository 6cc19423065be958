#include "polymarket/parse/normalize.hpp"

#include "chain/hex.hpp"

namespace polycopy::polymarket::parse {
namespace {

using nlohmann::json;

json v(const BookLevel& l);
template <class T>
json v(const std::optional<T>& x);
template <class T>
json v(const std::vector<T>& xs);

json v(const std::string& s) {
  return s;
}
json v(std::int64_t x) {
  return x;
}
json v(bool b) {
  return b;
}
json v(const chain::Uint256& id) {
  return id.to_decimal();
}
template <std::size_t K>
json v(const chain::FixedBytes<K>& bytes) {
  return chain::to_hex(bytes);  // lower case
}
json v(TradeSide side) {
  return to_string(side);
}
json v(const core::Price& p) {
  return p.to_string();
}
template <class Tag>
json v(const core::Fixed<Tag>& x) {
  return x.to_string();
}
template <class T>
json v(const std::optional<T>& x) {
  return x ? v(*x) : json(nullptr);
}
template <class T>
json v(const std::vector<T>& xs) {
  json out = json::array();
  for (const auto& x : xs) out.push_back(v(x));
  return out;
}
json v(const BookLevel& l) {
  return {{"price", v(l.price)}, {"size", v(l.size)}};
}

}  // namespace

json to_json(const Pagination& p) {
  return {{"next_cursor", v(p.next_cursor)},
          {"has_more", v(p.has_more)},
          {"limit", v(p.limit)},
          {"offset", v(p.offset)},
          {"count", v(p.count)}};
}

json to_json(const GammaMarket& m) {
  json resolution = {{"state", to_string(m.resolution.state)},
                     {"winner_index", nullptr},
                     {"winner_outcome", nullptr},
                     {"winner_token_id", nullptr}};
  if (m.resolution.winner_index) {
    const auto i = *m.resolution.winner_index;
    resolution["winner_index"] = static_cast<std::int64_t>(i);
    resolution["winner_outcome"] = m.outcomes.at(i);
    resolution["winner_token_id"] = v(m.token_ids.at(i));
  }
  return {{"gamma_id", m.gamma_id},
          {"question", v(m.question)},
          {"slug", v(m.slug)},
          {"condition_id", v(m.condition_id)},
          {"question_id", v(m.question_id)},
          {"outcomes", v(m.outcomes)},
          {"token_ids", v(m.token_ids)},
          {"outcome_prices", v(m.outcome_prices)},
          {"active", v(m.active)},
          {"closed", v(m.closed)},
          {"archived", v(m.archived)},
          {"restricted", v(m.restricted)},
          {"accepting_orders", v(m.accepting_orders)},
          {"enable_order_book", v(m.enable_order_book)},
          {"neg_risk", v(m.neg_risk)},
          {"neg_risk_market_id", v(m.neg_risk_market_id)},
          {"tick_size", v(m.tick_size)},
          {"min_order_size", v(m.min_order_size)},
          {"best_bid", v(m.best_bid)},
          {"best_ask", v(m.best_ask)},
          {"last_trade_price", v(m.last_trade_price)},
          {"maker_base_fee_bps", v(m.maker_base_fee_bps)},
          {"taker_base_fee_bps", v(m.taker_base_fee_bps)},
          {"fees_enabled", v(m.fees_enabled)},
          {"fee_type", v(m.fee_type)},
          {"volume_usd", v(m.volume)},
          {"liquidity_usd", v(m.liquidity)},
          {"start_date_s", v(m.start_date_s)},
          {"end_date_s", v(m.end_date_s)},
          {"created_at_s", v(m.created_at_s)},
          {"updated_at_s", v(m.updated_at_s)},
          {"closed_time_s", v(m.closed_time_s)},
          {"uma_resolution_status", v(m.uma_resolution_status)},
          {"resolution", resolution}};
}

json to_json(const GammaEvent& e) {
  json markets = json::array();
  for (const auto& m : e.markets) markets.push_back(to_json(m));
  return {{"gamma_id", e.gamma_id},
          {"slug", v(e.slug)},
          {"title", v(e.title)},
          {"ticker", v(e.ticker)},
          {"active", v(e.active)},
          {"closed", v(e.closed)},
          {"archived", v(e.archived)},
          {"neg_risk", v(e.neg_risk)},
          {"neg_risk_market_id", v(e.neg_risk_market_id)},
          {"volume_usd", v(e.volume)},
          {"liquidity_usd", v(e.liquidity)},
          {"start_date_s", v(e.start_date_s)},
          {"end_date_s", v(e.end_date_s)},
          {"closed_time_s", v(e.closed_time_s)},
          {"markets", markets}};
}

json to_json(const DataTrade& t) {
  return {{"proxy_wallet", v(t.proxy_wallet)},
          {"side", v(t.side)},
          {"token_id", v(t.token_id)},
          {"condition_id", v(t.condition_id)},
          {"size", v(t.size)},
          {"price", v(t.price)},
          {"timestamp_s", t.timestamp_s},
          {"outcome", v(t.outcome)},
          {"outcome_index", v(t.outcome_index)},
          {"title", v(t.title)},
          {"slug", v(t.slug)},
          {"event_slug", v(t.event_slug)},
          {"name", v(t.name)},
          {"pseudonym", v(t.pseudonym)},
          {"transaction_hash", v(t.transaction_hash)}};
}

json to_json(const DataActivity& a) {
  return {{"type", a.type},
          {"proxy_wallet", v(a.proxy_wallet)},
          {"timestamp_s", a.timestamp_s},
          {"condition_id", v(a.condition_id)},
          {"token_id", v(a.token_id)},
          {"side", v(a.side)},
          {"size", v(a.size)},
          {"usdc_size", v(a.usdc_size)},
          {"price", v(a.price)},
          {"outcome_index", v(a.outcome_index)},
          {"outcome", v(a.outcome)},
          {"title", v(a.title)},
          {"slug", v(a.slug)},
          {"event_slug", v(a.event_slug)},
          {"name", v(a.name)},
          {"pseudonym", v(a.pseudonym)},
          {"transaction_hash", v(a.transaction_hash)}};
}

json to_json(const DataPosition& p) {
  return {{"proxy_wallet", v(p.proxy_wallet)},
          {"token_id", v(p.token_id)},
          {"condition_id", v(p.condition_id)},
          {"size", v(p.size)},
          {"avg_price", v(p.avg_price)},
          {"cur_price", v(p.cur_price)},
          {"initial_value_usd", v(p.initial_value)},
          {"current_value_usd", v(p.current_value)},
          {"cash_pnl_usd", v(p.cash_pnl)},
          {"realized_pnl_usd", v(p.realized_pnl)},
          {"unrealized_pnl_usd", v(p.unrealized_pnl)},
          {"total_pnl_usd", v(p.total_pnl)},
          {"entry_cost_usd", v(p.entry_cost)},
          {"entry_fees_usd", v(p.entry_fees)},
          {"total_cost_usd", v(p.total_cost)},
          {"total_bought", v(p.total_bought)},
          {"percent_pnl", v(p.percent_pnl)},
          {"percent_realized_pnl", v(p.percent_realized_pnl)},
          {"redeemable", v(p.redeemable)},
          {"mergeable", v(p.mergeable)},
          {"negative_risk", v(p.negative_risk)},
          {"status", v(p.status)},
          {"title", v(p.title)},
          {"slug", v(p.slug)},
          {"event_id", v(p.event_id)},
          {"event_slug", v(p.event_slug)},
          {"outcome", v(p.outcome)},
          {"outcome_index", v(p.outcome_index)},
          {"opposite_outcome", v(p.opposite_outcome)},
          {"opposite_token_id", v(p.opposite_token_id)},
          {"end_date_s", v(p.end_date_s)},
          {"first_entry_at_s", v(p.first_entry_at_s)},
          {"last_event_at_s", v(p.last_event_at_s)}};
}

json to_json(const LeaderboardEntry& e) {
  return {{"rank", e.rank},
          {"proxy_wallet", v(e.proxy_wallet)},
          {"user_name", v(e.user_name)},
          {"x_username", v(e.x_username)},
          {"profile_image", v(e.profile_image)},
          {"verified", v(e.verified)},
          {"volume_usd", v(e.volume)},
          {"pnl_usd", v(e.pnl)}};
}

json to_json(const OrderBook& b) {
  return {{"condition_id", v(b.condition_id)},
          {"token_id", v(b.token_id)},
          {"timestamp_ms", b.timestamp_ms},
          {"hash", v(b.hash)},
          {"bids", v(b.bids)},
          {"asks", v(b.asks)},
          {"min_order_size", v(b.min_order_size)},
          {"tick_size", v(b.tick_size)},
          {"last_trade_price", v(b.last_trade_price)},
          {"neg_risk", v(b.neg_risk)}};
}

json to_json(const ClobQuote& q) {
  return {{"type", q.type}, {"value", v(q.value)}, {"side", v(q.side)}};
}

json to_json(const ClobMarket& m) {
  json tokens = json::array();
  for (const auto& t : m.tokens)
    tokens.push_back({{"token_id", v(t.token_id)},
                      {"outcome", t.outcome},
                      {"price", v(t.price)},
                      {"winner", v(t.winner)}});
  return {{"condition_id", v(m.condition_id)},
          {"question_id", v(m.question_id)},
          {"question", v(m.question)},
          {"slug", v(m.slug)},
          {"tokens", tokens},
          {"tick_size", v(m.tick_size)},
          {"min_order_size", v(m.min_order_size)},
          {"neg_risk", v(m.neg_risk)},
          {"neg_risk_market_id", v(m.neg_risk_market_id)},
          {"active", v(m.active)},
          {"closed", v(m.closed)},
          {"archived", v(m.archived)},
          {"accepting_orders", v(m.accepting_orders)},
          {"accepting_orders_since_s", v(m.accepting_orders_since_s)},
          {"enable_order_book", v(m.enable_order_book)},
          {"end_date_s", v(m.end_date_s)},
          {"maker_base_fee_bps", v(m.maker_base_fee_bps)},
          {"taker_base_fee_bps", v(m.taker_base_fee_bps)},
          {"seconds_delay", v(m.seconds_delay)},
          {"fee_rate", v(m.fee_rate)},
          {"fee_exponent", v(m.fee_exponent)},
          {"fee_taker_only", v(m.fee_taker_only)}};
}

json to_json(const OrderPostResult& r) {
  return {{"success", r.success},
          {"error_msg", r.error_msg},
          {"error_code", v(r.error_code)},
          {"http_error", r.http_error},
          {"order_id", v(r.order_id)},
          {"status", v(r.status)},
          {"making_amount", v(r.making_amount)},
          {"taking_amount", v(r.taking_amount)},
          {"transaction_hashes", v(r.transaction_hashes)},
          {"trade_ids", v(r.trade_ids)}};
}

json to_json(const OpenOrder& o) {
  return {{"order_id", v(o.order_id)},
          {"status", v(o.status)},
          {"owner", v(o.owner)},
          {"maker_address", v(o.maker_address)},
          {"condition_id", v(o.condition_id)},
          {"token_id", v(o.token_id)},
          {"side", v(o.side)},
          {"original_size", v(o.original_size)},
          {"size_matched", v(o.size_matched)},
          {"price", v(o.price)},
          {"associate_trades", v(o.associate_trades)},
          {"outcome", v(o.outcome)},
          {"order_type", v(o.order_type)},
          {"created_at_s", v(o.created_at_s)},
          {"expiration_s", v(o.expiration_s)}};
}

json to_json(const ClobTrade& t) {
  json makers = json::array();
  for (const auto& m : t.maker_orders)
    makers.push_back({{"order_id", v(m.order_id)},
                      {"owner", v(m.owner)},
                      {"maker_address", v(m.maker_address)},
                      {"matched_amount", v(m.matched_amount)},
                      {"price", v(m.price)},
                      {"fee_rate_bps", v(m.fee_rate_bps)},
                      {"token_id", v(m.token_id)},
                      {"outcome", v(m.outcome)},
                      {"side", v(m.side)}});
  return {{"trade_id", t.trade_id},
          {"taker_order_id", v(t.taker_order_id)},
          {"condition_id", v(t.condition_id)},
          {"token_id", v(t.token_id)},
          {"side", v(t.side)},
          {"size", v(t.size)},
          {"price", v(t.price)},
          {"fee_rate_bps", v(t.fee_rate_bps)},
          {"status", t.status},
          {"match_time_s", v(t.match_time_s)},
          {"last_update_s", v(t.last_update_s)},
          {"timestamp_ms", v(t.timestamp_ms)},
          {"outcome", v(t.outcome)},
          {"bucket_index", v(t.bucket_index)},
          {"owner", v(t.owner)},
          {"trade_owner", v(t.trade_owner)},
          {"maker_address", v(t.maker_address)},
          {"transaction_hash", v(t.transaction_hash)},
          {"trader_side", v(t.trader_side)},
          {"err_msg", v(t.err_msg)},
          {"maker_orders", makers}};
}

json to_json(const WsMarketEvent& e) {
  if (e.book) {
    json out = to_json(*e.book);
    out["event_type"] = "book";
    return out;
  }
  json out = {{"event_type", e.event_type},
              {"condition_id", v(e.condition_id)},
              {"timestamp_ms", v(e.timestamp_ms)}};
  if (e.ignored) {
    out["ignored"] = true;
    out["token_id"] = v(e.token_id);
  } else if (e.event_type == "price_change") {
    json changes = json::array();
    for (const auto& c : e.changes)
      changes.push_back({{"token_id", v(c.token_id)},
                         {"price", v(c.price)},
                         {"size", v(c.size)},
                         {"side", v(c.side)},
                         {"hash", v(c.hash)},
                         {"best_bid", v(c.best_bid)},
                         {"best_ask", v(c.best_ask)}});
    out["changes"] = changes;
  } else if (e.event_type == "last_trade_price") {
    out.update({{"token_id", v(e.token_id)},
                {"price", v(e.price)},
                {"size", v(e.size)},
                {"side", v(e.side)},
                {"fee_rate_bps", v(e.fee_rate_bps)}});
  } else if (e.event_type == "tick_size_change") {
    out.update({{"token_id", v(e.token_id)},
                {"old_tick_size", v(e.old_tick_size)},
                {"new_tick_size", v(e.new_tick_size)}});
  } else if (e.event_type == "best_bid_ask") {
    out.update({{"token_id", v(e.token_id)},
                {"best_bid", v(e.best_bid)},
                {"best_ask", v(e.best_ask)},
                {"spread", v(e.spread)}});
  } else {  // new_market, market_resolved
    out.update({{"gamma_id", v(e.gamma_id)},
                {"question", v(e.question)},
                {"slug", v(e.slug)},
                {"token_ids", v(e.token_ids)},
                {"outcomes", v(e.outcomes)}});
    if (e.event_type == "new_market") {
      out["tick_size"] = v(e.new_tick_size);
    } else {
      out["winning_token_id"] = v(e.winning_token_id);
      out["winning_outcome"] = v(e.winning_outcome);
    }
  }
  return out;
}

json to_json(const WsUserEvent& e) {
  if (e.trade) {
    json out = to_json(*e.trade);
    out["event_type"] = "trade";
    return out;
  }
  json out = to_json(e.order->order);
  out["event_type"] = "order";
  out["type"] = e.order->type;
  out["order_owner"] = v(e.order->order_owner);
  out["timestamp_ms"] = v(e.order->timestamp_ms);
  return out;
}

}  // namespace polycopy::polymarket::parse
