#pragma once
// The application service behind both the HTTP API and the `polycopy strategy` commands:
// each call takes the caller's user id (and JSON input) and returns a status with a JSON
// body, so the two front ends never diverge. A user sees and changes only their own
// strategies; another user's id answers 404 "strategy_not_found".
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "store/store.hpp"

namespace polycopy::service {

enum class StrategyKind { ft, lt };

struct ServiceResult {
  int status = 200;     // an HTTP status: 200, 201, 4xx, 500
  nlohmann::json body;  // the strategy, {"strategies":[...]}, or {"error":{code,message}}
};

class StrategyService {
 public:
  StrategyService(store::Store& store, const core::Clock& clock);

  ServiceResult list(StrategyKind kind, const std::string& user_id);
  // 201 with the created strategy. Required: "name"; LT also "ft_strategy_id" (one of the
  // caller's FT strategies). LT strategies start paused.
  ServiceResult create(StrategyKind kind, const std::string& user_id, const nlohmann::json& body);
  ServiceResult show(StrategyKind kind, const std::string& user_id, const std::string& id);
  // Partial update: only the fields present change; null clears an optional field.
  ServiceResult update(StrategyKind kind, const std::string& user_id, const std::string& id,
                       const nlohmann::json& patch);
  // Idempotent; both return the strategy. Resuming an LT strategy needs a wallet (409
  // "wallet_required") and a closed circuit breaker (409 "circuit_breaker_open"). LT pauses
  // and resumes are recorded in the audit trail.
  ServiceResult pause(StrategyKind kind, const std::string& user_id, const std::string& id);
  ServiceResult resume(StrategyKind kind, const std::string& user_id, const std::string& id);

 private:
  ServiceResult create_ft(const std::string& user_id, const nlohmann::json& body);
  ServiceResult create_lt(const std::string& user_id, const nlohmann::json& body);
  ServiceResult update_ft(const std::string& user_id, const std::string& id,
                          const nlohmann::json& patch);
  ServiceResult update_lt(const std::string& user_id, const std::string& id,
                          const nlohmann::json& patch);
  // The audit rows of an LT update: risk rules and the rest recorded apart.
  std::vector<store::RuleChange> lt_changes(const store::LtStrategy& before,
                                            const store::LtStrategy& after,
                                            const std::string& user_id);
  ServiceResult set_paused(StrategyKind kind, const std::string& user_id, const std::string& id,
                           bool paused);

  store::Store& store_;
  const core::Clock& clock_;
  // Serialises read-modify-write sequences so concurrent PATCHes cannot lose updates.
  std::mutex write_mutex_;
};

// The {"error":{...}} body and HTTP status for an error code (400 for malformed input,
// 404/409/422 for the rest, 500 for store failures).
ServiceResult error_result(const core::Error& error);
int status_for_error_code(std::string_view code);

}  // namespace polycopy::service
