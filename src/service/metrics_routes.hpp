#pragma once
// GET /metrics (Prometheus text format, metrics_exposition.hpp). Open when no token is
// configured (the server listens on 127.0.0.1 by default); with one, it needs
// "Authorization: Bearer <token>" (compared in constant time), else 401 "unauthorized".
#include <functional>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "service/router.hpp"
#include "store/store.hpp"

namespace polycopy::service {

class MetricsRegistry;

struct MetricsAccess {
  const MetricsRegistry* registry = nullptr;  // the process's counters; null: store numbers only
  std::optional<std::string> token;           // [server] metrics_token
};

void add_metrics_route(Router& router, store::Store& store, const core::Clock& clock,
                       const MetricsAccess& access);

// The handler for HttpServer: the router's answer, counted in `registry` by method, route
// pattern (or "unmatched"), status and duration. Both must outlive the handler. Requests
// the transport answers itself (413, malformed HTTP) never reach it.
std::function<HttpResponse(const HttpRequest&)> counting_handler(const Router& router,
                                                                 MetricsRegistry& registry);

}  // namespace polycopy::service
