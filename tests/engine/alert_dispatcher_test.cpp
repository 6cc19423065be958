// Alert delivery over real sockets: a webhook receiver (the net tests' raw server), Slack and
// Telegram receivers and an SMTP sink; exactly once per alert and channel, critical first,
// retries with a doubling delay, giving up, severity routes, the hourly rate limit, and a
// hanging channel never holding up the store.
#include "engine/alert_dispatcher.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>

#include "core/ids.hpp"
#include "engine/alert_monitor.hpp"
#include "engine/engine_fixture.hpp"
#include "net/raw_http_server.hpp"
#include "notify/smtp_sink.hpp"

namespace polycopy::engine {
namespace {

using net::testing::http_response;
using net::testing::RawHttpServer;
using net::testing::RawReply;

const core::Timestamp kStart = core::from_unix_ms(1'795'000'000'000);

// A system alert (no owner) raised at the clock's time.
void raise(store::Store& store, core::ManualClock& clock, const std::string& key,
           const std::string& severity) {
  store::RaisedAlert alert;
  alert.alert = {core::new_id("alr", clock), severity, "test_" + key, "message " + key, key};
  ASSERT_EQ(store.raise_alerts_once({alert}, clock.now()).value(), 1);
}

std::vector<notify::ConfiguredChannel> webhook(const std::string& url, const core::Clock& clock,
                                               const std::string& min_severity = "info") {
  notify::WebhookSettings settings;
  settings.url = url;
  settings.secret = "whsec";
  settings.min_severity = min_severity;
  settings.timeout = std::chrono::milliseconds(2'000);
  auto built = notify::build_alert_channels({{"webhook", settings}}, clock);
  EXPECT_TRUE(built) << built.error().to_string();
  return std::move(built).value();
}

int count_received(const RawHttpServer& server, const std::string& needle) {
  int n = 0;
  for (const auto& request : server.received())
    if (request.find(needle) != std::string::npos) ++n;
  return n;
}

TEST(AlertDispatcher, EachAlertOnceCriticalFirst) {
  testing::StoreFixture fx;
  core::ManualClock clock(kStart);
  RawHttpServer receiver([](int, const std::string&) { return RawReply{http_response(200, "")}; });
  AlertDispatcher dispatcher(*fx.store, clock, webhook(receiver.url("/hook"), clock));
  raise(*fx.store, clock, "warn_first", "warning");
  clock.advance(std::chrono::seconds(1));
  raise(*fx.store, clock, "crit_second", "critical");

  const auto report = dispatcher.run_once();
  EXPECT_EQ(report["enqueued"], 2) << report.dump();
  EXPECT_EQ(report["sent"], 2) << report.dump();
  const auto received = receiver.received();
  ASSERT_EQ(received.size(), 2u);
  EXPECT_NE(received[0].find("test_crit_second"), std::string::npos);  // critical first
  EXPECT_NE(received[0].find("X-Polycopy-Signature: sha256="), std::string::npos);
  EXPECT_NE(received[1].find("test_warn_first"), std::string::npos);

  // Nothing twice, also from a new dispatcher (a restart).
  EXPECT_EQ(dispatcher.run_once()["sent"], 0);
  AlertDispatcher restarted(*fx.store, clock, webhook(receiver.url("/hook"), clock));
  EXPECT_EQ(restarted.run_once()["sent"], 0);
  EXPECT_EQ(receiver.requests(), 2);
}

TEST(AlertDispatcher, AFailedAttemptIsRetriedAfterADoublingDelay) {
  testing::StoreFixture fx;
  core::ManualClock clock(kStart);
  RawHttpServer receiver([](int index, const std::string&) {
    return RawReply{http_response(index < 2 ? 503 : 200, "")};
  });
  AlertDispatcher dispatcher(*fx.store, clock, webhook(receiver.url("/hook"), clock));
  raise(*fx.store, clock, "flaky", "critical");

  EXPECT_EQ(dispatcher.run_once()["retrying"], 1);  // attempt 1: 503
  clock.advance(std::chrono::seconds(29));
  EXPECT_EQ(dispatcher.run_once()["retrying"], 0);  // not due yet
  EXPECT_EQ(receiver.requests(), 1);
  clock.advance(std::chrono::seconds(1));
  EXPECT_EQ(dispatcher.run_once()["retrying"], 1);  // attempt 2 at +30 s: 503
  clock.advance(std::chrono::seconds(59));
  dispatcher.run_once();
  EXPECT_EQ(receiver.requests(), 2);  // the next one waits 60 s
  clock.advance(std::chrono::seconds(1));
  EXPECT_EQ(dispatcher.run_once()["sent"], 1);
  EXPECT_EQ(receiver.requests(), 3);

  const auto alert = fx.store->list_due_alert_deliveries(clock.now(), 10).value();
  EXPECT_TRUE(alert.empty());
}

TEST(AlertDispatcher, GivesUpAfterMaxAttemptsWithTheReason) {
  testing::StoreFixture fx;
  core::ManualClock clock(kStart);
  AlertDeliverySettings settings;
  settings.max_attempts = 2;
  const std::string url = "http://127.0.0.1:" + std::to_string(net::testing::closed_port());
  AlertDispatcher dispatcher(*fx.store, clock, webhook(url + "/hook", clock), settings);
  raise(*fx.store, clock, "lost", "critical");
  EXPECT_EQ(dispatcher.run_once()["retrying"], 1);
  clock.advance(std::chrono::seconds(30));
  EXPECT_EQ(dispatcher.run_once()["failed"], 1);
  clock.advance(std::chrono::hours(1));
  EXPECT_EQ(dispatcher.run_once()["failed"], 0);  // given up: not tried again

  const auto alerts = fx.store->list_alerts("usr_none", {store::AlertListState::all, 10}).value();
  ASSERT_EQ(alerts.size(), 1u);
  const auto deliveries = fx.store->list_alert_deliveries(alerts[0].id).value();
  ASSERT_EQ(deliveries.size(), 1u);
  EXPECT_EQ(deliveries[0].state, "failed");
  EXPECT_EQ(deliveries[0].attempts, 2);
  EXPECT_NE(deliveries[0].last_error.value_or("").find("channel_unreachable"), std::string::npos)
      << deliveries[0].last_error.value_or("");
}

TEST(AlertDispatcher, RoutesBySeverityAndSkipsOldAlerts) {
  testing::StoreFixture fx;
  core::ManualClock clock(kStart);
  RawHttpServer receiver([](int, const std::string&) { return RawReply{http_response(200, "")}; });
  raise(*fx.store, clock, "stale", "critical");  // raised 2 hours before the channel runs
  clock.advance(std::chrono::hours(2));
  raise(*fx.store, clock, "info_only", "info");
  raise(*fx.store, clock, "warned", "warning");
  AlertDispatcher dispatcher(*fx.store, clock, webhook(receiver.url("/hook"), clock, "warning"));
  const auto report = dispatcher.run_once();
  EXPECT_EQ(report["sent"], 1) << report.dump();
  EXPECT_EQ(count_received(receiver, "test_warned"), 1);
  EXPECT_EQ(count_received(receiver, "test_info_only"), 0);
  EXPECT_EQ(count_received(receiver, "test_stale"), 0);
}

TEST(AlertDispatcher, TheHourlyRateLimitDelaysTheRest) {
  testing::StoreFixture fx;
  core::ManualClock clock(kStart);
  RawHttpServer receiver([](int, const std::string&) { return RawReply{http_response(200, "")}; });
  AlertDeliverySettings settings;
  settings.per_channel_per_hour = 2;
  AlertDispatcher dispatcher(*fx.store, clock, webhook(receiver.url("/hook"), clock), settings);
  for (const auto* key : {"a", "b", "c"}) raise(*fx.store, clock, key, "warning");
  auto report = dispatcher.run_once();
  EXPECT_EQ(report["sent"], 2) << report.dump();
  EXPECT_EQ(report["rate_limited"], 1);
  clock.advance(std::chrono::minutes(30));
  EXPECT_EQ(dispatcher.run_once()["sent"], 0);
  clock.advance(std::chrono::minutes(31));
  EXPECT_EQ(dispatcher.run_once()["sent"], 1);  // the hour freed up: delayed, not lost
  EXPECT_EQ(receiver.requests(), 3);
}

TEST(AlertDispatcher, OneAlertReachesEveryKindOfChannel) {
  testing::StoreFixture fx;
  core::ManualClock clock(kStart);
  RawHttpServer hooks([](int, const std::string& request) {
    if (request.find("/bot") != std::string::npos)
      return RawReply{http_response(200, R"({"ok":true,"result":{}})")};
    return RawReply{http_response(200, "ok")};
  });
  notify::testing::SmtpSink smtp;
  notify::WebhookSettings webhook_settings;
  webhook_settings.url = hooks.url("/hook");
  webhook_settings.secret = "whsec";
  notify::SlackSettings slack;
  slack.webhook_url = hooks.url("/services/T0/B0/xyz");
  notify::TelegramSettings telegram;
  telegram.bot_token = "123456:token";
  telegram.chat_id = "-1001";
  telegram.api_base = hooks.url("");
  notify::EmailSettings email;
  email.url = smtp.url();
  email.from = "polycopy@example.com";
  email.to = {"ops@example.com"};
  auto channels = notify::build_alert_channels(
      {{"webhook", webhook_settings}, {"slack", slack}, {"telegram", telegram}, {"email", email}},
      clock);
  ASSERT_TRUE(channels) << channels.error().to_string();
  AlertDispatcher dispatcher(*fx.store, clock, std::move(channels).value());
  raise(*fx.store, clock, "everywhere", "critical");

  const auto report = dispatcher.run_once();
  EXPECT_EQ(report["sent"], 4) << report.dump();
  EXPECT_EQ(count_received(hooks, "POST /hook "), 1);
  EXPECT_EQ(count_received(hooks, "POST /services/T0/B0/xyz "), 1);
  EXPECT_EQ(count_received(hooks, "POST /bot123456:token/sendMessage "), 1);
  const auto sessions = smtp.sessions();
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_NE(sessions[0].data.find("test_everywhere"), std::string::npos);
}

TEST(AlertDispatcher, AHangingChannelDoesNotHoldTheStore) {
  testing::StoreFixture fx;
  core::ManualClock clock(kStart);
  RawHttpServer slow([](int, const std::string&) {
    return RawReply{http_response(200, ""), std::chrono::milliseconds(1'500)};
  });
  AlertDispatcher dispatcher(*fx.store, clock, webhook(slow.url("/hook"), clock));
  raise(*fx.store, clock, "slow", "critical");
  std::atomic<bool> delivered{false};
  auto running = std::async(std::launch::async, [&] {
    auto report = dispatcher.run_once();
    delivered = true;
    return report;
  });
  while (slow.requests() == 0 && !delivered)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  // The receiver holds the attempt: the store (trading's) still takes writes at once.
  raise(*fx.store, clock, "meanwhile", "warning");
  store::HealthCheckRecord check;
  check.id = core::new_id("hck", clock);
  check.component = "database";
  check.checked_at = clock.now();
  ASSERT_TRUE(fx.store->record_health_checks({check}, clock.now() - std::chrono::hours(1)));
  EXPECT_FALSE(delivered.load());  // written while the delivery was still waiting
  EXPECT_EQ(running.get()["sent"], 1);
}

TEST(AlertMonitor, AComponentFailingForMinutesAlertsOncePerOutage) {
  testing::StoreFixture fx;
  core::ManualClock clock(kStart);
  AlertMonitor monitor(*fx.store, clock);
  const auto record = [&](store::HealthStatus status) {
    store::HealthCheckRecord check;
    check.id = core::new_id("hck", clock);
    check.component = "venue_rest";
    check.status = status;
    check.detail = "connection refused";
    check.checked_at = clock.now();
    ASSERT_TRUE(fx.store->record_health_checks({check}, clock.now() - std::chrono::hours(24)));
  };
  for (int minute = 0; minute <= 4; ++minute) {
    record(store::HealthStatus::failing);
    EXPECT_EQ(monitor.run_once()["raised"], 0) << "minute " << minute;
    clock.advance(std::chrono::minutes(1));
  }
  record(store::HealthStatus::failing);  // 5 minutes in
  EXPECT_EQ(monitor.run_once()["raised"], 1);
  clock.advance(std::chrono::minutes(1));
  record(store::HealthStatus::failing);
  EXPECT_EQ(monitor.run_once()["raised"], 0);  // the same outage
  record(store::HealthStatus::ok);
  clock.advance(std::chrono::minutes(1));
  for (int minute = 0; minute <= 5; ++minute) {
    record(store::HealthStatus::failing);
    monitor.run_once();
    clock.advance(std::chrono::minutes(1));
  }
  const auto alerts = fx.store->list_alerts("usr_none", {store::AlertListState::all, 10}).value();
  ASSERT_EQ(alerts.size(), 2u);  // a new outage, a new alert
  EXPECT_EQ(alerts[0].code, "health_failing");
  EXPECT_EQ(alerts[0].severity, "critical");
  EXPECT_NE(alerts[0].dedup_key, alerts[1].dedup_key);
}

}  // namespace
}  // namespace polycopy::engine
