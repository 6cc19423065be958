#include "service/alert_service.hpp"

#include "service/json_values.hpp"
#include "service/time_format.hpp"

namespace polycopy::service {
namespace {

using nlohmann::json;

json to_json(const store::AlertDelivery& d) {
  return {{"channel", d.channel},
          {"state", d.state},
          {"attempts", d.attempts},
          {"next_attempt_at",
           d.state == "pending" ? json(format_iso8601(d.next_attempt_at)) : json(nullptr)},
          {"last_error", text_or_null(d.last_error)},
          {"sent_at", d.sent_at ? json(format_iso8601(*d.sent_at)) : json(nullptr)}};
}

json to_json(const store::AlertRecord& a) {
  return {{"id", a.id},
          {"severity", a.severity},
          {"code", a.code},
          {"message", a.message},
          {"lt_strategy_id", text_or_null(a.lt_strategy_id)},
          {"scope", a.user_id ? "user" : "system"},
          {"occurrences", a.occurrences},
          {"created_at", format_iso8601(a.created_at)},
          {"last_seen_at", format_iso8601(a.last_seen_at)},
          {"acknowledged_at",
           a.acknowledged_at ? json(format_iso8601(*a.acknowledged_at)) : json(nullptr)}};
}

ServiceResult not_found(const std::string& id) {
  return error_result({"alert_not_found", "no alert " + id + " of yours"});
}

}  // namespace

AlertService::AlertService(store::Store& store, const core::Clock& clock)
    : store_(store), clock_(clock) {}

ServiceResult AlertService::list(const std::string& user_id, const QueryParams& query) {
  store::AlertListQuery q;
  if (const auto state = query_param(query, "state")) {
    if (*state == "open") {
      q.state = store::AlertListState::open;
    } else if (*state == "acknowledged") {
      q.state = store::AlertListState::acknowledged;
    } else if (*state == "all") {
      q.state = store::AlertListState::all;
    } else {
      return invalid_query_result(
          invalid_query("state must be open, acknowledged or all, got \"" + *state + "\""));
    }
  }
  const auto limit = read_limit(query_param(query, "limit"));
  if (!limit) return invalid_query_result(limit.error());
  q.limit = *limit;
  auto alerts = store_.list_alerts(user_id, q);
  if (!alerts) return error_result(alerts.error());
  json items = json::array();
  for (const auto& alert : *alerts) items.push_back(to_json(alert));
  return {200, {{"alerts", items}}};
}

ServiceResult AlertService::show(const std::string& user_id, const std::string& alert_id) {
  auto alert = store_.find_alert(user_id, alert_id);
  if (!alert) return error_result(alert.error());
  if (!*alert) return not_found(alert_id);
  auto deliveries = store_.list_alert_deliveries(alert_id);
  if (!deliveries) return error_result(deliveries.error());
  auto body = to_json(**alert);
  body["deliveries"] = json::array();
  for (const auto& d : *deliveries) body["deliveries"].push_back(to_json(d));
  return {200, body};
}

ServiceResult AlertService::acknowledge(const std::string& user_id, const std::string& alert_id) {
  auto alert = store_.acknowledge_alert(user_id, alert_id, clock_.now());
  if (!alert) {
    if (alert.error().code == "not_found") return not_found(alert_id);
    return error_result(alert.error());
  }
  return {200, to_json(*alert)};
}

}  // namespace polycopy::service
