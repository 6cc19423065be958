// The circuit breaker: consecutive losses and drawdown trip it on reaching their limits; a
// trip pauses the strategy, records why, raises an alert, and only a reset closes it.
#include <gtest/gtest.h>

#include "risk/breaker.hpp"
#include "risk/reason_codes.hpp"
#include "risk/risk_fixture.hpp"
#include "strategy/params_validation.hpp"

namespace polycopy::risk::testing {
namespace {

using core::Usd;

OrderRequest costing(const std::string& condition, std::int64_t usd_micros) {
  OrderRequest request = order(condition, 500'000, 1);
  request.size = core::Shares::from_micros(usd_micros * 2);  // at 0.50 a share
  return request;
}

ResetBreakerEvent by_alice(bool resume = true) {
  ResetBreakerEvent event;
  event.actor = "user:usr_a";
  event.user_id = kUser;
  event.resume = resume;
  return event;
}

class Breaker : public RiskTest {
 protected:
  void lose(const std::string& condition, std::int64_t usd_micros) {
    round_trip(costing(condition, usd_micros), 0);
  }
  void win(const std::string& condition, std::int64_t usd_micros) {
    round_trip(costing(condition, usd_micros), 1'000'000);  // pays twice the cost
  }
};

TEST_F(Breaker, ConsecutiveLossesTripOnReachingTheLimit) {
  set_rules([](auto& r) { r.consecutive_loss_limit = 3; });
  lose("0xc1", 1'000'000);
  lose("0xc2", 1'000'000);
  EXPECT_FALSE(state().breaker_open);
  EXPECT_FALSE(strategy().paused);
  lose("0xc3", 1'000'000);
  const auto s = state();
  ASSERT_TRUE(s.breaker_open);
  EXPECT_NE(s.breaker_reason->find("3 losses in a row"), std::string::npos);
  EXPECT_EQ(s.breaker_tripped_at, clock_.now());
  const auto lt = strategy();
  EXPECT_TRUE(lt.paused);
  EXPECT_NE(lt.pause_reason->find("circuit breaker"), std::string::npos);
  const auto alerts = store_->list_open_alerts(kUser).value();
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].code, "circuit_breaker_open");
  EXPECT_EQ(alerts[0].severity, "critical");
  const auto changes = store_->list_rule_changes(kUser, kStrategy, 10).value();
  ASSERT_FALSE(changes.empty());
  EXPECT_EQ(changes[0].action, "breaker_trip");
  EXPECT_EQ(changes[0].actor, "risk_manager");
}

TEST_F(Breaker, AnOpenBreakerRefusesOrdersAndResumesUntilReset) {
  set_rules([](auto& r) { r.consecutive_loss_limit = 1; });
  // A position opened before the trip resolves as a win after it: the breaker stays open.
  const auto earlier = reserve(order("0xc9", 500'000, 2));
  ASSERT_TRUE(risk_->record_fill(kStrategy, fill(earlier, "t9", 2, 500'000, true)).ok());
  lose("0xc1", 1'000'000);
  EXPECT_EQ(refusal_of(order("0xc2", 500'000, 2)), reason::circuit_breaker_open);
  ASSERT_TRUE(
      risk_->record_resolution(kStrategy, ResolveEvent{earlier, price(1'000'000), {}, "", ""})
          .ok());
  EXPECT_TRUE(state().breaker_open);
  EXPECT_EQ(state().consecutive_losses, 0);
  const store::RuleChange resume{"chg_r", kUser, "user:usr_a", "lt_strategy", kStrategy, "resume",
                                 {},      {},    {},           clock_.now()};
  const auto refused = store_->set_lt_paused(kUser, kStrategy, false, std::nullopt, resume);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "circuit_breaker_open");
  EXPECT_TRUE(strategy().paused);

  clock_.advance(std::chrono::minutes(5));
  const auto reset = risk_->reset_breaker(kStrategy, by_alice());
  ASSERT_TRUE(reset.ok()) << reset.error().to_string();
  const auto s = state();
  EXPECT_FALSE(s.breaker_open);
  EXPECT_FALSE(s.breaker_reason);
  EXPECT_EQ(s.consecutive_losses, 0);
  EXPECT_EQ(s.peak_equity, s.equity);
  EXPECT_FALSE(strategy().paused);
  EXPECT_EQ(refusal_of(order("0xc2", 500'000, 2)), "");
  const auto again = risk_->reset_breaker(kStrategy, by_alice());
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->no_op);
  const auto changes = store_->list_rule_changes(kUser, kStrategy, 10).value();
  ASSERT_GE(changes.size(), 2u);
  EXPECT_EQ(changes[0].action, "reset_breaker");
  EXPECT_EQ(changes[0].actor, "user:usr_a");
  EXPECT_TRUE(changes[0].before_json);
}

TEST_F(Breaker, ResetCanLeaveTheStrategyPaused) {
  set_rules([](auto& r) { r.consecutive_loss_limit = 1; });
  lose("0xc1", 1'000'000);
  ASSERT_TRUE(risk_->reset_breaker(kStrategy, by_alice(false)).ok());
  EXPECT_FALSE(state().breaker_open);
  EXPECT_TRUE(strategy().paused);
  EXPECT_EQ(refusal_of(order("0xc2", 500'000, 2)), reason::strategy_paused);
}

TEST_F(Breaker, AHaltPausesAlertsAndAuditsButMovesNoMoney) {
  const auto live = reserve(order("0xc1", 500'000, 10));
  ASSERT_TRUE(risk_->record_fill(kStrategy, fill(live, "t1", 4, 500'000, false)).ok());
  const auto before = state();
  HaltEvent halt;
  halt.code = "fill_failed";
  halt.reason = "the venue reports trade t1 FAILED";
  halt.dedup_key = "fill_failed:t1";
  ASSERT_TRUE(risk_->halt(kStrategy, halt).ok());
  const auto lt = strategy();
  EXPECT_TRUE(lt.paused);
  EXPECT_EQ(lt.pause_reason, halt.reason);
  const auto after = state();
  EXPECT_EQ(after.reserved, before.reserved);
  EXPECT_EQ(after.exposure, before.exposure);
  EXPECT_EQ(after.day_spent, before.day_spent);
  EXPECT_EQ(after.equity, before.equity);
  EXPECT_FALSE(after.breaker_open);
  EXPECT_EQ(snapshot().open_positions, 1);
  const auto alerts = store_->list_open_alerts(kUser).value();
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].code, "fill_failed");
  EXPECT_EQ(alerts[0].severity, "critical");
  EXPECT_NE(alerts[0].message.find(halt.reason), std::string::npos);
  const auto changes = store_->list_rule_changes(kUser, kStrategy, 10).value();
  ASSERT_FALSE(changes.empty());
  EXPECT_EQ(changes[0].action, "pause");
  EXPECT_EQ(changes[0].actor, "risk_manager");
  EXPECT_EQ(refusal_of(order("0xc2", 500'000, 2)), reason::strategy_paused);
  // The same halt again is one alert (deduplicated), and the strategy stays paused.
  ASSERT_TRUE(risk_->halt(kStrategy, halt).ok());
  EXPECT_EQ(store_->list_open_alerts(kUser).value().size(), 1u);
  EXPECT_EQ(risk_->halt("lt_none", halt).error().code, "not_found");
}

TEST_F(Breaker, DrawdownTripsOnReachingTheLimitNotBefore) {
  set_rules([](auto& r) { r.max_drawdown_pct = core::Ratio::from_micros(100'000); });  // 10 %
  lose("0xc1", 99'990'000);  // equity 900.01: 9.999 %
  EXPECT_FALSE(state().breaker_open);
  lose("0xc2", 10'000);  // equity 900.00: 10 %
  const auto s = state();
  EXPECT_EQ(s.equity, Usd::from_micros(900'000'000));
  EXPECT_TRUE(s.breaker_open);
  EXPECT_NE(s.breaker_reason->find("max_drawdown_pct"), std::string::npos);
}

TEST_F(Breaker, DrawdownIsMeasuredFromThePeak) {
  set_rules([](auto& r) { r.max_drawdown_pct = core::Ratio::from_micros(100'000); });
  win("0xc1", 100'000'000);  // equity and peak 1100
  EXPECT_EQ(state().peak_equity, Usd::from_micros(1'100'000'000));
  lose("0xc2", 109'990'000);  // 990.01: 9.999 % of 1100
  EXPECT_FALSE(state().breaker_open);
  lose("0xc3", 10'000);  // 990: 10 %
  EXPECT_TRUE(state().breaker_open);
}

TEST(Drawdown, ExactAndRoundedDown) {
  const auto u = [](std::int64_t m) { return Usd::from_micros(m); };
  EXPECT_EQ(drawdown_micros(u(1'000), u(1'000)), 0);
  EXPECT_EQ(drawdown_micros(u(2'000), u(1'000)), 0);
  EXPECT_EQ(drawdown_micros(u(900), u(1'000)), 100'000);
  EXPECT_EQ(drawdown_micros(u(2), u(3)), 333'333);  // 1/3 rounded down
  EXPECT_EQ(drawdown_micros(u(-5), u(0)), 1'000'000);
}

TEST(BreakerRules, LimitsThatTripOnAnyResolutionAreRefused) {
  store::RiskRules rules;
  rules.consecutive_loss_limit = 0;
  EXPECT_EQ(strategy::validate_risk_rules(rules).error().code, "risk_limit_invalid");
  rules.consecutive_loss_limit = 1;
  EXPECT_TRUE(strategy::validate_risk_rules(rules).ok());
  rules.max_drawdown_pct = core::Ratio{};
  EXPECT_EQ(strategy::validate_risk_rules(rules).error().code, "percentage_invalid");
}

}  // namespace
}  // namespace polycopy::risk::testing
