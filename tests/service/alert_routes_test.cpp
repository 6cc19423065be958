// Alerts over the API with a real SQLite store: a key needed; the user's and the system's
// alerts listed (open by default, ?state, ?limit; bad or unknown parameters refused); one
// alert with its deliveries (another user's reads as absent); acknowledging one closes it,
// keeps its first time, and is audited.
#include <gtest/gtest.h>

#include "service/api_fixture.hpp"

namespace polycopy::testing {
namespace {

using nlohmann::json;

class AlertRoutes : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    if (HasFatalFailure()) return;
    raise("alr_alice_1", alice_id_, "warning", "k1");
    clock_.advance(std::chrono::seconds(1));
    raise("alr_system", std::nullopt, "critical", "k2");
    clock_.advance(std::chrono::seconds(1));
    raise("alr_bob", bob_id_, "info", "k3");
    clock_.advance(std::chrono::seconds(1));
    raise("alr_alice_2", alice_id_, "info", "k4");
    clock_.advance(std::chrono::seconds(1));
  }

  void raise(const std::string& id, const std::optional<std::string>& user,
             const std::string& severity, const std::string& key) {
    store::RaisedAlert r;
    r.user_id = user;
    r.alert = store::RiskAlert{id, severity, "code_" + id, "message of " + id, key};
    const auto raised = store_->raise_alerts_once({r}, clock_.now());
    ASSERT_TRUE(raised.ok()) << raised.error().to_string();
    ASSERT_EQ(*raised, 1);
  }

  std::vector<std::string> listed(const std::string& target, const std::string& key) {
    const auto response = client_->get(target, key);
    EXPECT_EQ(response.status, 200) << target << ": " << response.body;
    std::vector<std::string> ids;
    if (response.status != 200) return ids;
    const json body = response.json();
    for (const auto& a : body.at("alerts")) ids.push_back(a.at("id"));
    return ids;
  }

  ClientResponse acknowledge(const std::string& id, const std::string& key) {
    return client_->request("POST", "/api/alerts/" + id + "/acknowledge", "",
                            {{"authorization", "Bearer " + key}});
  }

  std::vector<store::AuditEntry> calls(const std::string& user) {
    store::AuditQuery q;
    q.kind = "api_call";
    return store_->list_audit(user, q).value();
  }
};

using Ids = std::vector<std::string>;

TEST_F(AlertRoutes, AKeyIsNeeded) {
  EXPECT_EQ(client_->request("GET", "/api/alerts").status, 401);
  EXPECT_EQ(client_->request("GET", "/api/alerts/alr_alice_1").status, 401);
  EXPECT_EQ(client_->request("POST", "/api/alerts/alr_alice_1/acknowledge").status, 401);
  EXPECT_EQ(client_->get("/api/alerts", "pc_not_a_real_key").status, 401);
  EXPECT_FALSE(store_->find_alert(alice_id_, "alr_alice_1").value()->acknowledged_at);
}

TEST_F(AlertRoutes, ListsTheUsersAndSystemAlertsOpenByDefault) {
  const auto response = client_->get("/api/alerts", alice_key_);
  ASSERT_EQ(response.status, 200) << response.body;
  const json alerts = response.json().at("alerts");
  ASSERT_EQ(alerts.size(), 3u);
  EXPECT_EQ(alerts[0].at("id"), "alr_alice_2");
  EXPECT_EQ(alerts[1].at("id"), "alr_system");
  EXPECT_EQ(alerts[2].at("id"), "alr_alice_1");
  const json& system = alerts[1];
  EXPECT_EQ(system.at("scope"), "system");
  EXPECT_EQ(system.at("severity"), "critical");
  EXPECT_EQ(system.at("code"), "code_alr_system");
  EXPECT_EQ(system.at("message"), "message of alr_system");
  EXPECT_TRUE(system.at("lt_strategy_id").is_null());
  EXPECT_EQ(system.at("occurrences"), 1);
  EXPECT_EQ(system.at("created_at"), "2026-11-25T19:30:01.000Z");
  EXPECT_EQ(system.at("last_seen_at"), "2026-11-25T19:30:01.000Z");
  EXPECT_TRUE(system.at("acknowledged_at").is_null());
  EXPECT_EQ(alerts[0].at("scope"), "user");
  EXPECT_FALSE(alerts[0].contains("deliveries"));

  EXPECT_EQ(listed("/api/alerts", bob_key_), (Ids{"alr_bob", "alr_system"}));
  EXPECT_EQ(listed("/api/alerts?limit=2", alice_key_), (Ids{"alr_alice_2", "alr_system"}));

  ASSERT_TRUE(store_->acknowledge_alert(alice_id_, "alr_alice_1", clock_.now()).ok());
  EXPECT_EQ(listed("/api/alerts", alice_key_), (Ids{"alr_alice_2", "alr_system"}));
  EXPECT_EQ(listed("/api/alerts?state=open", alice_key_), (Ids{"alr_alice_2", "alr_system"}));
  EXPECT_EQ(listed("/api/alerts?state=acknowledged", alice_key_), (Ids{"alr_alice_1"}));
  EXPECT_EQ(listed("/api/alerts?state=all", alice_key_),
            (Ids{"alr_alice_2", "alr_system", "alr_alice_1"}));
  EXPECT_EQ(listed("/api/alerts?state=all&limit=1", alice_key_), (Ids{"alr_alice_2"}));
  // Reads are not audited.
  EXPECT_TRUE(calls(alice_id_).empty());
}

TEST_F(AlertRoutes, BadOrUnknownQueryParametersAreRefused) {
  for (const std::string bad :
       {"/api/alerts?state=closed", "/api/alerts?state=", "/api/alerts?limit=0",
        "/api/alerts?limit=1001", "/api/alerts?limit=ten", "/api/alerts?limit=-1",
        "/api/alerts?severity=critical", "/api/alerts?state=open&verbose=1"}) {
    const auto refused = client_->get(bad, alice_key_);
    EXPECT_EQ(refused.status, 400) << bad << ": " << refused.body;
    EXPECT_EQ(refused.error_code(), "invalid_query") << bad;
  }
  EXPECT_EQ(client_->get("/api/alerts?limit=1000", alice_key_).status, 200);
}

TEST_F(AlertRoutes, ShowsOneAlertWithItsDeliveries) {
  const auto none = client_->get("/api/alerts/alr_alice_1", alice_key_);
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_EQ(none.json().at("id"), "alr_alice_1");
  ASSERT_TRUE(none.json().at("deliveries").is_array());
  EXPECT_TRUE(none.json().at("deliveries").empty());

  ASSERT_EQ(store_
                ->enqueue_alert_deliveries({{"webhook", "info"}, {"slack", "critical"}},
                                           core::from_unix_ms(0), clock_.now())
                .value(),
            5);  // webhook: all four; slack: the system alert
  const auto sys = store_->list_alert_deliveries("alr_system").value();
  ASSERT_EQ(sys.size(), 2u);
  ASSERT_EQ(sys[0].channel, "slack");
  ASSERT_TRUE(
      store_->record_alert_delivery(sys[0].id, {store::DeliveryOutcome::sent, {}, {}}, clock_.now())
          .ok());
  ASSERT_TRUE(store_
                  ->record_alert_delivery(sys[1].id,
                                          {store::DeliveryOutcome::retry, "HTTP 502",
                                           clock_.now() + std::chrono::minutes(1)},
                                          clock_.now())
                  .ok());

  const auto shown = client_->get("/api/alerts/alr_system", bob_key_);
  ASSERT_EQ(shown.status, 200) << shown.body;
  const json body = shown.json();
  EXPECT_EQ(body.at("id"), "alr_system");
  EXPECT_EQ(body.at("scope"), "system");
  const json& deliveries = body.at("deliveries");
  ASSERT_EQ(deliveries.size(), 2u);
  EXPECT_EQ(deliveries[0].at("channel"), "slack");
  EXPECT_EQ(deliveries[0].at("state"), "sent");
  EXPECT_EQ(deliveries[0].at("attempts"), 1);
  EXPECT_EQ(deliveries[0].at("sent_at"), "2026-11-25T19:30:04.000Z");
  EXPECT_TRUE(deliveries[0].at("next_attempt_at").is_null());
  EXPECT_TRUE(deliveries[0].at("last_error").is_null());
  EXPECT_EQ(deliveries[1].at("channel"), "webhook");
  EXPECT_EQ(deliveries[1].at("state"), "pending");
  EXPECT_EQ(deliveries[1].at("attempts"), 1);
  EXPECT_EQ(deliveries[1].at("next_attempt_at"), "2026-11-25T19:31:04.000Z");
  EXPECT_EQ(deliveries[1].at("last_error"), "HTTP 502");
  EXPECT_TRUE(deliveries[1].at("sent_at").is_null());

  for (const auto& [target, key] : {std::pair{"/api/alerts/alr_bob", alice_key_},
                                    std::pair{"/api/alerts/alr_alice_1", bob_key_},
                                    std::pair{"/api/alerts/alr_nothing", alice_key_}}) {
    const auto missing = client_->get(target, key);
    EXPECT_EQ(missing.status, 404) << target;
    EXPECT_EQ(missing.error_code(), "alert_not_found") << target;
  }
}

TEST_F(AlertRoutes, AcknowledgingClosesTheAlertOnceAndIsAudited) {
  const auto acked = acknowledge("alr_alice_1", alice_key_);
  ASSERT_EQ(acked.status, 200) << acked.body;
  EXPECT_EQ(acked.json().at("id"), "alr_alice_1");
  EXPECT_EQ(acked.json().at("acknowledged_at"), "2026-11-25T19:30:04.000Z");
  EXPECT_EQ(listed("/api/alerts", alice_key_), (Ids{"alr_alice_2", "alr_system"}));

  clock_.advance(std::chrono::minutes(5));  // every call below at its own time
  const auto again = acknowledge("alr_alice_1", alice_key_);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json().at("acknowledged_at"), "2026-11-25T19:30:04.000Z");

  // An empty JSON object body is fine too.
  clock_.advance(std::chrono::seconds(1));
  const auto with_body = client_->post("/api/alerts/alr_alice_2/acknowledge", alice_key_);
  EXPECT_EQ(with_body.status, 200) << with_body.body;

  clock_.advance(std::chrono::seconds(1));
  const auto refused = acknowledge("alr_bob", alice_key_);
  EXPECT_EQ(refused.status, 404);
  EXPECT_EQ(refused.error_code(), "alert_not_found");
  EXPECT_FALSE(store_->find_alert(bob_id_, "alr_bob").value()->acknowledged_at);

  const auto entries = calls(alice_id_);
  ASSERT_EQ(entries.size(), 4u);
  const auto& first = entries[3];
  EXPECT_EQ(first.kind, "api_call");
  EXPECT_EQ(first.user_id, alice_id_);
  EXPECT_EQ(first.actor, "user:" + alice_id_);
  EXPECT_EQ(first.action, "POST /api/alerts/alr_alice_1/acknowledge");
  EXPECT_EQ(first.entity_id, "alr_alice_1");
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.at, core::from_unix_ms(1'795'635'004'000));
  const auto& last = entries[0];
  EXPECT_EQ(last.entity_id, "alr_bob");
  EXPECT_EQ(last.status, 404);
  ASSERT_TRUE(last.detail_json);
  EXPECT_EQ(json::parse(*last.detail_json).value("error", ""), "alert_not_found");
  EXPECT_TRUE(calls(bob_id_).empty());

  // The same through GET /api/audit.
  const auto audited = client_->get("/api/audit?kind=api_call&entity_id=alr_alice_1", alice_key_);
  ASSERT_EQ(audited.status, 200) << audited.body;
  const json listed_entries = audited.json().at("entries");
  ASSERT_EQ(listed_entries.size(), 2u);
  EXPECT_EQ(listed_entries[1].at("status"), 200);
  EXPECT_EQ(listed_entries[1].at("kind"), "api_call");
  EXPECT_EQ(listed_entries[1].at("at"), "2026-11-25T19:30:04.000Z");
}

}  // namespace
}  // namespace polycopy::testing
