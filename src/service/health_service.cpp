#include "service/health_service.hpp"

#include "service/ft_report_service.hpp"
#include "service/time_format.hpp"

namespace polycopy::service {
namespace {

using nlohmann::json;

json to_json(const store::HealthCheckRecord& check, bool stale) {
  return json{{"component", check.component},
              {"status", std::string(store::to_string(check.status))},
              {"detail", check.detail ? json(*check.detail) : json(nullptr)},
              {"latency_ms", check.latency_ms ? json(*check.latency_ms) : json(nullptr)},
              {"checked_at", format_iso8601(check.checked_at)},
              {"critical", store::is_critical_component(check.component)},
              {"stale", stale}};
}

}  // namespace

HealthService::HealthService(store::Store& store, const core::Clock& clock,
                             HealthServiceOptions options)
    : store_(store), clock_(clock), options_(options) {}

ServiceResult HealthService::readiness() {
  if (auto version = store_.schema_version(); !version)
    return {503,
            {{"status", "not_ready"}, {"problems", {"database: " + version.error().to_string()}}}};
  auto latest = store_.latest_health_checks();
  if (!latest)
    return {503,
            {{"status", "not_ready"}, {"problems", {"database: " + latest.error().to_string()}}}};
  return readiness_of(*latest);
}

ServiceResult HealthService::readiness_of(const std::vector<store::HealthCheckRecord>& latest) {
  json problems = json::array();
  const auto now = clock_.now();
  json checks = json::object();
  for (const auto& check : latest) {
    const bool stale = now - check.checked_at > options_.fresh_for;
    checks[check.component] = stale ? "stale" : std::string(store::to_string(check.status));
    if (!store::is_critical_component(check.component)) continue;
    if (stale)
      problems.push_back(check.component + ": last checked " + format_iso8601(check.checked_at) +
                         " (is the engine running?)");
    else if (check.status == store::HealthStatus::failing)
      problems.push_back(check.component + ": " + check.detail.value_or("failing"));
  }
  json body{{"status", problems.empty() ? "ready" : "not_ready"}, {"checks", checks}};
  if (!problems.empty()) body["problems"] = problems;
  if (latest.empty())
    body["note"] = "no health checks recorded yet (the engine records them): database only";
  return {problems.empty() ? 200 : 503, body};
}

ServiceResult HealthService::details(const QueryParams& query) {
  const auto now = clock_.now();
  const auto stale = [&](const store::HealthCheckRecord& check) {
    return now - check.checked_at > options_.fresh_for;
  };
  if (const auto component = query_param(query, "component")) {
    const auto limit = read_limit(query_param(query, "limit"));
    if (!limit) return invalid_query_result(limit.error());
    auto history = store_.list_health_checks(*component, *limit);
    if (!history) return error_result(history.error());
    json items = json::array();
    for (const auto& check : *history) items.push_back(to_json(check, stale(check)));
    return {200, {{"component", *component}, {"checks", items}}};
  }
  if (query_param(query, "limit"))
    return invalid_query_result(invalid_query("limit goes with component"));
  auto latest = store_.latest_health_checks();
  if (!latest) return error_result(latest.error());
  json items = json::array();
  for (const auto& check : *latest) items.push_back(to_json(check, stale(check)));
  // The checks just read are the ones readiness judges: no second read.
  const auto ready = readiness_of(*latest);
  return {200, {{"ready", ready.status == 200}, {"checks", items}}};
}

}  // namespace polycopy::service
