#pragma once
// The HTTP routes of the API: authentication, content-type and JSON checks, then a call
// into StrategyService, FtReportService or RiskService. Transport-free: feed it
// HttpRequests in tests.
#include <memory>

#include "core/clock.hpp"
#include "core/secret_box.hpp"
#include "service/job_port.hpp"
#include "service/metrics_routes.hpp"
#include "service/router.hpp"
#include "store/store.hpp"

namespace polycopy::service {

// JSON nested deeper than this is refused ("invalid_json"): no request may exhaust the stack.
inline constexpr int kMaxJsonDepth = 32;

// Routes:
//   GET  /healthz                                  (no auth)
//   GET|POST   /api/{ft,lt}/strategies
//   GET|PATCH  /api/{ft,lt}/strategies/{id}
//   POST       /api/{ft,lt}/strategies/{id}/pause | /resume
//   GET        /api/ft/strategies/{id}/positions | /signals | /performance
//   GET|PATCH  /api/lt/strategies/{id}/risk
//   GET        /api/lt/strategies/{id}/risk/state | /risk/changes
//   GET        /api/lt/strategies/{id}/orders | /positions | /performance |
//              /execution-quality | /redemptions
//   POST       /api/lt/strategies/{id}/risk/reset-breaker    (body optional)
//   GET|POST   /api/wallets, GET /api/wallets/{id}
//   POST       /api/lt/execute | /api/lt/resolve | /api/lt/redemptions/process
//   GET        /api/cron/lt-execute | /lt-resolve | /lt-redemptions   (X-Cron-Secret)
// The store, clock and wallet key must outlive the router. Without a wallet key (null),
// creating a wallet answers 503 "wallet_key_missing".
// `jobs`: the engine's jobs (job_routes.hpp) when the engine runs in this process.
// `metrics`: GET /metrics's counters and token (metrics_routes.hpp); the route is always there.
Router make_api_router(store::Store& store, const core::Clock& clock,
                       const core::SecretBox* wallet_key = nullptr, const JobAccess& jobs = {},
                       const MetricsAccess& metrics = {});

// Parses a request body as a JSON object; "invalid_json" (syntax, depth, or not UTF-8).
core::Result<nlohmann::json> parse_json_body(std::string_view body);

}  // namespace polycopy::service
