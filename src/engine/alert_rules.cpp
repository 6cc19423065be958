#include "engine/alert_rules.hpp"

#include <string>

#include <date/date.h>

#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/time_window.hpp"
#include "store/records_health.hpp"

namespace polycopy::engine {
namespace {

store::RaisedAlert raised(std::optional<std::string> user_id,
                          std::optional<std::string> lt_strategy_id, std::string severity,
                          std::string code, std::string message, std::string dedup_key,
                          const core::Clock& ids) {
  store::RaisedAlert out;
  out.user_id = std::move(user_id);
  out.lt_strategy_id = std::move(lt_strategy_id);
  out.alert = {core::new_id("alr", ids), std::move(severity), std::move(code), std::move(message),
               std::move(dedup_key)};
  return out;
}

void rejection_rule(const store::AlertFacts& facts, const AlertRuleSettings& settings,
                    const core::Clock& ids, std::vector<store::RaisedAlert>& out) {
  for (const auto& streak : facts.rejection_streaks) {
    if (streak.length < settings.rejections_in_a_row) continue;
    std::string message = std::to_string(streak.length) + " orders in a row rejected";
    if (streak.last_message) message += "; last: " + *streak.last_message;
    out.push_back(raised(
        streak.user_id, streak.lt_strategy_id, "critical", "orders_rejected", std::move(message),
        "orders_rejected:" + streak.lt_strategy_id + ":" + streak.first_order_id, ids));
  }
}

void fill_rate_rule(const store::AlertFacts& facts, const AlertRuleSettings& settings,
                    core::Timestamp now, const core::Clock& ids,
                    std::vector<store::RaisedAlert>& out) {
  // At most once a day per strategy while the rate stays low.
  const auto day = date::format("%F", date::floor<date::days>(now));
  for (const auto& sample : facts.fill_rates) {
    if (sample.ended_orders < settings.fill_rate_min_orders) continue;
    // filled / ended < floor, in integers.
    if (sample.filled_orders * 1'000'000 >= settings.fill_rate_floor_micros * sample.ended_orders)
      continue;
    const auto percent = sample.filled_orders * 100 / sample.ended_orders;
    out.push_back(raised(sample.user_id, sample.lt_strategy_id, "warning", "fill_rate_low",
                         "fill rate " + std::to_string(percent) +
                             " %: " + std::to_string(sample.filled_orders) + " of the last " +
                             std::to_string(sample.ended_orders) + " ended orders filled (floor " +
                             core::format_micros(settings.fill_rate_floor_micros * 100) + " %)",
                         "fill_rate_low:" + sample.lt_strategy_id + ":" + day, ids));
  }
}

void budget_rule(const store::AlertFacts& facts, const core::Clock& ids,
                 std::vector<store::RaisedAlert>& out) {
  for (const auto& refusals : facts.budget_refusals) {
    auto window = core::Window::day;
    std::string name = "daily";
    if (refusals.reason_code == "weekly_budget_exceeded") {
      window = core::Window::week;
      name = "weekly";
    } else if (refusals.reason_code == "monthly_budget_exceeded") {
      window = core::Window::month;
      name = "monthly";
    }
    // The window the newest refusal fell in names the episode (once per window).
    const auto start = core::window_start(window, refusals.last_refused_at, refusals.time_zone);
    if (!start) continue;  // a strategy's zone is checked when it is saved
    out.push_back(raised(refusals.user_id, refusals.lt_strategy_id, "warning", "budget_exhausted",
                         name + " budget exhausted: " + std::to_string(refusals.refusals) +
                             " signal(s) refused (" + refusals.reason_code + ")",
                         "budget_exhausted:" + refusals.lt_strategy_id + ":" +
                             refusals.reason_code + ":" + std::to_string(core::to_unix_ms(*start)),
                         ids));
  }
}

void redemption_rule(const store::AlertFacts& facts, const core::Clock& ids,
                     std::vector<store::RaisedAlert>& out) {
  for (const auto& failed : facts.failed_redemptions) {
    std::string message = "redemption " + failed.redemption_id + " of condition " +
                          failed.condition_id + " failed (attempt " +
                          std::to_string(failed.attempts) + ")";
    if (failed.last_error) message += ": " + *failed.last_error;
    message += failed.next_attempt_at ? "; tried again automatically"
                                      : "; no automatic retry left: polycopy redeem --retry-failed";
    out.push_back(raised(
        failed.user_id, failed.lt_strategy_id, failed.next_attempt_at ? "warning" : "critical",
        "redemption_failed", std::move(message),
        "redemption_failed:" + failed.redemption_id + ":" + std::to_string(failed.attempts), ids));
  }
}

constexpr std::string_view kWalletFunds = "wallet_funds:";

// A wallet's funds check failing for a shortfall (not for a venue that did not answer).
bool is_funds_shortfall(const store::FailingComponent& failing) {
  return failing.component.starts_with(kWalletFunds) &&
         failing.detail.value_or("").find(" below ") != std::string::npos;
}

// At once: orders are about to fail for want of money.
void balance_rule(const store::AlertFacts& facts, const core::Clock& ids,
                  std::vector<store::RaisedAlert>& out) {
  for (const auto& failing : facts.failing_components) {
    if (!is_funds_shortfall(failing)) continue;
    const auto wallet = failing.component.substr(kWalletFunds.size());
    out.push_back(raised(std::nullopt, std::nullopt, "critical", "balance_below_commitments",
                         "wallet " + wallet + ": " + failing.detail.value_or(""),
                         "balance_below_commitments:" + wallet + ":" + failing.first_check_id,
                         ids));
  }
}

void health_rule(const store::AlertFacts& facts, const AlertRuleSettings& settings,
                 core::Timestamp now, const core::Clock& ids,
                 std::vector<store::RaisedAlert>& out) {
  for (const auto& failing : facts.failing_components) {
    if (is_funds_shortfall(failing)) continue;  // balance_rule's
    if (now - failing.failing_since < settings.health_failing_for) continue;
    const auto minutes =
        std::chrono::duration_cast<std::chrono::minutes>(now - failing.failing_since).count();
    std::string message =
        "health check " + failing.component + " failing for " + std::to_string(minutes) + " min";
    if (failing.detail) message += ": " + *failing.detail;
    out.push_back(raised(std::nullopt, std::nullopt,
                         store::is_critical_component(failing.component) ? "critical" : "warning",
                         "health_failing", std::move(message),
                         "health_failing:" + failing.component + ":" + failing.first_check_id,
                         ids));
  }
}

}  // namespace

std::vector<store::RaisedAlert> evaluate_alert_rules(const store::AlertFacts& facts,
                                                     const AlertRuleSettings& settings,
                                                     core::Timestamp now, const core::Clock& ids) {
  std::vector<store::RaisedAlert> out;
  rejection_rule(facts, settings, ids, out);
  fill_rate_rule(facts, settings, now, ids, out);
  budget_rule(facts, ids, out);
  redemption_rule(facts, ids, out);
  balance_rule(facts, ids, out);
  health_rule(facts, settings, now, ids, out);
  return out;
}

}  // namespace polycopy::engine
