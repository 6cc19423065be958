#include "service/metrics_routes.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

#include "service/auth.hpp"
#include "service/metrics_exposition.hpp"

namespace polycopy::service {
namespace {

// "Bearer <token>" in constant time (the length is not secret).
bool bearer_matches(std::string_view header, const std::string& token) {
  constexpr std::string_view prefix = "Bearer ";
  if (header.substr(0, prefix.size()) != prefix) return false;
  return same_secret(header.substr(prefix.size()), token);
}

}  // namespace

void add_metrics_route(Router& router, store::Store& store, const core::Clock& clock,
                       const MetricsAccess& access) {
  router.add("GET", "/metrics",
             [&store, &clock, access](const HttpRequest& request, const PathParams&) {
               if (access.token && !bearer_matches(request.header("authorization"), *access.token))
                 return error_response(401, "unauthorized",
                                       "GET /metrics needs Authorization: Bearer <metrics_token>");
               HttpResponse response;
               response.text = render_metrics(store, clock, access.registry);
               response.headers["Content-Type"] = kMetricsContentType;
               return response;
             });
}

std::function<HttpResponse(const HttpRequest&)> counting_handler(const Router& router,
                                                                 MetricsRegistry& registry) {
  return [&router, &registry](const HttpRequest& request) {
    const auto started = std::chrono::steady_clock::now();
    std::string route;
    HttpResponse response = router.handle(request, &route);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    try {
      registry.count_request(request.method, route, response.status, took.count());
    } catch (const std::exception& e) {  // a metric never costs the answer
      spdlog::warn("metrics: {}", e.what());
    }
    return response;
  };
}

}  // namespace polycopy::service
