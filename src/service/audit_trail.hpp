#pragma once
// The audit log of the API: every state-changing call (not GET) an authenticated user made,
// and every job run a cron asked for, with its status and its body, secrets redacted; and
// the log read back (GET /api/audit).
// Orders are logged by the store as they change, rule changes in their own table: the
// list merges all three, newest first.
//   list  ?kind=api_call|order|rule_change, ?entity_id=ID, ?limit=1..1000 (100); paging:
//         ?before=<next_before>&before_id=<next_before_id> of the previous page
#include <string>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "service/ft_report_service.hpp"
#include "service/http_types.hpp"
#include "service/report_query.hpp"
#include "service/router.hpp"
#include "service/strategy_service.hpp"
#include "store/store.hpp"

namespace polycopy::service {

// The JSON with the value of every key that names a secret (key, secret, password, token,
// passphrase, signature…) replaced by "[redacted]", at any depth.
nlohmann::json redact_secrets(nlohmann::json value);

class AuditTrail {
 public:
  AuditTrail(store::Store& store, const core::Clock& clock);

  // Logs a call a user made (a failure to log is logged, never the call's failure).
  void record_call(const std::string& user_id, const HttpRequest& request, const PathParams& params,
                   const ServiceResult& result);
  // A job run an external scheduler asked for (GET /api/cron/…): a system entry (no user),
  // listed to every user.
  void record_cron_call(const HttpRequest& request, const ServiceResult& result);
  ServiceResult list(const std::string& user_id, const QueryParams& query);

 private:
  void record(store::AuditEntry entry, const HttpRequest& request, const ServiceResult& result);

  store::Store& store_;
  const core::Clock& clock_;
};

}  // namespace polycopy::service
