#include "app/demo/demo_report.hpp"

#include <algorithm>
#include <sstream>

#include "risk/reason_codes.hpp"
#include "service/execution_quality.hpp"

namespace polycopy::app {
namespace {

using nlohmann::json;

bool is_risk_code(const std::string& code) {
  return std::ranges::find(risk::reason::kInCheckOrder, code) != risk::reason::kInCheckOrder.end();
}

template <class T>
json optional_text(const std::optional<T>& value) {
  return value ? json(value->to_string()) : json(nullptr);
}

}  // namespace

core::Result<json> demo_report(store::Store& store, const DemoCast& cast,
                               const DemoCounters& counters) {
  json report;
  report["source_trades"] = counters.source_trades;
  report["markets_resolved"] = counters.resolutions;

  auto ft = store.get_ft_performance(cast.user_id, cast.ft_id);
  if (!ft) return ft.error();
  auto lt = store.get_lt_performance(cast.user_id, cast.lt_id);
  if (!lt) return lt.error();
  json ft_reasons = json::object(), lt_reasons = json::object(), refusals = json::object();
  for (const auto& r : ft->by_reason) ft_reasons[r.reason] = r.count;
  std::int64_t budget_refusals = 0;
  for (const auto& r : lt->by_reason) {
    lt_reasons[r.reason] = r.count;
    if (is_risk_code(r.reason)) refusals[r.reason] = r.count;
    if (r.reason.ends_with("_budget_exceeded")) budget_refusals += r.count;
  }
  report["evaluations"] = {{"ft", {{"signals", ft->signals}, {"by_reason", ft_reasons}}},
                           {"lt", {{"signals", lt->signals}, {"by_reason", lt_reasons}}}};

  auto orders = store.list_orders(cast.lt_id, {});
  if (!orders) return orders.error();
  std::vector<service::OrderWithFills> with_fills;
  for (const auto& order : *orders) {
    auto fills = store.list_order_fills(order.id);
    if (!fills) return fills.error();
    with_fills.push_back({order, std::move(*fills)});
  }
  const auto execution = service::summarize_execution(with_fills);
  std::int64_t fills = 0;
  for (const auto& o : with_fills) fills += static_cast<std::int64_t>(o.fills.size());
  report["orders"] = {
      {"total", execution.orders},
      {"by_state", execution.by_state},
      {"with_fills", execution.orders_with_fills},
      {"fills", fills},
      {"filled_shares", execution.filled_shares.to_string()},
      {"filled_cost_usd", execution.filled_cost.to_string()},
      {"fill_rate", optional_text(execution.fill_rate)},
      {"avg_slippage_vs_signal", optional_text(execution.average_slippage_vs_signal)},
      {"latency_p50_ms",
       execution.latency_p50_ms ? json(*execution.latency_p50_ms) : json(nullptr)}};

  report["pnl"] = {{"lt",
                    {{"settled_positions", lt->resolved_positions},
                     {"won", lt->winning_positions},
                     {"lost", lt->losing_positions},
                     {"open_positions", lt->open_positions},
                     {"realised_pnl_usd", lt->realised_pnl.to_string()},
                     {"fees_usd", lt->resolved_fees.to_string()}}},
                   {"ft_same_trades", {{"realised_pnl_usd", lt->ft_realised_pnl.to_string()}}},
                   {"ft_all",
                    {{"settled_positions", ft->resolved_positions},
                     {"realised_pnl_usd", ft->realised_pnl.to_string()}}}};

  auto changes = store.list_rule_changes(cast.user_id, cast.lt_id, 100);
  if (!changes) return changes.error();
  json trips = json::array();
  for (const auto& change : *changes)
    if (change.action == "breaker_trip") trips.push_back(change.reason.value_or(""));
  auto alerts = store.list_open_alerts(cast.user_id);
  if (!alerts) return alerts.error();
  json alert_codes = json::array();
  for (const auto& alert : *alerts) alert_codes.push_back(alert.severity + ":" + alert.code);
  report["risk"] = {{"refusals", refusals},
                    {"budget_refusals", budget_refusals},
                    {"breaker_trips", trips},
                    {"open_alerts", alert_codes}};

  report["redemptions"] = {
      {"pending", lt->redemptions_pending},
      {"pending_usd", lt->redemptions_pending_usd.to_string()},
      {"note",
       "the demo has no chain: winners wait pending (polycopy redeem redeems them on one)"}};
  report["problems"] = counters.problems;
  return report;
}

std::string format_demo_report(const json& r) {
  std::ostringstream out;
  const auto line = [&out](const std::string& label, const json& value) {
    out << "  " << label << ": " << (value.is_string() ? value.get<std::string>() : value.dump())
        << "\n";
  };
  out << "\n=== polycopy demo report ===\n";
  line("source trades seen", r["source_trades"]);
  line("markets resolved", r["markets_resolved"]);
  out << "evaluations\n";
  line("FT signals by outcome", r["evaluations"]["ft"]["by_reason"]);
  line("LT signals by outcome", r["evaluations"]["lt"]["by_reason"]);
  out << "orders\n";
  line("by state", r["orders"]["by_state"]);
  line("fills", r["orders"]["fills"]);
  line("fill rate", r["orders"]["fill_rate"]);
  line("average slippage vs signal", r["orders"]["avg_slippage_vs_signal"]);
  line("signal to first fill p50 (ms)", r["orders"]["latency_p50_ms"]);
  out << "PnL\n";
  line("LT realised (USD)", r["pnl"]["lt"]["realised_pnl_usd"]);
  line("FT on the same trades (USD)", r["pnl"]["ft_same_trades"]["realised_pnl_usd"]);
  line("FT overall (USD)", r["pnl"]["ft_all"]["realised_pnl_usd"]);
  line("LT positions won / lost / open",
       std::to_string(r["pnl"]["lt"]["won"].get<std::int64_t>()) + " / " +
           std::to_string(r["pnl"]["lt"]["lost"].get<std::int64_t>()) + " / " +
           std::to_string(r["pnl"]["lt"]["open_positions"].get<std::int64_t>()));
  out << "risk\n";
  line("refusals by rule", r["risk"]["refusals"]);
  line("breaker trips", r["risk"]["breaker_trips"]);
  line("open alerts", r["risk"]["open_alerts"]);
  out << "redemptions\n";
  line("pending", std::to_string(r["redemptions"]["pending"].get<std::int64_t>()) + " (" +
                      r["redemptions"]["pending_usd"].get<std::string>() + " USD); " +
                      r["redemptions"]["note"].get<std::string>());
  if (r["problems"].get<std::int64_t>() > 0) line("problems logged", r["problems"]);
  return out.str();
}

}  // namespace polycopy::app
