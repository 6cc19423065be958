#include "service/api_routes.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include "service/alert_service.hpp"
#include "service/audit_trail.hpp"
#include "service/auth.hpp"
#include "service/ft_report_service.hpp"
#include "service/health_service.hpp"
#include "service/job_routes.hpp"
#include "service/lt_report_service.hpp"
#include "service/openapi.hpp"
#include "service/risk_service.hpp"
#include "service/strategy_service.hpp"
#include "service/wallet_service.hpp"

namespace polycopy::service {
namespace {

using nlohmann::json;

HttpResponse from_result(ServiceResult result) {
  return json_response(result.status, std::move(result.body));
}

HttpResponse from_error(const core::Error& error) {
  return from_result(error_result(error));
}

bool is_json_content_type(std::string_view value) {
  value = value.substr(0, value.find(';'));
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  std::string lower(value);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  return lower == "application/json";
}

// A handler that runs with the authenticated user's id.
using UserHandler =
    std::function<ServiceResult(const std::string& user_id, const HttpRequest&, const PathParams&)>;

// What every authenticated route needs: the store (keys) and the audit trail.
struct Api {
  store::Store& store;
  std::shared_ptr<AuditTrail> audit;
};

// Every call but a read is logged with its user, status and (redacted) body.
RouteHandler authenticated(const Api& api, UserHandler handler) {
  return [api, handler = std::move(handler)](const HttpRequest& request,
                                             const PathParams& params) -> HttpResponse {
    auto user = authenticate_bearer(api.store, request.header("authorization"));
    if (!user) return from_error(user.error());
    auto result = handler(user->id, request, params);
    if (request.method != "GET" && request.method != "HEAD")
      api.audit->record_call(user->id, request, params, result);
    return from_result(std::move(result));
  };
}

// Like authenticated(), for handlers that take a JSON object body.
using JsonHandler =
    std::function<ServiceResult(const std::string& user_id, const json& body, const PathParams&)>;

// Reads the request's JSON object body into `body`; returns the refusal (415 or 400) if any.
std::optional<ServiceResult> read_json_body(const HttpRequest& request, json& body) {
  if (!is_json_content_type(request.header("content-type")))
    return ServiceResult{
        415,
        {{"error",
          {{"code", "unsupported_media_type"},
           {"message", "the body must be sent as Content-Type: application/json"}}}}};
  auto parsed = parse_json_body(request.body);
  if (!parsed) return error_result(parsed.error());
  body = std::move(parsed).value();
  return std::nullopt;
}

RouteHandler with_json_body(const Api& api, JsonHandler handler) {
  return authenticated(
      api, [handler = std::move(handler)](const std::string& user_id, const HttpRequest& request,
                                          const PathParams& params) {
        json body;
        if (auto refusal = read_json_body(request, body)) return *refusal;
        return handler(user_id, body, params);
      });
}

// Like with_json_body(), but an empty body is allowed and reads as {}.
RouteHandler with_optional_json_body(const Api& api, JsonHandler handler) {
  return authenticated(
      api, [handler = std::move(handler)](const std::string& user_id, const HttpRequest& request,
                                          const PathParams& params) {
        json body = json::object();
        if (!request.body.empty()) {
          if (auto refusal = read_json_body(request, body)) return *refusal;
        }
        return handler(user_id, body, params);
      });
}

void add_strategy_routes(Router& router, const Api& api,
                         const std::shared_ptr<StrategyService>& service, StrategyKind kind,
                         const std::string& base) {
  router.add(
      "GET", base,
      authenticated(api, [service, kind](const std::string& user, const HttpRequest&,
                                         const PathParams&) { return service->list(kind, user); }));
  router.add("POST", base,
             with_json_body(api, [service, kind](const std::string& user, const json& body,
                                                 const PathParams&) {
               return service->create(kind, user, body);
             }));
  router.add("GET", base + "/{id}",
             authenticated(api, [service, kind](const std::string& user, const HttpRequest&,
                                                const PathParams& p) {
               return service->show(kind, user, p.at("id"));
             }));
  router.add("PATCH", base + "/{id}",
             with_json_body(api, [service, kind](const std::string& user, const json& body,
                                                 const PathParams& p) {
               return service->update(kind, user, p.at("id"), body);
             }));
  router.add("POST", base + "/{id}/pause",
             authenticated(api, [service, kind](const std::string& user, const HttpRequest&,
                                                const PathParams& p) {
               return service->pause(kind, user, p.at("id"));
             }));
  router.add("POST", base + "/{id}/resume",
             authenticated(api, [service, kind](const std::string& user, const HttpRequest&,
                                                const PathParams& p) {
               return service->resume(kind, user, p.at("id"));
             }));
}

// GET /api/ft/strategies/{id}/positions | /signals | /performance. Query parameters other
// than the report's own are refused with 400 "invalid_query".
void add_ft_report_routes(Router& router, const Api& api,
                          const std::shared_ptr<FtReportService>& reports,
                          const std::string& base) {
  const auto query_of = [](const HttpRequest& request, const std::vector<std::string_view>& allowed,
                           FtReportQuery& out) -> std::optional<ServiceResult> {
    auto query = report_query_from_pairs(request.query_pairs, allowed);
    if (!query) return invalid_query_result(query.error());
    out = std::move(query).value();
    return std::nullopt;
  };
  router.add(
      "GET", base + "/{id}/positions",
      authenticated(api, [reports, query_of](const std::string& user, const HttpRequest& request,
                                             const PathParams& p) {
        FtReportQuery query;
        if (auto bad = query_of(request, {"status", "limit", "offset"}, query)) return *bad;
        return reports->positions(user, p.at("id"), query);
      }));
  router.add(
      "GET", base + "/{id}/signals",
      authenticated(api, [reports, query_of](const std::string& user, const HttpRequest& request,
                                             const PathParams& p) {
        FtReportQuery query;
        if (auto bad = query_of(request, {"reason", "limit", "offset"}, query)) return *bad;
        return reports->signals(user, p.at("id"), query);
      }));
  router.add(
      "GET", base + "/{id}/performance",
      authenticated(api, [reports, query_of](const std::string& user, const HttpRequest& request,
                                             const PathParams& p) {
        FtReportQuery query;
        if (auto bad = query_of(request, {}, query)) return *bad;
        return reports->performance(user, p.at("id"));
      }));
}

// /api/lt/strategies/{id}/risk, /risk/state, /risk/reset-breaker and /risk/changes.
void add_risk_routes(Router& router, const Api& api, const std::shared_ptr<RiskService>& risk,
                     const std::string& base) {
  const std::string path = base + "/{id}/risk";
  router.add(
      "GET", path,
      authenticated(api, [risk](const std::string& user, const HttpRequest&, const PathParams& p) {
        return risk->rules(user, p.at("id"));
      }));
  router.add(
      "PATCH", path,
      with_json_body(api, [risk](const std::string& user, const json& body, const PathParams& p) {
        return risk->update_rules(user, p.at("id"), body);
      }));
  router.add(
      "GET", path + "/state",
      authenticated(api, [risk](const std::string& user, const HttpRequest&, const PathParams& p) {
        return risk->state(user, p.at("id"));
      }));
  router.add("POST", path + "/reset-breaker",
             with_optional_json_body(
                 api, [risk](const std::string& user, const json& body, const PathParams& p) {
                   return risk->reset_breaker(user, p.at("id"), body);
                 }));
  router.add("GET", path + "/changes",
             authenticated(api, [risk](const std::string& user, const HttpRequest& request,
                                       const PathParams& p) {
               auto query = report_query_from_pairs(request.query_pairs, {"limit"});
               if (!query) return invalid_query_result(query.error());
               return risk->changes(user, p.at("id"), query->limit);
             }));
}

// GET /api/lt/strategies/{id}/orders | /positions | /performance | /execution-quality |
// /redemptions. Query parameters other than the report's own are 400 "invalid_query".
void add_lt_report_routes(Router& router, const Api& api,
                          const std::shared_ptr<LtReportService>& reports,
                          const std::string& base) {
  using Report = std::function<ServiceResult(const std::string& user, const std::string& id,
                                             const LtReportQuery&)>;
  const auto add = [&](const std::string& suffix, std::vector<std::string_view> allowed,
                       Report report) {
    router.add("GET", base + "/{id}/" + suffix,
               authenticated(api, [allowed = std::move(allowed), report = std::move(report)](
                                      const std::string& user, const HttpRequest& request,
                                      const PathParams& p) {
                 auto query = lt_report_query_from_pairs(request.query_pairs, allowed);
                 if (!query) return invalid_query_result(query.error());
                 return report(user, p.at("id"), *query);
               }));
  };
  add("orders", kLtOrdersParams, [reports](const auto& user, const auto& id, const auto& query) {
    return reports->orders(user, id, query);
  });
  add("positions", kLtPositionsParams,
      [reports](const auto& user, const auto& id, const auto& query) {
        return reports->positions(user, id, query);
      });
  add("performance", {}, [reports](const auto& user, const auto& id, const auto&) {
    return reports->performance(user, id);
  });
  add("execution-quality", kLtExecutionParams,
      [reports](const auto& user, const auto& id, const auto& query) {
        return reports->execution_quality(user, id, query);
      });
  add("redemptions", {}, [reports](const auto& user, const auto& id, const auto&) {
    return reports->redemptions(user, id);
  });
}

// POST/GET /api/wallets, GET /api/wallets/{id}.
void add_wallet_routes(Router& router, const Api& api,
                       const std::shared_ptr<WalletService>& wallets) {
  router.add(
      "POST", "/api/wallets",
      with_json_body(api, [wallets](const std::string& user, const json& body, const PathParams&) {
        return wallets->create(user, body);
      }));
  router.add("GET", "/api/wallets",
             authenticated(api, [wallets](const std::string& user, const HttpRequest&,
                                          const PathParams&) { return wallets->list(user); }));
  router.add("GET", "/api/wallets/{id}",
             authenticated(
                 api, [wallets](const std::string& user, const HttpRequest&, const PathParams& p) {
                   return wallets->show(user, p.at("id"));
                 }));
}

// GET /api/alerts, GET /api/alerts/{id}, POST /api/alerts/{id}/acknowledge.
void add_alert_routes(Router& router, const Api& api, const std::shared_ptr<AlertService>& alerts) {
  router.add("GET", "/api/alerts",
             authenticated(api, [alerts](const std::string& user, const HttpRequest& request,
                                         const PathParams&) {
               auto query = read_query_params(request.query_pairs, {"state", "limit"});
               if (!query) return invalid_query_result(query.error());
               return alerts->list(user, *query);
             }));
  router.add(
      "GET", "/api/alerts/{id}",
      authenticated(api, [alerts](const std::string& user, const HttpRequest&,
                                  const PathParams& p) { return alerts->show(user, p.at("id")); }));
  router.add("POST", "/api/alerts/{id}/acknowledge",
             with_optional_json_body(
                 api, [alerts](const std::string& user, const json&, const PathParams& p) {
                   return alerts->acknowledge(user, p.at("id"));
                 }));
}

void add_audit_route(Router& router, const Api& api) {
  router.add("GET", "/api/audit",
             authenticated(api, [audit = api.audit](const std::string& user,
                                                    const HttpRequest& request, const PathParams&) {
               auto query = read_query_params(
                   request.query_pairs, {"kind", "entity_id", "before", "before_id", "limit"});
               if (!query) return invalid_query_result(query.error());
               return audit->list(user, *query);
             }));
}

}  // namespace

core::Result<json> parse_json_body(std::string_view body) {
  bool too_deep = false;
  const json::parser_callback_t limit_depth = [&too_deep](int depth, json::parse_event_t, json&) {
    if (depth > kMaxJsonDepth) too_deep = true;
    return !too_deep;
  };
  json parsed;
  try {
    parsed = json::parse(body.begin(), body.end(), limit_depth, /*allow_exceptions=*/true);
  } catch (const json::exception& e) {
    return core::Error{"invalid_json", std::string("the body is not valid JSON: ") + e.what()};
  }
  if (too_deep) return core::Error{"invalid_json", "the body nests deeper than 32 levels"};
  if (!parsed.is_object()) return core::Error{"wrong_type", "the body must be a JSON object"};
  return parsed;
}

Router make_api_router(store::Store& store, const core::Clock& clock,
                       const core::SecretBox* wallet_key, const JobAccess& jobs,
                       const MetricsAccess& metrics) {
  Router router;
  router.add("GET", "/healthz", [&store](const HttpRequest&, const PathParams&) {
    auto version = store.schema_version();
    if (!version)
      return json_response(
          503,
          {{"status", "unavailable"},
           {"error", {{"code", "store_unavailable"}, {"message", "the store did not answer"}}}});
    return json_response(200, {{"status", "ok"}});
  });
  const Api api{store, std::make_shared<AuditTrail>(store, clock)};
  // Readiness (public, for load balancers) and the recorded checks in detail (a key).
  auto health = std::make_shared<HealthService>(store, clock);
  router.add("GET", "/readyz", [health](const HttpRequest&, const PathParams&) {
    return from_result(health->readiness());
  });
  router.add("GET", "/api/health",
             authenticated(
                 api, [health](const std::string&, const HttpRequest& request, const PathParams&) {
                   auto query = read_query_params(request.query_pairs, {"component", "limit"});
                   if (!query) return invalid_query_result(query.error());
                   return health->details(*query);
                 }));
  // The API's own description: public, like /healthz.
  router.add("GET", "/api/openapi.json", [](const HttpRequest&, const PathParams&) {
    return json_response(200, openapi_document());
  });
  auto service = std::make_shared<StrategyService>(store, clock);
  add_strategy_routes(router, api, service, StrategyKind::ft, "/api/ft/strategies");
  add_strategy_routes(router, api, service, StrategyKind::lt, "/api/lt/strategies");
  add_ft_report_routes(router, api, std::make_shared<FtReportService>(store), "/api/ft/strategies");
  // The risk service updates rules through `service`: its deleter keeps that alive.
  const std::shared_ptr<RiskService> risk(new RiskService(store, clock, *service),
                                          [service](RiskService* p) { delete p; });
  add_risk_routes(router, api, risk, "/api/lt/strategies");
  add_lt_report_routes(router, api, std::make_shared<LtReportService>(store), "/api/lt/strategies");
  add_wallet_routes(router, api, std::make_shared<WalletService>(store, clock, wallet_key));
  add_alert_routes(router, api, std::make_shared<AlertService>(store, clock));
  add_audit_route(router, api);
  add_job_routes(router, store, jobs, api.audit);
  add_metrics_route(router, store, clock, metrics);  // GET /metrics (Prometheus)
  return router;
}

}  // namespace polycopy::service
