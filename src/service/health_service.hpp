#pragma once
// Readiness and health details from what the engine's health monitor recorded
// (engine/health_monitor):
//   readiness  ready when the database answers now and the latest check of every critical
//              component (database, venue_rest, rpc) that was ever checked is not failing and
//              is fresh (a stale one means no health monitor runs: not ready). Before any
//              check was recorded, the database alone decides (a note says so).
//   details    the latest check of every component with its age, or with ?component=NAME
//              that component's history, newest first (?limit, 1..1000, default 100).
#include <chrono>
#include <vector>

#include "core/clock.hpp"
#include "service/report_query.hpp"
#include "service/strategy_service.hpp"
#include "store/store.hpp"

namespace polycopy::service {

struct HealthServiceOptions {
  std::chrono::seconds fresh_for{300};  // a recorded check older than this is stale
};

class HealthService {
 public:
  HealthService(store::Store& store, const core::Clock& clock, HealthServiceOptions options = {});

  ServiceResult readiness();
  ServiceResult details(const QueryParams& query);

 private:
  // Readiness from the latest checks, the database having answered.
  ServiceResult readiness_of(const std::vector<store::HealthCheckRecord>& latest);

  store::Store& store_;
  const core::Clock& clock_;
  HealthServiceOptions options_;
};

}  // namespace polycopy::service
