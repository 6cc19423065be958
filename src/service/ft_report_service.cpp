#include "service/ft_report_service.hpp"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

#include "service/json_values.hpp"
#include "service/report_query.hpp"
#include "service/time_format.hpp"
#include "strategy/reason_codes.hpp"

namespace polycopy::service {
namespace {

using core::Error;
using core::Result;
using nlohmann::json;

constexpr std::string_view kAccepted = "accepted";

json paged(const char* key, json items, std::int64_t limit, std::int64_t offset) {
  return json{{key, std::move(items)}, {"limit", limit}, {"offset", offset}};
}

// A store error as the answer: an unknown or foreign strategy is 404 "strategy_not_found".
ServiceResult store_error(const Error& error, const std::string& strategy_id) {
  if (error.code == "not_found")
    return error_result(Error{"strategy_not_found", "no strategy with id " + strategy_id});
  return error_result(error);
}

// numerator / denominator as a 6-decimal ratio, rounded toward zero; denominator > 0.
core::Ratio ratio_toward_zero(std::int64_t numerator, std::int64_t denominator) {
  const std::int64_t magnitude =
      core::mul_div(numerator < 0 ? -numerator : numerator, core::kMicrosPerUnit, denominator,
                    core::Rounding::down);
  return core::Ratio::from_micros(numerator < 0 ? -magnitude : magnitude);
}

}  // namespace

bool is_known_signal_reason(std::string_view reason) {
  if (reason == kAccepted || reason == strategy::reason::zero_bet) return true;
  const auto& codes = strategy::reason::kInCheckOrder;
  return std::find(codes.begin(), codes.end(), reason) != codes.end();
}

Result<FtReportQuery> report_query_from_pairs(
    const std::vector<std::pair<std::string, std::string>>& pairs,
    const std::vector<std::string_view>& allowed) {
  auto params = read_query_params(pairs, allowed);
  if (!params) return params.error();
  FtReportQuery query;
  query.status = query_param(*params, "status");
  query.reason = query_param(*params, "reason");
  query.limit = query_param(*params, "limit");
  query.offset = query_param(*params, "offset");
  return query;
}

Result<store::PaperPositionQuery> to_position_query(const FtReportQuery& query) {
  if (query.reason) return invalid_query("reason applies to signals, not positions");
  store::PaperPositionQuery out;
  if (query.status) {
    const auto status = store::paper_position_status_from_string(*query.status);
    if (!status)
      return invalid_query("status must be open or resolved, got \"" + *query.status + "\"");
    out.status = *status;
  }
  if (auto paging = read_paging(query, out); !paging) return paging.error();
  return out;
}

Result<store::SignalQuery> to_signal_query(const FtReportQuery& query) {
  if (query.status) return invalid_query("status applies to positions, not signals");
  store::SignalQuery out;
  if (query.reason) {
    if (!is_known_signal_reason(*query.reason))
      return invalid_query("reason must be accepted or a rejection code, got \"" + *query.reason +
                           "\"");
    out.reason = *query.reason;
  }
  if (auto paging = read_paging(query, out); !paging) return paging.error();
  return out;
}

ServiceResult invalid_query_result(const Error& error) {
  return ServiceResult{400, {{"error", {{"code", error.code}, {"message", error.message}}}}};
}

json to_json(const store::PaperPositionRecord& p) {
  return json{
      {"id", p.id},
      {"source_trade_id", p.source_trade_id},
      {"condition_id", p.condition_id},
      {"token_id", p.token_id},
      {"outcome_index", p.outcome_index},
      {"entry_price", p.entry_price.to_string()},
      {"shares", p.shares.to_string()},
      {"cost", p.cost.to_string()},
      {"status", std::string(store::to_string(p.status))},
      {"payout", decimal_or_null(p.payout)},
      {"pnl", decimal_or_null(p.pnl)},
      {"opened_at", format_iso8601(p.opened_at)},
      {"resolved_at", p.resolved_at ? json(format_iso8601(*p.resolved_at)) : json(nullptr)}};
}

json to_json(const store::StrategySignalRecord& s) {
  return json{{"id", s.id},
              {"source_trade_id", s.source_trade_id},
              {"accepted", s.accepted},
              {"reason", text_or_null(s.reason_code)},
              {"detail", text_or_null(s.detail)},
              {"entry_price", decimal_or_null(s.entry_price)},
              {"bet", decimal_or_null(s.bet_usd)},
              {"edge", decimal_or_null(s.edge)},
              {"conviction", decimal_or_null(s.conviction)},
              {"evaluated_at", format_iso8601(s.evaluated_at)}};
}

json to_json(const std::string& strategy_id, const store::FtPerformanceRecord& r) {
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
  return json{{"strategy_id", strategy_id},
              {"starting_cash", r.starting_cash.to_string()},
              {"cash", r.cash.to_string()},
              {"open_cost", r.open_cost.to_string()},
              {"realised_pnl", r.realised_pnl.to_string()},
              {"resolved_cost", r.resolved_cost.to_string()},
              {"resolved_payout", r.resolved_payout.to_string()},
              {"open_positions", r.open_positions},
              {"resolved_positions", r.resolved_positions},
              {"winning_positions", r.winning_positions},
              {"losing_positions", r.losing_positions},
              {"win_rate", std::move(win_rate)},
              {"roi", std::move(roi)},
              {"signals", r.signals},
              {"by_reason", std::move(by_reason)}};
}

FtReportService::FtReportService(store::Store& store) : store_(store) {}

ServiceResult FtReportService::positions(const std::string& user_id, const std::string& strategy_id,
                                         const FtReportQuery& query) {
  const auto parsed = to_position_query(query);
  if (!parsed) return invalid_query_result(parsed.error());
  const auto rows = store_.list_paper_positions(user_id, strategy_id, *parsed);
  if (!rows) return store_error(rows.error(), strategy_id);
  json items = json::array();
  for (const auto& row : *rows) items.push_back(to_json(row));
  return ServiceResult{200, paged("positions", std::move(items), parsed->limit, parsed->offset)};
}

ServiceResult FtReportService::signals(const std::string& user_id, const std::string& strategy_id,
                                       const FtReportQuery& query) {
  const auto parsed = to_signal_query(query);
  if (!parsed) return invalid_query_result(parsed.error());
  const auto rows = store_.list_ft_signals(user_id, strategy_id, *parsed);
  if (!rows) return store_error(rows.error(), strategy_id);
  json items = json::array();
  for (const auto& row : *rows) items.push_back(to_json(row));
  return ServiceResult{200, paged("signals", std::move(items), parsed->limit, parsed->offset)};
}

ServiceResult FtReportService::performance(const std::string& user_id,
                                           const std::string& strategy_id) {
  const auto record = store_.get_ft_performance(user_id, strategy_id);
  if (!record) return store_error(record.error(), strategy_id);
  return ServiceResult{200, to_json(strategy_id, *record)};
}

}  // namespace polycopy::service
