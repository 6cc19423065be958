#include "service/risk_service.hpp"

#include <algorithm>
#include <charconv>

#include "core/time_window.hpp"
#include "risk/breaker.hpp"
#include "risk/risk_manager.hpp"
#include "risk/transitions.hpp"
#include "service/ft_report_service.hpp"
#include "service/json_values.hpp"
#include "service/strategy_json.hpp"
#include "service/time_format.hpp"

namespace polycopy::service {
namespace {

using core::Error;
using core::Usd;
using nlohmann::json;

ServiceResult not_found(const std::string& id) {
  return error_result(Error{"strategy_not_found", "no strategy with id " + id});
}

// A stored JSON text as JSON; text that does not parse is shown as it is.
json stored_json(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  json parsed = json::parse(*text, nullptr, /*allow_exceptions=*/false);
  return parsed.is_discarded() ? json(*text) : parsed;
}

// One budget window: its bounds, its figures and what its limit leaves. Remaining never
// goes below zero (a fill above its limit price can overspend a window).
json window_json(core::Window window, core::Timestamp start, const std::string& time_zone,
                 Usd spent, Usd reserved, const std::optional<Usd>& limit) {
  const auto end = core::window_end(window, start, time_zone);
  const Usd used = spent + reserved;
  json remaining = nullptr;
  if (limit) remaining = std::max(*limit - used, Usd{}).to_string();
  return {
      {"start", format_iso8601(start)},   {"end", end ? json(format_iso8601(*end)) : json(nullptr)},
      {"spent", spent.to_string()},       {"reserved", reserved.to_string()},
      {"used", used.to_string()},         {"limit", decimal_or_null(limit)},
      {"remaining", std::move(remaining)}};
}

json change_json(const store::RuleChange& change) {
  return {{"id", change.id},
          {"actor", change.actor},
          {"entity_type", change.entity_type},
          {"action", change.action},
          {"before", stored_json(change.before_json)},
          {"after", stored_json(change.after_json)},
          {"reason", text_or_null(change.reason)},
          {"changed_at", format_iso8601(change.changed_at)}};
}

// The "resume" flag of a reset body: an object holding at most a boolean "resume".
core::Result<bool> resume_flag(const json& body) {
  if (body.is_null()) return true;
  if (!body.is_object()) return Error{"wrong_type", "the body must be a JSON object"};
  bool resume = true;
  for (const auto& [key, value] : body.items()) {
    if (key != "resume") return Error{"unknown_field", "unknown field " + key + " (takes resume)"};
    if (!value.is_boolean()) return Error{"wrong_type", "resume must be true or false"};
    resume = value.get<bool>();
  }
  return resume;
}

}  // namespace

core::Result<std::int64_t> parse_changes_limit(const std::optional<std::string>& limit) {
  if (!limit) return kDefaultChangesLimit;
  const std::string& text = *limit;
  std::int64_t value = 0;
  const bool digits_only = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return c >= '0' && c <= '9';
  });
  const auto parsed = std::from_chars(text.data(), text.data() + text.size(), value);
  if (!digits_only || parsed.ec != std::errc() || value < 1 || value > kMaxChangesLimit)
    return Error{"invalid_query", "limit must be an integer from 1 to " +
                                      std::to_string(kMaxChangesLimit) + ", got \"" + text + "\""};
  return value;
}

json risk_state_json(const store::RiskSnapshot& snapshot) {
  const store::LtStrategy& strategy = snapshot.strategy;
  const store::RiskRules& rules = strategy.params.risk;
  const std::string& zone = strategy.params.time_zone;
  const store::RiskState s = risk::current_state(snapshot);
  const json windows{
      {"day", window_json(core::Window::day, s.day_window_start, zone, s.day_spent, s.day_reserved,
                          rules.daily_budget_usd)},
      {"week", window_json(core::Window::week, s.week_window_start, zone, s.week_spent,
                           s.week_reserved, rules.weekly_budget_usd)},
      {"month", window_json(core::Window::month, s.month_window_start, zone, s.month_spent,
                            s.month_reserved, rules.monthly_budget_usd)},
  };
  const json breaker{
      {"state", s.breaker_open ? "open" : "closed"},
      {"reason", text_or_null(s.breaker_reason)},
      {"tripped_at",
       s.breaker_tripped_at ? json(format_iso8601(*s.breaker_tripped_at)) : json(nullptr)}};
  const auto drawdown = core::Ratio::from_micros(risk::drawdown_micros(s.equity, s.peak_equity));
  return {{"lt_strategy_id", strategy.id},
          {"as_of", format_iso8601(snapshot.now)},
          {"time_zone", zone},
          {"paused", strategy.paused},
          {"pause_reason", text_or_null(strategy.pause_reason)},
          {"windows", windows},
          {"reserved", s.reserved.to_string()},
          {"exposure", s.exposure.to_string()},
          {"exposure_with_reserved", (s.exposure + s.reserved).to_string()},
          {"max_total_exposure", decimal_or_null(rules.max_total_exposure_usd)},
          {"open_positions", snapshot.open_positions},
          {"max_open_positions", count_or_null(rules.max_open_positions)},
          {"realised_pnl", s.realised_pnl.to_string()},
          {"equity", s.equity.to_string()},
          {"peak_equity", s.peak_equity.to_string()},
          {"drawdown", drawdown.to_string()},
          {"max_drawdown_pct", decimal_or_null(rules.max_drawdown_pct)},
          {"consecutive_losses", s.consecutive_losses},
          {"consecutive_loss_limit", count_or_null(rules.consecutive_loss_limit)},
          {"breaker", breaker}};
}

RiskService::RiskService(store::Store& store, const core::Clock& clock, StrategyService& strategies)
    : store_(store), clock_(clock), strategies_(strategies) {}

ServiceResult RiskService::rules(const std::string& user_id, const std::string& id) {
  auto row = store_.get_lt_strategy(user_id, id);
  if (!row) return error_result(row.error());
  if (!*row) return not_found(id);
  return {200, {{"lt_strategy_id", id}, {"risk", to_json(**row).at("risk")}}};
}

ServiceResult RiskService::update_rules(const std::string& user_id, const std::string& id,
                                        const json& patch) {
  if (!patch.is_object())
    return error_result({"wrong_type", "the body must be a JSON object of risk fields"});
  ServiceResult updated = strategies_.update(StrategyKind::lt, user_id, id, {{"risk", patch}});
  if (updated.status != 200) return updated;
  return {200, {{"lt_strategy_id", id}, {"risk", updated.body.at("risk")}}};
}

ServiceResult RiskService::state(const std::string& user_id, const std::string& id) {
  auto snapshot = store_.get_risk_snapshot(user_id, id, clock_.now());
  if (!snapshot) return error_result(snapshot.error());
  if (!*snapshot) return not_found(id);
  return {200, risk_state_json(**snapshot)};
}

ServiceResult RiskService::reset_breaker(const std::string& user_id, const std::string& id,
                                         const json& body) {
  const auto resume = resume_flag(body);
  if (!resume) return error_result(resume.error());
  auto snapshot = store_.get_risk_snapshot(user_id, id, clock_.now());
  if (!snapshot) return error_result(snapshot.error());
  if (!*snapshot) return not_found(id);
  const Error not_open{"breaker_not_open", "the circuit breaker of " + id + " is not open"};
  if (!(*snapshot)->state.breaker_open) return error_result(not_open);

  // Resuming needs a wallet, as a plain resume does: check before anything changes.
  if (*resume) {
    const auto& wallet_id = (*snapshot)->strategy.params.wallet_id;
    if (!wallet_id)
      return error_result(
          {"wallet_required", "set wallet_id before resuming, or reset with resume false"});
    auto wallet = store_.get_wallet(user_id, *wallet_id);
    if (!wallet) return error_result(wallet.error());
    if (!*wallet)
      return error_result({"wallet_required", "wallet_id names no wallet of yours: " + *wallet_id});
  }

  risk::RiskManager manager(store_, clock_);
  auto decision =
      manager.reset_breaker(id, risk::ResetBreakerEvent{"user:" + user_id, user_id, *resume, ""});
  if (!decision) return error_result(decision.error());
  if (decision->no_op) return error_result(not_open);  // closed by someone else meanwhile

  ServiceResult answer = state(user_id, id);
  if (answer.status != 200) return answer;
  auto stored = store_.get_lt_strategy(user_id, id);
  if (!stored) return error_result(stored.error());
  if (!*stored) return not_found(id);
  answer.body["strategy"] = to_json(**stored);
  return answer;
}

ServiceResult RiskService::changes(const std::string& user_id, const std::string& id,
                                   const std::optional<std::string>& limit) {
  const auto count = parse_changes_limit(limit);
  if (!count) return invalid_query_result(count.error());
  auto row = store_.get_lt_strategy(user_id, id);
  if (!row) return error_result(row.error());
  if (!*row) return not_found(id);
  auto rows = store_.list_rule_changes(user_id, id, *count);
  if (!rows) return error_result(rows.error());
  json items = json::array();
  for (const auto& change : *rows) items.push_back(change_json(change));
  return {200, {{"changes", std::move(items)}}};
}

}  // namespace polycopy::service
