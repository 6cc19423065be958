// Alerts on a real SQLite file: raised once per dedup key (acknowledged or not), listed for
// their owner with the system's (state filter, limit, newest first), found and acknowledged
// (owner-scoped, idempotent); their deliveries queued per route and severity, due critical
// first, retried, sent or failed, and counted per channel; and the facts the alert rules read
// (rejection streaks, fill rates, budget refusals, failed redemptions, failing components).
#include <gtest/gtest.h>

#include <algorithm>

#include "store/alert_seed.hpp"

namespace polycopy::store::testing {
namespace {

std::vector<std::string> ids_of(const std::vector<AlertRecord>& alerts) {
  std::vector<std::string> ids;
  for (const auto& a : alerts) ids.push_back(a.id);
  return ids;
}

class AlertsStore : public AlertSeedTest {
 protected:
  std::vector<AlertRecord> list(const std::string& user, AlertListState state,
                                std::int64_t limit = 100) {
    AlertListQuery q;
    q.state = state;
    q.limit = limit;
    auto listed = store_->list_alerts(user, q);
    if (!listed) ADD_FAILURE() << listed.error().to_string();
    return listed ? *listed : std::vector<AlertRecord>{};
  }
  std::int64_t raise(const std::vector<RaisedAlert>& alerts, std::int64_t at) {
    auto done = store_->raise_alerts_once(alerts, at_ms(at));
    if (!done) ADD_FAILURE() << done.error().to_string();
    return done ? *done : -1;
  }
  AlertDelivery delivery(const std::string& alert_id, const std::string& channel) {
    const auto deliveries = store_->list_alert_deliveries(alert_id).value();
    for (const auto& d : deliveries)
      if (d.channel == channel) return d;
    ADD_FAILURE() << "no " << channel << " delivery of " << alert_id;
    return {};
  }
};

TEST_F(AlertsStore, RaiseOnceInsertsOncePerDedupKeyEvenAfterAcknowledgement) {
  auto a = raised("alr_a", "usr_a", "warning", "k_a");
  a.lt_strategy_id = "lt_a";
  // The second alert of the batch repeats the first one's key: only the first is inserted.
  EXPECT_EQ(raise({a, raised("alr_sys", std::nullopt, "critical", "k_sys"),
                   raised("alr_b", "usr_b", "info", "k_b"),
                   raised("alr_a_again", "usr_a", "critical", "k_a")},
                  1'000),
            3);
  const auto stored = store_->find_alert("usr_a", "alr_a").value();
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->user_id, "usr_a");
  EXPECT_EQ(stored->lt_strategy_id, "lt_a");
  EXPECT_EQ(stored->severity, "warning");
  EXPECT_EQ(stored->code, "code_alr_a");
  EXPECT_EQ(stored->message, "message of alr_a");
  EXPECT_EQ(stored->dedup_key, "k_a");
  EXPECT_EQ(stored->occurrences, 1);
  EXPECT_EQ(stored->created_at, at_ms(1'000));
  EXPECT_EQ(stored->last_seen_at, at_ms(1'000));
  EXPECT_FALSE(stored->acknowledged_at);
  EXPECT_FALSE(store_->find_alert("usr_a", "alr_a_again").value());

  // Raised again while open: nothing new, and the open one is not bumped either.
  EXPECT_EQ(raise({raised("alr_a2", "usr_a", "warning", "k_a")}, 2'000), 0);
  const auto same = store_->find_alert("usr_a", "alr_a").value().value();
  EXPECT_EQ(same.occurrences, 1);
  EXPECT_EQ(same.last_seen_at, at_ms(1'000));

  // Acknowledged: the episode is over, its key still is not raised again.
  ASSERT_TRUE(store_->acknowledge_alert("usr_a", "alr_a", at_ms(3'000)).ok());
  EXPECT_EQ(raise({raised("alr_a3", "usr_a", "warning", "k_a")}, 4'000), 0);
  EXPECT_FALSE(store_->find_alert("usr_a", "alr_a3").value());
  EXPECT_EQ(ids_of(list("usr_a", AlertListState::open)), std::vector<std::string>{"alr_sys"});

  // A new key is a new episode.
  EXPECT_EQ(raise({raised("alr_a4", "usr_a", "warning", "k_a_next"),
                   raised("alr_b2", "usr_b", "info", "k_b")},
                  5'000),
            1);
  EXPECT_TRUE(store_->find_alert("usr_a", "alr_a4").value());
  EXPECT_EQ(raise({}, 6'000), 0);
}

TEST_F(AlertsStore, ListShowsTheUsersAndSystemAlertsNewestFirstByStateAndLimit) {
  ASSERT_EQ(raise({raised("alr_1", "usr_a", "info", "k1")}, 1'000), 1);
  ASSERT_EQ(raise({raised("alr_2", std::nullopt, "critical", "k2")}, 2'000), 1);
  ASSERT_EQ(raise({raised("alr_3", "usr_b", "warning", "k3")}, 3'000), 1);
  ASSERT_EQ(raise({raised("alr_4", "usr_a", "warning", "k4")}, 4'000), 1);
  ASSERT_EQ(raise({raised("alr_5", "usr_a", "critical", "k5")}, 5'000), 1);
  ASSERT_TRUE(store_->acknowledge_alert("usr_a", "alr_4", at_ms(6'000)).ok());

  EXPECT_EQ(ids_of(list("usr_a", AlertListState::open)),
            (std::vector<std::string>{"alr_5", "alr_2", "alr_1"}));
  EXPECT_EQ(ids_of(list("usr_a", AlertListState::acknowledged)),
            (std::vector<std::string>{"alr_4"}));
  EXPECT_EQ(ids_of(list("usr_a", AlertListState::all)),
            (std::vector<std::string>{"alr_5", "alr_4", "alr_2", "alr_1"}));
  EXPECT_EQ(ids_of(list("usr_a", AlertListState::all, 2)),
            (std::vector<std::string>{"alr_5", "alr_4"}));
  EXPECT_EQ(ids_of(list("usr_b", AlertListState::all)),
            (std::vector<std::string>{"alr_3", "alr_2"}));
  EXPECT_EQ(ids_of(list("usr_nobody", AlertListState::all)), (std::vector<std::string>{"alr_2"}));
  const auto open = list("usr_a", AlertListState::open);
  ASSERT_EQ(open.size(), 3u);
  EXPECT_FALSE(open[1].user_id);  // the system alert has no owner
}

TEST_F(AlertsStore, FindAndAcknowledgeAreScopedAndIdempotent) {
  ASSERT_EQ(raise({raised("alr_a", "usr_a", "warning", "ka"),
                   raised("alr_sys", std::nullopt, "critical", "ksys")},
                  1'000),
            2);
  EXPECT_FALSE(store_->find_alert("usr_b", "alr_a").value());
  EXPECT_TRUE(store_->find_alert("usr_b", "alr_sys").value());
  EXPECT_FALSE(store_->find_alert("usr_a", "alr_none").value());

  const auto refused = store_->acknowledge_alert("usr_b", "alr_a", at_ms(2'000));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "not_found");
  EXPECT_EQ(store_->acknowledge_alert("usr_a", "alr_none", at_ms(2'000)).error().code, "not_found");
  EXPECT_FALSE(store_->find_alert("usr_a", "alr_a").value()->acknowledged_at);

  const auto acked = store_->acknowledge_alert("usr_a", "alr_a", at_ms(2'000));
  ASSERT_TRUE(acked.ok()) << acked.error().to_string();
  EXPECT_EQ(acked->id, "alr_a");
  EXPECT_EQ(acked->acknowledged_at, at_ms(2'000));
  const auto again = store_->acknowledge_alert("usr_a", "alr_a", at_ms(9'000));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->acknowledged_at, at_ms(2'000));
  EXPECT_EQ(store_->find_alert("usr_a", "alr_a").value()->acknowledged_at, at_ms(2'000));

  // A clock behind the alert's own time: acknowledged at its last sighting, never before it.
  const auto behind = store_->acknowledge_alert("usr_b", "alr_sys", at_ms(500));
  ASSERT_TRUE(behind.ok()) << behind.error().to_string();
  EXPECT_EQ(behind->acknowledged_at, at_ms(1'000));
}

class AlertDeliveries : public AlertsStore {
 protected:
  void SetUp() override {
    AlertsStore::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_EQ(raise({raised("alr_old", "usr_a", "critical", "k_old")}, 500), 1);
    ASSERT_EQ(raise({raised("alr_info", "usr_a", "info", "k_info")}, 1'000), 1);
    ASSERT_EQ(raise({raised("alr_warn", std::nullopt, "warning", "k_warn")}, 2'000), 1);
    ASSERT_EQ(raise({raised("alr_crit", "usr_b", "critical", "k_crit")}, 3'000), 1);
  }
  std::int64_t enqueue() {
    auto added = store_->enqueue_alert_deliveries(
        {{"webhook", "info"}, {"slack", "warning"}, {"telegram", "critical"}}, at_ms(1'000),
        at_ms(4'000));
    if (!added) ADD_FAILURE() << added.error().to_string();
    return added ? *added : -1;
  }
  std::vector<std::pair<std::string, std::string>> due(std::int64_t now, std::int64_t limit = 100) {
    std::vector<std::pair<std::string, std::string>> out;
    const auto listed = store_->list_due_alert_deliveries(at_ms(now), limit).value();
    for (const auto& d : listed) {
      EXPECT_EQ(d.delivery.alert_id, d.alert.id);
      out.emplace_back(d.alert.id, d.delivery.channel);
    }
    return out;
  }
};

TEST_F(AlertDeliveries, EnqueueFollowsEachRoutesMinimumSeverityOnceSinceTheGivenTime) {
  EXPECT_EQ(enqueue(), 6);  // webhook 3, slack 2, telegram 1; the old alert is before `since`
  EXPECT_EQ(enqueue(), 0);

  const auto crit = store_->list_alert_deliveries("alr_crit").value();
  ASSERT_EQ(crit.size(), 3u);
  EXPECT_EQ(crit[0].channel, "slack");
  EXPECT_EQ(crit[1].channel, "telegram");
  EXPECT_EQ(crit[2].channel, "webhook");
  for (const auto& d : crit) {
    EXPECT_EQ(d.alert_id, "alr_crit");
    EXPECT_EQ(d.state, "pending");
    EXPECT_EQ(d.attempts, 0);
    EXPECT_EQ(d.next_attempt_at, at_ms(4'000));
    EXPECT_EQ(d.created_at, at_ms(4'000));
    EXPECT_FALSE(d.sent_at);
    EXPECT_FALSE(d.last_error);
    EXPECT_EQ(d.id.rfind("dlv_", 0), 0u) << d.id;
  }
  const auto warn = store_->list_alert_deliveries("alr_warn").value();
  ASSERT_EQ(warn.size(), 2u);
  EXPECT_EQ(warn[0].channel, "slack");
  EXPECT_EQ(warn[1].channel, "webhook");
  const auto info = store_->list_alert_deliveries("alr_info").value();
  ASSERT_EQ(info.size(), 1u);
  EXPECT_EQ(info[0].channel, "webhook");
  EXPECT_TRUE(store_->list_alert_deliveries("alr_old").value().empty());

  // A route added later picks up the alerts it has not delivered yet.
  EXPECT_EQ(
      store_->enqueue_alert_deliveries({{"email", "warning"}}, at_ms(0), at_ms(5'000)).value(),
      3);  // old, warn and crit
  EXPECT_EQ(store_->list_alert_deliveries("alr_old").value().size(), 1u);
}

TEST_F(AlertDeliveries, DueDeliveriesComeCriticalFirstWhenTheirTimeHasCome) {
  ASSERT_EQ(enqueue(), 6);
  EXPECT_TRUE(due(3'999).empty());
  const auto all = due(4'000);
  ASSERT_EQ(all.size(), 6u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(all[i].first, "alr_crit") << i;
  EXPECT_EQ(all[3].first, "alr_warn");
  EXPECT_EQ(all[4].first, "alr_warn");
  EXPECT_EQ(all[5], (std::pair<std::string, std::string>{"alr_info", "webhook"}));
  const auto two = due(4'000, 2);
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0].first, "alr_crit");
  EXPECT_EQ(two[1].first, "alr_crit");

  // A retry waits for its time; the alert comes along with the delivery.
  const auto slack = delivery("alr_crit", "slack");
  ASSERT_TRUE(store_
                  ->record_alert_delivery(
                      slack.id, DeliveryResult{DeliveryOutcome::retry, "timeout", at_ms(10'000)},
                      at_ms(4'500))
                  .ok());
  const auto later = due(5'000);
  EXPECT_EQ(later.size(), 5u);
  EXPECT_EQ(std::count(later.begin(), later.end(),
                       std::pair<std::string, std::string>{"alr_crit", "slack"}),
            0);
  const auto back = due(10'000);
  ASSERT_EQ(back.size(), 6u);
  const auto full = store_->list_due_alert_deliveries(at_ms(10'000), 1).value();
  ASSERT_EQ(full.size(), 1u);
  EXPECT_EQ(full[0].alert.severity, "critical");
  EXPECT_EQ(full[0].alert.user_id, "usr_b");
  EXPECT_EQ(full[0].delivery.state, "pending");
}

TEST_F(AlertDeliveries, OutcomesMoveAPendingDeliveryOnlyAndSentOnesAreCounted) {
  ASSERT_EQ(enqueue(), 6);
  const auto slack = delivery("alr_crit", "slack");

  // A retry needs its time: refused, and nothing changes.
  const auto no_time = store_->record_alert_delivery(
      slack.id, {DeliveryOutcome::retry, "timeout", std::nullopt}, at_ms(4'100));
  ASSERT_FALSE(no_time.ok());
  EXPECT_EQ(no_time.error().code, "invalid_argument");
  EXPECT_EQ(delivery("alr_crit", "slack").attempts, 0);

  ASSERT_TRUE(store_
                  ->record_alert_delivery(
                      slack.id, {DeliveryOutcome::retry, "HTTP 503", at_ms(8'000)}, at_ms(4'200))
                  .ok());
  auto retried = delivery("alr_crit", "slack");
  EXPECT_EQ(retried.state, "pending");
  EXPECT_EQ(retried.attempts, 1);
  EXPECT_EQ(retried.next_attempt_at, at_ms(8'000));
  EXPECT_EQ(retried.last_error, "HTTP 503");
  EXPECT_FALSE(retried.sent_at);

  ASSERT_TRUE(
      store_
          ->record_alert_delivery(slack.id, {DeliveryOutcome::sent, std::nullopt, {}}, at_ms(8'100))
          .ok());
  const auto sent = delivery("alr_crit", "slack");
  EXPECT_EQ(sent.state, "sent");
  EXPECT_EQ(sent.attempts, 2);
  EXPECT_EQ(sent.sent_at, at_ms(8'100));
  EXPECT_FALSE(sent.last_error);
  const auto again = store_->record_alert_delivery(
      slack.id, {DeliveryOutcome::sent, std::nullopt, {}}, at_ms(8'200));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "conflict");
  EXPECT_EQ(delivery("alr_crit", "slack").attempts, 2);

  const auto telegram = delivery("alr_crit", "telegram");
  ASSERT_TRUE(store_
                  ->record_alert_delivery(
                      telegram.id, {DeliveryOutcome::failed, "chat not found", {}}, at_ms(8'300))
                  .ok());
  const auto failed = delivery("alr_crit", "telegram");
  EXPECT_EQ(failed.state, "failed");
  EXPECT_EQ(failed.attempts, 1);
  EXPECT_EQ(failed.last_error, "chat not found");
  EXPECT_FALSE(failed.sent_at);
  EXPECT_EQ(store_
                ->record_alert_delivery(telegram.id, {DeliveryOutcome::retry, "x", at_ms(9'000)},
                                        at_ms(8'400))
                .error()
                .code,
            "conflict");
  EXPECT_EQ(store_
                ->record_alert_delivery("dlv_unknown", {DeliveryOutcome::sent, std::nullopt, {}},
                                        at_ms(8'400))
                .error()
                .code,
            "conflict");
  EXPECT_EQ(due(100'000).size(), 4u);  // neither the sent nor the failed one

  // Sent webhooks at 9'000 and 9'500: counted per channel from `since` on.
  ASSERT_TRUE(store_
                  ->record_alert_delivery(delivery("alr_crit", "webhook").id,
                                          {DeliveryOutcome::sent, std::nullopt, {}}, at_ms(9'000))
                  .ok());
  ASSERT_TRUE(store_
                  ->record_alert_delivery(delivery("alr_warn", "webhook").id,
                                          {DeliveryOutcome::sent, std::nullopt, {}}, at_ms(9'500))
                  .ok());
  EXPECT_EQ(store_->count_alert_deliveries_sent("webhook", at_ms(9'000)).value(), 2);
  EXPECT_EQ(store_->count_alert_deliveries_sent("webhook", at_ms(9'001)).value(), 1);
  EXPECT_EQ(store_->count_alert_deliveries_sent("webhook", at_ms(9'501)).value(), 0);
  EXPECT_EQ(store_->count_alert_deliveries_sent("slack", at_ms(0)).value(), 1);
  EXPECT_EQ(store_->count_alert_deliveries_sent("slack", at_ms(8'101)).value(), 0);
  EXPECT_EQ(store_->count_alert_deliveries_sent("telegram", at_ms(0)).value(), 0);
}

class AlertFactsStore : public AlertSeedTest {
 protected:
  AlertFacts facts(std::int64_t fill_rate_orders = 20, std::int64_t refusals_since = 0) {
    AlertFactsQuery q;
    q.fill_rate_orders = fill_rate_orders;
    q.refusals_since = at_ms(refusals_since);
    auto read = store_->alert_facts(q);
    if (!read) ADD_FAILURE() << read.error().to_string();
    return read ? *read : AlertFacts{};
  }
};

TEST_F(AlertFactsStore, NothingToReportOnAnEmptyHistory) {
  const auto f = facts();
  EXPECT_TRUE(f.rejection_streaks.empty());
  EXPECT_TRUE(f.fill_rates.empty());
  EXPECT_TRUE(f.budget_refusals.empty());
  EXPECT_TRUE(f.failed_redemptions.empty());
  EXPECT_TRUE(f.failing_components.empty());
}

TEST_F(AlertFactsStore, ARejectionStreakRunsFromTheLastOtherOrderAndResets) {
  intent(1, "lt_a", 1, 3'001);
  submit(1, 3'010);
  fill(1, 10'000'000, 3'020);  // filled
  intent(2, "lt_a", 1, 3'002);
  end(2, OrderState::rejected, "not enough balance", 3'030);
  intent(3, "lt_a", 2, 3'003);
  end(3, OrderState::rejected, "tick size", 3'031);
  intent(4, "lt_a", 3, 3'004);
  end(4, OrderState::rejected, "min size", 3'032);
  // lt_b: all rejected (no other order ever), then one more below.
  intent(5, "lt_b", 1, 3'005);
  end(5, OrderState::rejected, "b1", 3'033);
  intent(6, "lt_b", 1, 3'006);
  end(6, OrderState::rejected, std::nullopt, 3'034);

  auto f = facts();
  ASSERT_EQ(f.rejection_streaks.size(), 2u);
  const auto& a = f.rejection_streaks[0];
  EXPECT_EQ(a.lt_strategy_id, "lt_a");
  EXPECT_EQ(a.user_id, "usr_a");
  EXPECT_EQ(a.length, 3);
  EXPECT_EQ(a.first_order_id, "ord_2");
  EXPECT_EQ(a.last_message, "min size");
  const auto& b = f.rejection_streaks[1];
  EXPECT_EQ(b.lt_strategy_id, "lt_b");
  EXPECT_EQ(b.user_id, "usr_b");
  EXPECT_EQ(b.length, 2);
  EXPECT_EQ(b.first_order_id, "ord_5");
  EXPECT_FALSE(b.last_message);

  // A later order that is not rejected (even one still live) ends lt_a's streak; a new
  // rejection after it starts a new one.
  intent(7, "lt_a", 1, 3'007);
  f = facts();
  ASSERT_EQ(f.rejection_streaks.size(), 1u);
  EXPECT_EQ(f.rejection_streaks[0].lt_strategy_id, "lt_b");
  intent(8, "lt_a", 2, 3'008);
  end(8, OrderState::rejected, "again", 3'040);
  f = facts();
  ASSERT_EQ(f.rejection_streaks.size(), 2u);
  EXPECT_EQ(f.rejection_streaks[0].lt_strategy_id, "lt_a");
  EXPECT_EQ(f.rejection_streaks[0].length, 1);
  EXPECT_EQ(f.rejection_streaks[0].first_order_id, "ord_8");
  EXPECT_EQ(f.rejection_streaks[0].last_message, "again");
}

TEST_F(AlertFactsStore, FillRatesSampleTheNewestEndedOrdersPerStrategy) {
  intent(1, "lt_a", 1, 3'001);
  submit(1, 3'100);
  fill(1, 10'000'000, 4'000);  // filled (updated 4'000)
  intent(2, "lt_a", 2, 3'002);
  submit(2, 3'100);
  fill(2, 4'000'000, 4'005);
  end(2, OrderState::cancelled, std::nullopt, 4'010);  // cancelled after a partial fill
  intent(3, "lt_a", 3, 3'003);
  submit(3, 3'100);
  end(3, OrderState::expired, std::nullopt, 4'020);  // nothing filled
  intent(4, "lt_a", 1, 3'004);
  submit(4, 3'100);
  end(4, OrderState::cancelled, std::nullopt, 4'030);  // nothing filled
  intent(5, "lt_a", 2, 3'005);
  end(5, OrderState::rejected, "no", 4'040);  // a rejection: not in the sample
  intent(6, "lt_a", 3, 3'006);
  submit(6, 4'050);  // live: not in the sample
  intent(7, "lt_a", 1, 3'007);
  submit(7, 3'100);
  fill(7, 1'000'000, 4'060);  // partially filled, still live: not in the sample
  intent(8, "lt_b", 1, 3'008);
  submit(8, 3'100);
  fill(8, 10'000'000, 4'070);

  auto f = facts(20);
  ASSERT_EQ(f.fill_rates.size(), 2u);
  EXPECT_EQ(f.fill_rates[0].lt_strategy_id, "lt_a");
  EXPECT_EQ(f.fill_rates[0].user_id, "usr_a");
  EXPECT_EQ(f.fill_rates[0].ended_orders, 4);
  EXPECT_EQ(f.fill_rates[0].filled_orders, 2);
  EXPECT_EQ(f.fill_rates[1].lt_strategy_id, "lt_b");
  EXPECT_EQ(f.fill_rates[1].user_id, "usr_b");
  EXPECT_EQ(f.fill_rates[1].ended_orders, 1);
  EXPECT_EQ(f.fill_rates[1].filled_orders, 1);

  f = facts(3);  // ord_4, ord_3, ord_2
  ASSERT_EQ(f.fill_rates.size(), 2u);
  EXPECT_EQ(f.fill_rates[0].ended_orders, 3);
  EXPECT_EQ(f.fill_rates[0].filled_orders, 1);
  f = facts(2);  // ord_4, ord_3
  EXPECT_EQ(f.fill_rates[0].ended_orders, 2);
  EXPECT_EQ(f.fill_rates[0].filled_orders, 0);
  EXPECT_EQ(f.fill_rates[1].ended_orders, 1);
}

TEST_F(AlertFactsStore, BudgetRefusalsCountLtSignalsSinceTheGivenTime) {
  lt_signal(1, "lt_a", "daily_budget_exceeded", 5'000);  // before `since`
  lt_signal(2, "lt_a", "daily_budget_exceeded", 6'000);
  lt_signal(3, "lt_a", "daily_budget_exceeded", 6'500);
  lt_signal(4, "lt_a", "weekly_budget_exceeded", 6'200);
  lt_signal(5, "lt_a", "price_out_of_range", 6'300);  // not a budget
  lt_signal(6, "lt_a", std::nullopt, 6'400);          // accepted
  lt_signal(1, "lt_b", "monthly_budget_exceeded", 7'000);
  ft_signal(2, "ft_a", "daily_budget_exceeded", 6'000);  // the FT twin's: not an LT refusal

  const auto f = facts(20, 5'500);
  ASSERT_EQ(f.budget_refusals.size(), 3u);
  const auto& daily = f.budget_refusals[0];
  EXPECT_EQ(daily.lt_strategy_id, "lt_a");
  EXPECT_EQ(daily.user_id, "usr_a");
  EXPECT_EQ(daily.time_zone, "America/New_York");
  EXPECT_EQ(daily.reason_code, "daily_budget_exceeded");
  EXPECT_EQ(daily.refusals, 2);
  EXPECT_EQ(daily.last_refused_at, at_ms(6'500));
  const auto& weekly = f.budget_refusals[1];
  EXPECT_EQ(weekly.lt_strategy_id, "lt_a");
  EXPECT_EQ(weekly.reason_code, "weekly_budget_exceeded");
  EXPECT_EQ(weekly.refusals, 1);
  EXPECT_EQ(weekly.last_refused_at, at_ms(6'200));
  const auto& monthly = f.budget_refusals[2];
  EXPECT_EQ(monthly.lt_strategy_id, "lt_b");
  EXPECT_EQ(monthly.user_id, "usr_b");
  EXPECT_EQ(monthly.time_zone, "UTC");
  EXPECT_EQ(monthly.reason_code, "monthly_budget_exceeded");
  EXPECT_EQ(monthly.refusals, 1);

  EXPECT_EQ(facts(20, 0).budget_refusals.at(0).refusals, 3);  // the early one counts too
  EXPECT_TRUE(facts(20, 7'001).budget_refusals.empty());
}

TEST_F(AlertFactsStore, FailedRedemptionsWithOrWithoutARetry) {
  for (int n = 1; n <= 3; ++n) {
    intent(n, "lt_a", n, 3'000 + n, 2'000'000);
    submit(n, 3'100);
    fill(n, 2'000'000, 4'000 + n);
    ASSERT_TRUE(store_
                    ->record_resolution(
                        ResolutionRecord{market_id(n), 0, 1, 0, 1, at_ms(90'000), at_ms(90'001)})
                    .ok());
    const auto settled = store_->settle_lt_position("ltp_" + std::to_string(n),
                                                    "rdm_" + std::to_string(n), at_ms(100'000));
    ASSERT_TRUE(settled.ok()) << settled.error().to_string();
    ASSERT_EQ(settled->redemption.state, RedemptionState::pending);
  }
  ASSERT_TRUE(store_->mark_redemptions_submitted({"rdm_1"}, hex64(0xabc), at_ms(110'000)).ok());
  ASSERT_TRUE(store_->fail_redemptions({"rdm_1"}, "reverted", at_ms(200'000), at_ms(150'000)).ok());
  ASSERT_TRUE(store_->fail_redemptions({"rdm_2"}, "gave up", std::nullopt, at_ms(160'000)).ok());
  // rdm_3 stays pending: not a failure.

  const auto f = facts();
  ASSERT_EQ(f.failed_redemptions.size(), 2u);
  const auto& first = f.failed_redemptions[0];
  EXPECT_EQ(first.redemption_id, "rdm_1");
  EXPECT_EQ(first.lt_strategy_id, "lt_a");
  EXPECT_EQ(first.user_id, "usr_a");
  EXPECT_EQ(first.condition_id, market_id(1));
  EXPECT_EQ(first.attempts, 1);
  EXPECT_EQ(first.last_error, "reverted");
  EXPECT_EQ(first.next_attempt_at, at_ms(200'000));
  const auto& second = f.failed_redemptions[1];
  EXPECT_EQ(second.redemption_id, "rdm_2");
  EXPECT_EQ(second.condition_id, market_id(2));
  EXPECT_EQ(second.attempts, 0);
  EXPECT_EQ(second.last_error, "gave up");
  EXPECT_FALSE(second.next_attempt_at);
}

TEST_F(AlertFactsStore, FailingComponentsSinceTheirLastNonFailingCheck) {
  using S = HealthStatus;
  checks({health_check("db1", "database", S::ok, 1'000),
          health_check("ve1", "venue_rest", S::failing, 1'000),
          health_check("rp1", "rpc", S::failing, 1'000),
          health_check("ck1", "clock_skew", S::failing, 1'000),
          health_check("ws1", "websocket", S::failing, 1'000)});
  checks({health_check("db2", "database", S::failing, 2'000),
          health_check("ve2", "venue_rest", S::ok, 2'000),
          health_check("rp2", "rpc", S::degraded, 2'000),
          health_check("ck2", "clock_skew", S::failing, 2'000),
          health_check("ws2", "websocket", S::ok, 2'000)});
  checks({health_check("db3", "database", S::failing, 3'000),
          health_check("ve3", "venue_rest", S::failing, 3'000),
          health_check("rp3", "rpc", S::failing, 3'000)});

  const auto f = facts();
  ASSERT_EQ(f.failing_components.size(), 4u);
  const auto& clock = f.failing_components[0];  // failing from its first check on
  EXPECT_EQ(clock.component, "clock_skew");
  EXPECT_EQ(clock.first_check_id, "ck1");
  EXPECT_EQ(clock.failing_since, at_ms(1'000));
  EXPECT_EQ(clock.detail, "ck2 detail");
  const auto& db = f.failing_components[1];
  EXPECT_EQ(db.component, "database");
  EXPECT_EQ(db.first_check_id, "db2");
  EXPECT_EQ(db.failing_since, at_ms(2'000));
  EXPECT_EQ(db.detail, "db3 detail");
  const auto& rpc = f.failing_components[2];  // degraded still worked: a new streak
  EXPECT_EQ(rpc.component, "rpc");
  EXPECT_EQ(rpc.first_check_id, "rp3");
  EXPECT_EQ(rpc.failing_since, at_ms(3'000));
  const auto& venue = f.failing_components[3];
  EXPECT_EQ(venue.component, "venue_rest");
  EXPECT_EQ(venue.first_check_id, "ve3");
  EXPECT_EQ(venue.detail, "ve3 detail");
}

}  // namespace
}  // namespace polycopy::store::testing
