#include "service/strategy_service.hpp"

#include <spdlog/spdlog.h>

#include <set>

#include "core/ids.hpp"
#include "service/strategy_json.hpp"
#include "strategy/params_validation.hpp"

namespace polycopy::service {
namespace {

using core::Error;
using nlohmann::json;

const std::set<std::string, std::less<>> kMalformedInputCodes{
    "invalid_json", "wrong_type",      "unknown_field", "field_read_only", "missing_field",
    "invalid_enum", "invalid_decimal", "too_precise",   "overflow"};
// Store failures are logged and answered without internal details.
const std::set<std::string, std::less<>> kStoreFailureCodes{
    "db_error", "constraint_violation", "foreign_key", "conflict", "migration_failed"};

ServiceResult ok(int status, json body) {
  return ServiceResult{status, std::move(body)};
}

Error not_found(const std::string& id) {
  return Error{"strategy_not_found", "no strategy with id " + id};
}

Error missing(std::string_view field) {
  return Error{"missing_field", std::string(field) + " is required"};
}

// A store error, or a strategy/wallet the caller does not own, as a service error.
template <class T>
bool failed(const core::Result<T>& result, ServiceResult& out) {
  if (result) return false;
  out = error_result(result.error());
  return true;
}

bool failed(const core::Status& status, ServiceResult& out) {
  if (status) return false;
  out = error_result(status.error());
  return true;
}

}  // namespace

int status_for_error_code(std::string_view code) {
  if (kMalformedInputCodes.count(code)) return 400;
  if (code == "unauthorized") return 401;
  if (code == "strategy_not_found" || code == "not_found" || code == "alert_not_found") return 404;
  if (code == "wallet_required" || code == "circuit_breaker_open" || code == "breaker_not_open" ||
      code == "wallet_exists")
    return 409;
  if (kStoreFailureCodes.count(code) || code == "internal_error") return 500;
  return 422;
}

ServiceResult error_result(const Error& error) {
  const int status = status_for_error_code(error.code);
  if (status == 500) {
    spdlog::error("strategy service failed: {}", error.to_string());
    return ServiceResult{
        500,
        {{"error",
          {{"code", "internal_error"}, {"message", "the server failed to handle the request"}}}}};
  }
  const std::string code = error.code == "not_found" ? "strategy_not_found" : error.code;
  return ServiceResult{status, {{"error", {{"code", code}, {"message", error.message}}}}};
}

StrategyService::StrategyService(store::Store& store, const core::Clock& clock)
    : store_(store), clock_(clock) {}

ServiceResult StrategyService::list(StrategyKind kind, const std::string& user_id) {
  ServiceResult out;
  json items = json::array();
  if (kind == StrategyKind::ft) {
    auto rows = store_.list_ft_strategies(user_id);
    if (failed(rows, out)) return out;
    for (const auto& row : *rows) items.push_back(to_json(row));
  } else {
    auto rows = store_.list_lt_strategies(user_id);
    if (failed(rows, out)) return out;
    for (const auto& row : *rows) items.push_back(to_json(row));
  }
  return ok(200, {{"strategies", std::move(items)}});
}

ServiceResult StrategyService::show(StrategyKind kind, const std::string& user_id,
                                    const std::string& id) {
  ServiceResult out;
  if (kind == StrategyKind::ft) {
    auto row = store_.get_ft_strategy(user_id, id);
    if (failed(row, out)) return out;
    if (!*row) return error_result(not_found(id));
    return ok(200, to_json(**row));
  }
  auto row = store_.get_lt_strategy(user_id, id);
  if (failed(row, out)) return out;
  if (!*row) return error_result(not_found(id));
  return ok(200, to_json(**row));
}

ServiceResult StrategyService::create(StrategyKind kind, const std::string& user_id,
                                      const json& body) {
  if (!body.is_object()) return error_result({"wrong_type", "the body must be a JSON object"});
  if (!body.contains("name")) return error_result(missing("name"));
  std::lock_guard lock(write_mutex_);
  return kind == StrategyKind::ft ? create_ft(user_id, body) : create_lt(user_id, body);
}

ServiceResult StrategyService::create_ft(const std::string& user_id, const json& body) {
  ServiceResult out;
  store::FtStrategyParams params;
  if (failed(apply_json(body, params), out)) return out;
  auto valid = strategy::validate_ft_params(std::move(params));
  if (failed(valid, out)) return out;
  const auto now = clock_.now();
  store::FtStrategy row{core::new_id("ft", clock_), user_id, *valid, false, now, now};
  if (failed(store_.insert_ft_strategy(row), out)) return out;
  return ok(201, to_json(row));
}

namespace {

// The LT strategy's FT twin and wallet must belong to the caller.
ServiceResult check_lt_references(store::Store& store, const std::string& user_id,
                                  const store::LtStrategyParams& params) {
  ServiceResult out;
  auto ft = store.get_ft_strategy(user_id, params.ft_strategy_id);
  if (failed(ft, out)) return out;
  if (!*ft)
    return error_result({"ft_strategy_not_found",
                         "ft_strategy_id names no FT strategy of yours: " + params.ft_strategy_id});
  if (params.wallet_id) {
    auto wallet = store.get_wallet(user_id, *params.wallet_id);
    if (failed(wallet, out)) return out;
    if (!*wallet)
      return error_result(
          {"wallet_not_found", "wallet_id names no wallet of yours: " + *params.wallet_id});
  }
  return ok(200, nullptr);
}

}  // namespace

ServiceResult StrategyService::create_lt(const std::string& user_id, const json& body) {
  ServiceResult out;
  if (!body.contains("ft_strategy_id")) return error_result(missing("ft_strategy_id"));
  store::LtStrategyParams params;
  if (failed(apply_json(body, params), out)) return out;
  auto valid = strategy::validate_lt_params(std::move(params));
  if (failed(valid, out)) return out;
  if (auto refs = check_lt_references(store_, user_id, *valid); refs.status != 200) return refs;
  const auto now = clock_.now();
  store::LtStrategy row{core::new_id("lt", clock_),
                        user_id,
                        *valid,
                        true,
                        "new live strategies start paused: resume to go live",
                        now,
                        now};
  if (failed(store_.insert_lt_strategy(row), out)) return out;
  return ok(201, to_json(row));
}

ServiceResult StrategyService::update(StrategyKind kind, const std::string& user_id,
                                      const std::string& id, const json& patch) {
  if (!patch.is_object()) return error_result({"wrong_type", "the body must be a JSON object"});
  std::lock_guard lock(write_mutex_);
  return kind == StrategyKind::ft ? update_ft(user_id, id, patch) : update_lt(user_id, id, patch);
}

ServiceResult StrategyService::update_ft(const std::string& user_id, const std::string& id,
                                         const json& patch) {
  ServiceResult out;
  auto row = store_.get_ft_strategy(user_id, id);
  if (failed(row, out)) return out;
  if (!*row) return error_result(not_found(id));
  store::FtStrategy strategy = **row;
  if (failed(apply_json(patch, strategy.params), out)) return out;
  auto valid = strategy::validate_ft_params(std::move(strategy.params));
  if (failed(valid, out)) return out;
  strategy.params = *valid;
  strategy.updated_at = clock_.now();
  if (failed(store_.update_ft_strategy(strategy), out)) return out;
  return ok(200, to_json(strategy));
}

ServiceResult StrategyService::update_lt(const std::string& user_id, const std::string& id,
                                         const json& patch) {
  ServiceResult out;
  auto row = store_.get_lt_strategy(user_id, id);
  if (failed(row, out)) return out;
  if (!*row) return error_result(not_found(id));
  store::LtStrategy strategy = **row;
  if (failed(apply_json(patch, strategy.params), out)) return out;
  auto valid = strategy::validate_lt_params(std::move(strategy.params));
  if (failed(valid, out)) return out;
  strategy.params = *valid;
  if (auto refs = check_lt_references(store_, user_id, strategy.params); refs.status != 200)
    return refs;
  if (!strategy.paused && !strategy.params.wallet_id)
    return error_result({"wallet_required",
                         "a running live strategy needs its wallet: pause it before clearing "
                         "wallet_id"});
  strategy.updated_at = clock_.now();
  if (failed(store_.update_lt_strategy(strategy, lt_changes(**row, strategy, user_id)), out))
    return out;
  return ok(200, to_json(strategy));
}

std::vector<store::RuleChange> StrategyService::lt_changes(const store::LtStrategy& before,
                                                           const store::LtStrategy& after,
                                                           const std::string& user_id) {
  json old_json = to_json(before);
  json new_json = to_json(after);
  std::vector<store::RuleChange> changes;
  const auto record = [&](std::string entity_type, const json& was, const json& now) {
    changes.push_back(store::RuleChange{core::new_id("chg", clock_), user_id, "user:" + user_id,
                                        std::move(entity_type), after.id, "update", was.dump(),
                                        now.dump(), std::nullopt, after.updated_at});
  };
  if (old_json["risk"] != new_json["risk"])
    record("risk_rules", old_json["risk"], new_json["risk"]);
  for (auto* j : {&old_json, &new_json})
    for (const char* key : {"risk", "updated_at", "created_at", "paused", "pause_reason"})
      j->erase(key);
  if (old_json != new_json) record("lt_strategy", old_json, new_json);
  return changes;
}

ServiceResult StrategyService::pause(StrategyKind kind, const std::string& user_id,
                                     const std::string& id) {
  std::lock_guard lock(write_mutex_);
  return set_paused(kind, user_id, id, true);
}

ServiceResult StrategyService::resume(StrategyKind kind, const std::string& user_id,
                                      const std::string& id) {
  std::lock_guard lock(write_mutex_);
  return set_paused(kind, user_id, id, false);
}

ServiceResult StrategyService::set_paused(StrategyKind kind, const std::string& user_id,
                                          const std::string& id, bool paused) {
  ServiceResult out;
  if (kind == StrategyKind::ft) {
    auto row = store_.get_ft_strategy(user_id, id);
    if (failed(row, out)) return out;
    if (!*row) return error_result(not_found(id));
    store::FtStrategy strategy = **row;
    if (strategy.paused == paused) return ok(200, to_json(strategy));
    strategy.paused = paused;
    strategy.updated_at = clock_.now();
    if (failed(store_.update_ft_strategy(strategy), out)) return out;
    return ok(200, to_json(strategy));
  }
  auto row = store_.get_lt_strategy(user_id, id);
  if (failed(row, out)) return out;
  if (!*row) return error_result(not_found(id));
  store::LtStrategy strategy = **row;
  if (strategy.paused == paused) return ok(200, to_json(strategy));
  if (!paused) {
    const auto& wallet_id = strategy.params.wallet_id;
    auto wallet = wallet_id ? store_.get_wallet(user_id, *wallet_id)
                            : core::Result<std::optional<store::Wallet>>(std::nullopt);
    if (failed(wallet, out)) return out;
    if (!*wallet)
      return error_result({"wallet_required",
                           "set wallet_id to one of your wallets before resuming a live strategy"});
  }
  const store::RuleChange change{
      core::new_id("chg", clock_), user_id,      "user:" + user_id, "lt_strategy", id,
      paused ? "pause" : "resume", std::nullopt, std::nullopt,      std::nullopt,  clock_.now()};
  auto stored = store_.set_lt_paused(
      user_id, id, paused, paused ? std::optional<std::string>("paused by user") : std::nullopt,
      change);
  if (failed(stored, out)) return out;
  return ok(200, to_json(*stored));
}

}  // namespace polycopy::service
