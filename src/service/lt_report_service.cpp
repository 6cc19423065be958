#include "service/lt_report_service.hpp"

#include <algorithm>
#include <charconv>

#include "service/ft_report_service.hpp"
#include "service/json_values.hpp"
#include "service/report_query.hpp"
#include "service/time_format.hpp"

namespace polycopy::service {
namespace {

using core::Error;
using core::Result;
using nlohmann::json;

json time_or_null(const std::optional<core::Timestamp>& value) {
  return value ? json(format_iso8601(*value)) : json(nullptr);
}

// A store failure as the answer. An unknown or foreign strategy is 404 "strategy_not_found";
// a read the store does not provide yet is 501 "not_implemented" (not the caller's fault).
ServiceResult store_error(const Error& error, const std::string& id) {
  if (error.code == "not_found")
    return error_result(Error{"strategy_not_found", "no strategy with id " + id});
  if (error.code == "not_implemented")
    return ServiceResult{501, {{"error", {{"code", error.code}, {"message", error.message}}}}};
  return error_result(error);
}

// numerator / denominator (> 0) as a 6-decimal ratio, rounded toward zero.
core::Ratio ratio_toward_zero(std::int64_t numerator, std::int64_t denominator) {
  const std::int64_t magnitude =
      core::mul_div(numerator < 0 ? -numerator : numerator, core::kMicrosPerUnit, denominator,
                    core::Rounding::down);
  return core::Ratio::from_micros(numerator < 0 ? -magnitude : magnitude);
}

// Rows [offset, offset + limit) of `rows`.
template <class T>
std::vector<T> page_of(const std::vector<T>& rows, std::int64_t limit, std::int64_t offset) {
  const auto size = static_cast<std::int64_t>(rows.size());
  const std::int64_t begin = std::min(offset, size);
  const std::int64_t end = std::min(size, begin + limit);
  return std::vector<T>(rows.begin() + begin, rows.begin() + end);
}

json order_state_counts(const std::map<std::string, std::int64_t>& by_state) {
  json out = json::object();
  for (const auto& [state, count] : by_state) out[state] = count;
  return out;
}

}  // namespace

Result<LtReportQuery> lt_report_query_from_pairs(
    const std::vector<std::pair<std::string, std::string>>& pairs,
    const std::vector<std::string_view>& allowed) {
  auto params = read_query_params(pairs, allowed);
  if (!params) return params.error();
  LtReportQuery query;
  query.state = query_param(*params, "state");
  query.status = query_param(*params, "status");
  query.limit = query_param(*params, "limit");
  query.offset = query_param(*params, "offset");
  return query;
}

Result<LtOrderQuery> to_lt_order_query(const LtReportQuery& query) {
  if (query.status) return invalid_query("status applies to positions, not orders");
  LtOrderQuery out;
  if (query.state) {
    const auto state = store::order_state_from_string(*query.state);
    if (!state)
      return invalid_query(
          "state must be intent, submitted, partially_filled, filled, cancelled, expired or "
          "rejected, got \"" +
          *query.state + "\"");
    out.state = *state;
  }
  if (auto paging = read_paging(query, out); !paging) return paging.error();
  return out;
}

Result<store::LtPositionQuery> to_lt_position_query(const LtReportQuery& query) {
  if (query.state) return invalid_query("state applies to orders, not positions");
  store::LtPositionQuery out;
  if (query.status) {
    const auto status = store::lt_position_status_from_string(*query.status);
    if (!status)
      return invalid_query("status must be open, resolved or closed, got \"" + *query.status +
                           "\"");
    out.status = *status;
  }
  if (auto paging = read_paging(query, out); !paging) return paging.error();
  return out;
}

Result<LtOrderQuery> to_lt_execution_query(const LtReportQuery& query) {
  if (query.state) return invalid_query("state applies to orders, not execution quality");
  if (query.status) return invalid_query("status applies to positions, not execution quality");
  LtOrderQuery out;
  if (auto paging = read_paging(query, out); !paging) return paging.error();
  return out;
}

json to_json(const store::VenueFill& f) {
  return json{{"id", f.id},
              {"venue_trade_id", f.venue_trade_id},
              {"price", f.price.to_string()},
              {"size", f.size.to_string()},
              {"fee", f.fee.to_string()},
              {"filled_at", format_iso8601(f.filled_at)}};
}

// Salt and signature stay out: they only serve to find the signed order again.
json to_json(const store::OrderRecord& o, const std::vector<store::VenueFill>& fills) {
  json fill_items = json::array();
  for (const auto& fill : fills) fill_items.push_back(to_json(fill));
  return json{{"id", o.id},
              {"source_trade_id", text_or_null(o.source_trade_id)},
              {"venue_order_id", text_or_null(o.venue_order_id)},
              {"order_hash", text_or_null(o.order_hash)},
              {"state", std::string(store::to_string(o.state))},
              {"side", o.side},
              {"token_id", o.token_id},
              {"order_type", std::string(store::to_string(o.order_type))},
              {"signal_price", decimal_or_null(o.signal_price)},
              {"limit_price", o.limit_price.to_string()},
              {"size", o.size.to_string()},
              {"filled_size", o.filled_size.to_string()},
              {"venue_message", text_or_null(o.venue_message)},
              {"created_at", format_iso8601(o.created_at)},
              {"submitted_at", time_or_null(o.submitted_at)},
              {"expires_at", time_or_null(o.expires_at)},
              {"updated_at", format_iso8601(o.updated_at)},
              {"fills", std::move(fill_items)}};
}

json to_json(const store::LtPositionRecord& p) {
  json pnl_vs_ft = nullptr;
  if (p.pnl && p.ft_pnl) pnl_vs_ft = (*p.pnl - *p.ft_pnl).to_string();
  return json{{"id", p.id},
              {"order_id", p.order_id},
              {"condition_id", p.condition_id},
              {"token_id", p.token_id},
              {"outcome_index", p.outcome_index},
              {"shares", p.shares.to_string()},
              {"cost", p.cost.to_string()},
              {"fees", p.fees.to_string()},
              {"status", std::string(store::to_string(p.status))},
              {"payout", decimal_or_null(p.payout)},
              {"pnl", decimal_or_null(p.pnl)},
              {"ft_position_id", text_or_null(p.ft_position_id)},
              {"ft_cost", decimal_or_null(p.ft_cost)},
              {"ft_pnl", decimal_or_null(p.ft_pnl)},
              {"pnl_vs_ft", std::move(pnl_vs_ft)},
              {"opened_at", format_iso8601(p.opened_at)},
              {"resolved_at", time_or_null(p.resolved_at)}};
}

json to_json(const store::RedemptionRecord& r) {
  const bool waits = r.state == store::RedemptionState::pending;
  const bool gave_up = r.state == store::RedemptionState::failed && !r.next_attempt_at;
  json note = nullptr;
  if (waits) note = std::string(kRedemptionPendingNote);
  if (gave_up) note = std::string(kRedemptionGaveUpNote);
  return json{{"id", r.id},
              {"lt_position_id", r.lt_position_id},
              {"wallet_id", text_or_null(r.wallet_id)},
              {"condition_id", r.condition_id},
              {"state", std::string(store::to_string(r.state))},
              {"expected", r.expected.to_string()},
              {"paid", r.paid ? json(r.paid->to_string()) : json(nullptr)},
              {"tx_hash", text_or_null(r.tx_hash)},
              {"attempts", r.attempts},
              {"next_attempt_at", time_or_null(r.next_attempt_at)},
              {"last_error", text_or_null(r.last_error)},
              {"note", note},
              {"created_at", format_iso8601(r.created_at)},
              {"updated_at", format_iso8601(r.updated_at)}};
}

json to_json(const OrderExecution& e, const store::OrderRecord& order) {
  return json{{"order_id", order.id},
              {"state", std::string(store::to_string(order.state))},
              {"size", order.size.to_string()},
              {"filled_shares", e.filled_shares.to_string()},
              {"fill_rate", e.fill_rate.to_string()},
              {"fills", e.fills},
              {"signal_price", decimal_or_null(order.signal_price)},
              {"limit_price", order.limit_price.to_string()},
              {"average_fill_price", decimal_or_null(e.average_fill_price)},
              {"slippage_vs_signal", decimal_or_null(e.slippage_vs_signal)},
              {"slippage_vs_limit", decimal_or_null(e.slippage_vs_limit)},
              {"signal_to_first_fill_ms", count_or_null(e.signal_to_first_fill_ms)},
              {"filled_cost", e.filled_cost.to_string()},
              {"fees", e.fees.to_string()}};
}

json to_json(const ExecutionSummary& s) {
  return json{{"orders", s.orders},
              {"by_state", order_state_counts(s.by_state)},
              {"orders_with_fills", s.orders_with_fills},
              {"ordered_shares", s.ordered_shares.to_string()},
              {"filled_shares", s.filled_shares.to_string()},
              {"filled_cost", s.filled_cost.to_string()},
              {"fees", s.fees.to_string()},
              {"fill_rate", decimal_or_null(s.fill_rate)},
              {"average_slippage_vs_signal", decimal_or_null(s.average_slippage_vs_signal)},
              {"average_slippage_vs_limit", decimal_or_null(s.average_slippage_vs_limit)},
              {"latency_p50_ms", count_or_null(s.latency_p50_ms)},
              {"latency_p90_ms", count_or_null(s.latency_p90_ms)}};
}

json to_json(const store::LtPerformanceRecord& r) {
  json by_reason = json::object();
  for (const auto& count : r.by_reason) by_reason[count.reason] = count.count;
  json win_rate = nullptr;
  if (r.resolved_positions > 0)
    win_rate = core::Ratio::from_micros(core::mul_div(r.winning_positions, core::kMicrosPerUnit,
                                                      r.resolved_positions, core::Rounding::down))
                   .to_string();
  json roi = nullptr;
  if (r.resolved_cost.micros() > 0)
    roi = ratio_toward_zero(r.realised_pnl.micros(), r.resolved_cost.micros()).to_string();
  return json{{"starting_equity", r.starting_equity.to_string()},
              {"equity", (r.starting_equity + r.realised_pnl).to_string()},
              {"open_cost", r.open_cost.to_string()},
              {"open_positions", r.open_positions},
              {"resolved_positions", r.resolved_positions},
              {"winning_positions", r.winning_positions},
              {"losing_positions", r.losing_positions},
              {"win_rate", std::move(win_rate)},
              {"resolved_cost", r.resolved_cost.to_string()},
              {"resolved_fees", r.resolved_fees.to_string()},
              {"resolved_payout", r.resolved_payout.to_string()},
              {"realised_pnl", r.realised_pnl.to_string()},
              {"roi", std::move(roi)},
              {"signals", r.signals},
              {"by_reason", std::move(by_reason)},
              {"redemptions_pending", r.redemptions_pending},
              {"redemptions_pending_usd", r.redemptions_pending_usd.to_string()}};
}

LtReportService::LtReportService(store::Store& store) : store_(store) {}

std::optional<store::LtStrategy> LtReportService::owned(const std::string& user_id,
                                                        const std::string& id, ServiceResult& out) {
  auto strategy = store_.get_lt_strategy(user_id, id);
  if (!strategy) {
    out = store_error(strategy.error(), id);
    return std::nullopt;
  }
  if (!*strategy) {
    out = store_error(Error{"not_found", "no strategy"}, id);
    return std::nullopt;
  }
  return **strategy;
}

Result<std::vector<store::OrderRecord>> LtReportService::newest_orders(
    const std::string& id, const std::optional<store::OrderState>& state) {
  std::vector<store::OrderState> states;
  if (state) states.push_back(*state);
  auto rows = store_.list_orders(id, states);
  if (!rows) return rows.error();
  std::vector<store::OrderRecord> newest = std::move(rows).value();
  std::reverse(newest.begin(), newest.end());  // the store answers oldest first
  return newest;
}

ServiceResult LtReportService::orders(const std::string& user_id, const std::string& id,
                                      const LtReportQuery& query) {
  const auto parsed = to_lt_order_query(query);
  if (!parsed) return invalid_query_result(parsed.error());
  ServiceResult out;
  if (!owned(user_id, id, out)) return out;
  const auto rows = newest_orders(id, parsed->state);
  if (!rows) return store_error(rows.error(), id);
  json items = json::array();
  for (const auto& order : page_of(*rows, parsed->limit, parsed->offset)) {
    const auto fills = store_.list_order_fills(order.id);
    if (!fills) return store_error(fills.error(), id);
    items.push_back(to_json(order, *fills));
  }
  return ServiceResult{200,
                       {{"lt_strategy_id", id},
                        {"orders", std::move(items)},
                        {"total", rows->size()},
                        {"limit", parsed->limit},
                        {"offset", parsed->offset}}};
}

ServiceResult LtReportService::positions(const std::string& user_id, const std::string& id,
                                         const LtReportQuery& query) {
  const auto parsed = to_lt_position_query(query);
  if (!parsed) return invalid_query_result(parsed.error());
  ServiceResult out;
  if (!owned(user_id, id, out)) return out;
  const auto rows = store_.list_lt_positions(user_id, id, *parsed);
  if (!rows) return store_error(rows.error(), id);
  json items = json::array();
  for (const auto& row : *rows) items.push_back(to_json(row));
  return ServiceResult{200,
                       {{"lt_strategy_id", id},
                        {"positions", std::move(items)},
                        {"limit", parsed->limit},
                        {"offset", parsed->offset}}};
}

ServiceResult LtReportService::performance(const std::string& user_id, const std::string& id) {
  ServiceResult out;
  const auto strategy = owned(user_id, id, out);
  if (!strategy) return out;
  const auto lt = store_.get_lt_performance(user_id, id);
  if (!lt) return store_error(lt.error(), id);
  const std::string& ft_id = strategy->params.ft_strategy_id;
  const auto ft = store_.get_ft_performance(user_id, ft_id);
  if (!ft) return store_error(ft.error(), ft_id);
  // The same source trades on both sides: LT positions that settled and their paper twins.
  json ft_roi = nullptr;
  if (lt->ft_resolved_cost.micros() > 0)
    ft_roi =
        ratio_toward_zero(lt->ft_realised_pnl.micros(), lt->ft_resolved_cost.micros()).to_string();
  json lt_roi = nullptr;
  if (lt->resolved_cost.micros() > 0)
    lt_roi = ratio_toward_zero(lt->realised_pnl.micros(), lt->resolved_cost.micros()).to_string();
  const json matched{{"lt_resolved_cost", lt->resolved_cost.to_string()},
                     {"lt_realised_pnl", lt->realised_pnl.to_string()},
                     {"lt_roi", std::move(lt_roi)},
                     {"ft_resolved_cost", lt->ft_resolved_cost.to_string()},
                     {"ft_realised_pnl", lt->ft_realised_pnl.to_string()},
                     {"ft_roi", std::move(ft_roi)},
                     {"pnl_difference", (lt->realised_pnl - lt->ft_realised_pnl).to_string()}};
  return ServiceResult{200,
                       {{"lt_strategy_id", id},
                        {"ft_strategy_id", ft_id},
                        {"lt", to_json(*lt)},
                        {"ft", to_json(ft_id, *ft)},
                        {"matched", matched}}};
}

ServiceResult LtReportService::execution_quality(const std::string& user_id, const std::string& id,
                                                 const LtReportQuery& query) {
  const auto parsed = to_lt_execution_query(query);
  if (!parsed) return invalid_query_result(parsed.error());
  ServiceResult out;
  if (!owned(user_id, id, out)) return out;
  const auto rows = newest_orders(id, std::nullopt);
  if (!rows) return store_error(rows.error(), id);
  std::vector<OrderWithFills> all;
  all.reserve(rows->size());
  for (const auto& order : *rows) {
    auto fills = store_.list_order_fills(order.id);
    if (!fills) return store_error(fills.error(), id);
    all.push_back(OrderWithFills{order, std::move(fills).value()});
  }
  json items = json::array();
  for (const auto& [order, fills] : page_of(all, parsed->limit, parsed->offset))
    items.push_back(to_json(order_execution(order, fills), order));
  return ServiceResult{200,
                       {{"lt_strategy_id", id},
                        {"summary", to_json(summarize_execution(all))},
                        {"orders", std::move(items)},
                        {"total", all.size()},
                        {"limit", parsed->limit},
                        {"offset", parsed->offset}}};
}

ServiceResult LtReportService::redemptions(const std::string& user_id, const std::string& id) {
  ServiceResult out;
  if (!owned(user_id, id, out)) return out;
  const auto rows = store_.list_redemptions(user_id, id);
  if (!rows) return store_error(rows.error(), id);
  json items = json::array();
  for (const auto& row : *rows) items.push_back(to_json(row));
  return ServiceResult{200, {{"lt_strategy_id", id}, {"redemptions", std::move(items)}}};
}

}  // namespace polycopy::service
