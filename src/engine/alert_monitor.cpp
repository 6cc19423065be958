#include "engine/alert_monitor.hpp"

#include <spdlog/spdlog.h>

namespace polycopy::engine {

AlertMonitor::AlertMonitor(store::Store& store, const core::Clock& clock,
                           AlertRuleSettings settings)
    : store_(store), clock_(clock), settings_(settings) {}

nlohmann::json AlertMonitor::run_once() {
  const auto now = clock_.now();
  store::AlertFactsQuery query;
  query.fill_rate_orders = settings_.fill_rate_orders;
  query.refusals_since = now - settings_.budget_lookback;
  const auto facts = store_.alert_facts(query);
  if (!facts) return {{"error", facts.error().to_string()}};
  const auto alerts = evaluate_alert_rules(*facts, settings_, now, clock_);
  const auto raised = store_.raise_alerts_once(alerts, now);
  if (!raised) return {{"error", raised.error().to_string()}};
  if (*raised > 0) spdlog::warn("alerts: {} new alert(s) raised", *raised);
  nlohmann::json codes = nlohmann::json::array();
  for (const auto& alert : alerts) codes.push_back(alert.alert.code);
  return {{"raised", *raised}, {"evaluated", codes}};
}

}  // namespace polycopy::engine
