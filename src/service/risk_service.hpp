#pragma once
// The risk manager's user side, behind both the HTTP API (/api/lt/strategies/{id}/risk…) and
// the `polycopy risk` commands: an LT strategy's risk rules, its live risk state (budget
// windows, exposure, drawdown, breaker), the breaker reset and the audit trail. Scoped to
// the owner: another user's (or an unknown) strategy answers 404 "strategy_not_found".
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "service/strategy_service.hpp"
#include "store/store.hpp"

namespace polycopy::service {

inline constexpr std::int64_t kDefaultChangesLimit = 50;
inline constexpr std::int64_t kMaxChangesLimit = 500;

// The `limit` of changes() as given (query string or CLI flag): 1..500, default 50;
// anything else is "invalid_query".
core::Result<std::int64_t> parse_changes_limit(const std::optional<std::string>& limit);

class RiskService {
 public:
  // Rule updates go through `strategies`, so they are validated and audited like any other
  // LT update. All three must outlive the service.
  RiskService(store::Store& store, const core::Clock& clock, StrategyService& strategies);

  // 200 {"lt_strategy_id","risk"}: "risk" is the object of the strategy's JSON.
  ServiceResult rules(const std::string& user_id, const std::string& id);
  // `patch` holds risk fields only (null clears one); answers like rules().
  ServiceResult update_rules(const std::string& user_id, const std::string& id,
                             const nlohmann::json& patch);
  // 200 with the state as of now: windows rolled, limits beside their figures.
  ServiceResult state(const std::string& user_id, const std::string& id);
  // `body`: {"resume": bool (default true)}. 409 "breaker_not_open" when closed; 409
  // "wallet_required" when resuming a strategy without a wallet (nothing changes). 200 with
  // the state and the strategy as stored afterwards.
  ServiceResult reset_breaker(const std::string& user_id, const std::string& id,
                              const nlohmann::json& body);
  // 200 {"changes":[...]}: the strategy's audit trail, newest first.
  ServiceResult changes(const std::string& user_id, const std::string& id,
                        const std::optional<std::string>& limit);

 private:
  store::Store& store_;
  const core::Clock& clock_;
  StrategyService& strategies_;
};

// The state body of state() for a snapshot (windows rolled to snapshot.now).
nlohmann::json risk_state_json(const store::RiskSnapshot& snapshot);

}  // namespace polycopy::service
