#pragma once
// Routes that run the engine's jobs on demand:
//   POST /api/lt/execute | /api/lt/resolve | /api/lt/redemptions/process   (bearer key; the
//        caller's strategies only)
//   GET  /api/cron/lt-execute | /api/cron/lt-resolve | /api/cron/lt-redemptions
//        (X-Cron-Secret header, compared in constant time; every strategy)
// 200 with the job's report; 409 "job_running" when it is running already; 503
// "jobs_unavailable" when no engine runs in this process, "cron_disabled" without a secret.
#include <memory>

#include "service/audit_trail.hpp"
#include "service/job_port.hpp"
#include "service/router.hpp"
#include "store/store.hpp"

namespace polycopy::service {

// `access.jobs` must outlive the router.
// Every run asked for is logged in `audit` (by the user, or by "cron").
void add_job_routes(Router& router, store::Store& store, const JobAccess& access,
                    const std::shared_ptr<AuditTrail>& audit);

}  // namespace polycopy::service
