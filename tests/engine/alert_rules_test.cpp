// The alert rules over hand-made facts: each rule's threshold, severity and episode key.
#include "engine/alert_rules.hpp"

#include <gtest/gtest.h>

#include "core/ids.hpp"

namespace polycopy::engine {
namespace {

using std::chrono::minutes;

const core::Timestamp kNow = core::from_unix_ms(1'795'000'000'000);  // 2026-11-18T11:06:40Z

std::vector<store::RaisedAlert> evaluate(const store::AlertFacts& facts,
                                         AlertRuleSettings settings = {}) {
  core::ManualClock ids(kNow);
  return evaluate_alert_rules(facts, settings, kNow, ids);
}

TEST(AlertRules, RejectionsInARowFromTheThreshold) {
  store::AlertFacts facts;
  facts.rejection_streaks.push_back({"lt_a", "usr_1", 2, "ord_first", "not enough balance"});
  EXPECT_TRUE(evaluate(facts).empty());  // 2 < 3
  facts.rejection_streaks.front().length = 3;
  const auto alerts = evaluate(facts);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].alert.code, "orders_rejected");
  EXPECT_EQ(alerts[0].alert.severity, "critical");
  EXPECT_EQ(alerts[0].alert.dedup_key, "orders_rejected:lt_a:ord_first");
  EXPECT_EQ(alerts[0].user_id, "usr_1");
  EXPECT_EQ(alerts[0].lt_strategy_id, "lt_a");
  EXPECT_NE(alerts[0].alert.message.find("not enough balance"), std::string::npos);
  EXPECT_TRUE(core::is_valid_id(alerts[0].alert.id, "alr"));
}

TEST(AlertRules, FillRateBelowTheFloorOnceEnoughOrdersEnded) {
  store::AlertFacts facts;
  facts.fill_rates.push_back({"lt_a", "usr_1", 9, 0});
  EXPECT_TRUE(evaluate(facts).empty());  // 9 ended < 10
  facts.fill_rates.front() = {"lt_a", "usr_1", 20, 10};
  EXPECT_TRUE(evaluate(facts).empty());  // exactly 50 %: not below
  facts.fill_rates.front().filled_orders = 9;
  const auto alerts = evaluate(facts);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].alert.code, "fill_rate_low");
  EXPECT_EQ(alerts[0].alert.severity, "warning");
  EXPECT_EQ(alerts[0].alert.dedup_key, "fill_rate_low:lt_a:2026-11-18");  // once a day
  EXPECT_NE(alerts[0].alert.message.find("45 %"), std::string::npos) << alerts[0].alert.message;
}

TEST(AlertRules, BudgetExhaustedOncePerWindowOfTheStrategysZone) {
  store::AlertFacts facts;
  store::BudgetRefusals refusals;
  refusals.lt_strategy_id = "lt_a";
  refusals.user_id = "usr_1";
  refusals.time_zone = "America/New_York";
  refusals.reason_code = "daily_budget_exceeded";
  refusals.refusals = 4;
  refusals.last_refused_at = kNow;  // 06:06 in New York: the day began at 05:00 UTC
  facts.budget_refusals.push_back(refusals);
  const auto alerts = evaluate(facts);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].alert.code, "budget_exhausted");
  const auto day_start = core::from_unix_ms(1'794'978'000'000);  // 2026-11-18T05:00:00Z
  EXPECT_EQ(alerts[0].alert.dedup_key, "budget_exhausted:lt_a:daily_budget_exceeded:" +
                                           std::to_string(core::to_unix_ms(day_start)));
  // The weekly budget names its week (Monday 2026-11-16 in New York).
  facts.budget_refusals.front().reason_code = "weekly_budget_exceeded";
  const auto weekly = evaluate(facts);
  ASSERT_EQ(weekly.size(), 1u);
  EXPECT_EQ(weekly[0].alert.dedup_key,
            "budget_exhausted:lt_a:weekly_budget_exceeded:" +
                std::to_string(core::to_unix_ms(day_start - std::chrono::hours(48))));
}

TEST(AlertRules, RedemptionFailedIsCriticalWhenNoRetryIsLeft) {
  store::AlertFacts facts;
  store::FailedRedemption failed;
  failed.redemption_id = "rdm_1";
  failed.lt_strategy_id = "lt_a";
  failed.user_id = "usr_1";
  failed.condition_id = "0xcond";
  failed.attempts = 1;
  failed.last_error = "execution reverted";
  failed.next_attempt_at = kNow + std::chrono::hours(1);
  facts.failed_redemptions.push_back(failed);
  auto alerts = evaluate(facts);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].alert.severity, "warning");
  EXPECT_EQ(alerts[0].alert.dedup_key, "redemption_failed:rdm_1:1");  // once per attempt
  facts.failed_redemptions.front().attempts = 3;
  facts.failed_redemptions.front().next_attempt_at.reset();
  alerts = evaluate(facts);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].alert.severity, "critical");
  EXPECT_EQ(alerts[0].alert.dedup_key, "redemption_failed:rdm_1:3");
  EXPECT_NE(alerts[0].alert.message.find("--retry-failed"), std::string::npos);
}

TEST(AlertRules, HealthFailingForNMinutesIsASystemAlert) {
  store::AlertFacts facts;
  facts.failing_components.push_back(
      {"venue_rest", "hck_first", kNow - minutes(4), std::string("connection refused")});
  facts.failing_components.push_back({"clock_skew", "hck_skew", kNow - minutes(10), {}});
  const auto alerts = evaluate(facts);  // venue_rest: 4 < 5 minutes
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].alert.code, "health_failing");
  EXPECT_EQ(alerts[0].alert.severity, "warning");  // clock_skew is not critical
  EXPECT_EQ(alerts[0].alert.dedup_key, "health_failing:clock_skew:hck_skew");
  EXPECT_FALSE(alerts[0].user_id.has_value());
  AlertRuleSettings quick;
  quick.health_failing_for = minutes(3);
  const auto both = evaluate(facts, quick);
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0].alert.severity, "critical");  // venue_rest is
  EXPECT_NE(both[0].alert.message.find("connection refused"), std::string::npos);
}

TEST(AlertRules, BalanceBelowCommitmentsAlertsAtOnceOtherFundsFailuresWait) {
  store::AlertFacts facts;
  facts.failing_components.push_back(
      {"wallet_funds:wal_1", "hck_low", kNow,
       std::string("balance 12.5 USD below open commitments 40 USD")});
  facts.failing_components.push_back(
      {"wallet_funds:wal_2", "hck_down", kNow, std::string("venue_unreachable: connect failed")});
  auto alerts = evaluate(facts);
  ASSERT_EQ(alerts.size(), 1u);  // wal_2's failure is a health problem: it waits 5 minutes
  EXPECT_EQ(alerts[0].alert.code, "balance_below_commitments");
  EXPECT_EQ(alerts[0].alert.severity, "critical");
  EXPECT_EQ(alerts[0].alert.dedup_key, "balance_below_commitments:wal_1:hck_low");
  EXPECT_NE(alerts[0].alert.message.find("wal_1"), std::string::npos);
  facts.failing_components[1].failing_since = kNow - minutes(5);
  alerts = evaluate(facts);
  ASSERT_EQ(alerts.size(), 2u);
  EXPECT_EQ(alerts[1].alert.code, "health_failing");
  EXPECT_EQ(alerts[1].alert.dedup_key, "health_failing:wallet_funds:wal_2:hck_down");
}

}  // namespace
}  // namespace polycopy::engine
