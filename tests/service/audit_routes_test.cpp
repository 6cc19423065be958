// The audit trail over the API with a real SQLite store: every non-GET call of an
// authenticated user is logged with its status, its error code and its body with secrets
// redacted (never the plaintext); reads are not logged; GET /api/audit filters by kind and
// entity, pages with ?before / next_before, and refuses bad parameters. Plus the redaction
// and ISO-8601 parsing helpers on their own.
#include <gtest/gtest.h>

#include "service/api_fixture.hpp"
#include "service/api_routes.hpp"
#include "service/audit_trail.hpp"
#include "service/time_format.hpp"

namespace polycopy::testing {
namespace {

using nlohmann::json;

// The official client's example key (as in the wallet tests): a valid secp256k1 key.
const std::string kKey = "0x00000000000000000000000000000000000000000000000000000000000000a1";

class AuditRoutes : public ApiFixture {
 protected:
  std::vector<store::AuditEntry> entries(const std::string& user,
                                         std::optional<std::string> kind = "api_call") {
    store::AuditQuery q;
    q.kind = std::move(kind);
    return store_->list_audit(user, q).value();
  }
  static json detail(const store::AuditEntry& e) {
    EXPECT_TRUE(e.detail_json) << e.id;
    return e.detail_json ? json::parse(*e.detail_json) : json();
  }
  std::vector<std::string> actions(const std::string& target, const std::string& key,
                                   json* body = nullptr) {
    const auto response = client_->get(target, key);
    EXPECT_EQ(response.status, 200) << target << ": " << response.body;
    std::vector<std::string> out;
    if (response.status != 200) return out;
    const json parsed = response.json();
    if (body) *body = parsed;
    for (const auto& e : parsed.at("entries"))
      out.push_back(e.at("kind").get<std::string>() + " " + e.at("action").get<std::string>());
    return out;
  }
};

using Strings = std::vector<std::string>;

TEST_F(AuditRoutes, AKeyIsNeeded) {
  EXPECT_EQ(client_->request("GET", "/api/audit").status, 401);
  EXPECT_EQ(client_->get("/api/audit", "pc_wrong").status, 401);
}

TEST_F(AuditRoutes, AWalletsPrivateKeyIsRedactedFromItsAuditedBody) {
  const auto created = client_->post("/api/wallets", alice_key_, {{"private_key", kKey}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string wallet_id = created.json().at("id");

  const auto logged = entries(alice_id_);
  ASSERT_EQ(logged.size(), 1u);
  const auto& e = logged[0];
  EXPECT_EQ(e.action, "POST /api/wallets");
  EXPECT_EQ(e.actor, "user:" + alice_id_);
  EXPECT_EQ(e.status, 201);
  EXPECT_FALSE(e.entity_id);
  EXPECT_EQ(e.at, clock_.now());
  ASSERT_TRUE(e.detail_json);
  EXPECT_EQ(e.detail_json->find(kKey.substr(2)), std::string::npos) << *e.detail_json;
  const json d = detail(e);
  EXPECT_EQ(d.at("body").at("private_key"), "[redacted]");
  EXPECT_FALSE(d.contains("error"));
  EXPECT_TRUE(entries(bob_id_).empty());

  // Through the API the same: no trace of the key.
  const auto listed = client_->get("/api/audit", alice_key_);
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(listed.body.find(kKey.substr(2)), std::string::npos);
  EXPECT_EQ(listed.json().at("entries").at(0).at("detail").at("body").at("private_key"),
            "[redacted]");
  EXPECT_EQ(listed.json().at("entries").at(0).at("status"), 201);
  EXPECT_TRUE(client_->get("/api/audit", bob_key_).json().at("entries").empty());
}

TEST_F(AuditRoutes, RefusedCallsAreAuditedWithTheirStatusAndErrorCode) {
  const std::string weak = "0x" + std::string(62, '0') + "77";
  const auto invalid = client_->post("/api/wallets", alice_key_, {{"private_key", "0x1234"}});
  ASSERT_EQ(invalid.status, 422) << invalid.body;
  clock_.advance(std::chrono::seconds(1));
  const auto unknown =
      client_->post("/api/wallets", alice_key_, {{"private_key", weak}, {"label", "mine"}});
  ASSERT_EQ(unknown.status, 400) << unknown.body;
  clock_.advance(std::chrono::seconds(1));
  // Not JSON: only its size is kept, whatever it holds.
  const auto garbage = client_->request(
      "POST", "/api/wallets", "private_key=" + kKey,
      {{"authorization", "Bearer " + alice_key_}, {"content-type", "application/json"}});
  ASSERT_EQ(garbage.status, 400) << garbage.body;
  clock_.advance(std::chrono::seconds(1));
  const auto missing = client_->post("/api/ft/strategies", alice_key_, json::object());
  ASSERT_EQ(missing.status / 100, 4) << missing.body;

  const auto logged = entries(alice_id_);
  ASSERT_EQ(logged.size(), 4u);
  const json strategy = detail(logged[0]);
  EXPECT_EQ(logged[0].action, "POST /api/ft/strategies");
  EXPECT_EQ(logged[0].status, missing.status);
  EXPECT_EQ(strategy.value("error", ""), missing.error_code());
  EXPECT_EQ(strategy.at("body"), json::object());

  EXPECT_EQ(logged[1].status, 400);
  const json not_json = detail(logged[1]);
  EXPECT_EQ(not_json.value("error", ""), garbage.error_code());
  EXPECT_EQ(not_json.value("body", ""),
            "(" + std::to_string(12 + kKey.size()) + " bytes, refused)");
  EXPECT_EQ(logged[1].detail_json->find(kKey.substr(2)), std::string::npos);

  EXPECT_EQ(logged[2].status, 400);
  const json extra = detail(logged[2]);
  EXPECT_EQ(extra.value("error", ""), "unknown_field");
  EXPECT_EQ(extra.at("body").at("label"), "mine");
  EXPECT_EQ(extra.at("body").at("private_key"), "[redacted]");
  EXPECT_EQ(logged[2].detail_json->find(weak.substr(2)), std::string::npos);

  EXPECT_EQ(logged[3].status, 422);
  const json bad_key = detail(logged[3]);
  EXPECT_EQ(bad_key.value("error", ""), "invalid_private_key");
  EXPECT_EQ(bad_key.at("body").at("private_key"), "[redacted]");
  EXPECT_EQ(logged[3].detail_json->find("0x1234"), std::string::npos);
}

TEST_F(AuditRoutes, ReadsAreNotAuditedWritesAre) {
  const std::string ft_id = create_ft(alice_key_)["id"];
  const auto before = entries(alice_id_).size();
  ASSERT_EQ(before, 1u);
  const std::vector<std::string> reads{
      "/api/ft/strategies", "/api/ft/strategies/" + ft_id, "/api/wallets", "/api/alerts",
      "/api/audit",         "/api/audit?kind=bogus",       "/api/health"};
  for (const auto& target : reads) client_->get(target, alice_key_);
  EXPECT_EQ(entries(alice_id_).size(), before);

  clock_.advance(std::chrono::seconds(1));
  const auto renamed =
      client_->patch("/api/ft/strategies/" + ft_id, alice_key_, {{"name", "renamed"}});
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  const auto logged = entries(alice_id_);
  ASSERT_EQ(logged.size(), 2u);
  EXPECT_EQ(logged[0].action, "PATCH /api/ft/strategies/" + ft_id);
  EXPECT_EQ(logged[0].entity_id, ft_id);
  EXPECT_EQ(logged[0].status, 200);
  EXPECT_EQ(detail(logged[0]).at("body").at("name"), "renamed");
  EXPECT_EQ(logged[1].action, "POST /api/ft/strategies");
  EXPECT_EQ(detail(logged[1]).at("body").at("name"), "Whales");
}

TEST_F(AuditRoutes, ListsByKindAndEntity) {
  const std::string ft_id = create_ft(alice_key_)["id"];
  clock_.advance(std::chrono::seconds(1));
  const std::string lt_id = create_lt(alice_key_, ft_id)["id"];
  clock_.advance(std::chrono::seconds(1));
  ASSERT_EQ(client_
                ->patch("/api/lt/strategies/" + lt_id + "/risk", alice_key_,
                        {{"consecutive_loss_limit", 3}})
                .status,
            200);

  EXPECT_EQ(actions("/api/audit?kind=rule_change", alice_key_), (Strings{"rule_change update"}));
  json body;
  EXPECT_EQ(actions("/api/audit?kind=api_call", alice_key_, &body),
            (Strings{"api_call PATCH /api/lt/strategies/" + lt_id + "/risk",
                     "api_call POST /api/lt/strategies", "api_call POST /api/ft/strategies"}));
  EXPECT_FALSE(body.contains("next_before"));
  EXPECT_TRUE(actions("/api/audit?kind=order", alice_key_).empty());
  EXPECT_EQ(actions("/api/audit", alice_key_).size(), 4u);

  const auto changes = client_->get("/api/audit?kind=rule_change", alice_key_).json();
  const json& change = changes.at("entries").at(0);
  EXPECT_EQ(change.at("entity_id"), lt_id);
  EXPECT_EQ(change.at("entity_type"), "risk_rules");
  EXPECT_EQ(change.at("actor"), "user:" + alice_id_);
  EXPECT_TRUE(change.at("status").is_null());
  EXPECT_EQ(change.at("detail").at("consecutive_loss_limit"), 3);

  const auto by_entity = actions("/api/audit?entity_id=" + lt_id, alice_key_);
  EXPECT_EQ(by_entity.size(), 2u);  // the PATCH and its rule change; the create had no id
  EXPECT_EQ(std::count(by_entity.begin(), by_entity.end(), "rule_change update"), 1);
  EXPECT_TRUE(actions("/api/audit?entity_id=" + lt_id, bob_key_).empty());
  EXPECT_TRUE(actions("/api/audit", bob_key_).empty());
}

TEST_F(AuditRoutes, PagesBeforeTheOldestOfThePreviousPage) {
  for (int i = 1; i <= 5; ++i) {
    clock_.advance(std::chrono::seconds(1));
    create_ft(alice_key_, "ft " + std::to_string(i));
  }
  const auto names = [](const json& body) {
    Strings out;
    for (const auto& e : body.at("entries")) out.push_back(e.at("detail").at("body").at("name"));
    return out;
  };
  auto page = client_->get("/api/audit?limit=2", alice_key_);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(names(page.json()), (Strings{"ft 5", "ft 4"}));
  ASSERT_TRUE(page.json().contains("next_before"));
  EXPECT_EQ(page.json().at("next_before"), "2026-11-25T19:30:04.000Z");
  EXPECT_EQ(page.json().at("entries").at(1).at("at"), "2026-11-25T19:30:04.000Z");

  page = client_->get(
      "/api/audit?limit=2&before=" + page.json().at("next_before").get<std::string>(), alice_key_);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(names(page.json()), (Strings{"ft 3", "ft 2"}));
  ASSERT_TRUE(page.json().contains("next_before"));

  page = client_->get(
      "/api/audit?limit=2&before=" + page.json().at("next_before").get<std::string>(), alice_key_);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(names(page.json()), (Strings{"ft 1"}));
  EXPECT_FALSE(page.json().contains("next_before"));

  // Without millis, and combined with a kind.
  page = client_->get("/api/audit?kind=api_call&before=2026-11-25T19:30:03Z", alice_key_);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(names(page.json()), (Strings{"ft 2", "ft 1"}));
}

TEST_F(AuditRoutes, BadParametersAreRefused) {
  for (const std::string bad :
       {"/api/audit?before=yesterday", "/api/audit?before=2026-11-25T19:30:00",
        "/api/audit?before=2026-13-01T00:00:00Z", "/api/audit?before=", "/api/audit?kind=orders",
        "/api/audit?limit=0", "/api/audit?limit=1001", "/api/audit?limit=x",
        "/api/audit?user=someone"}) {
    const auto refused = client_->get(bad, alice_key_);
    EXPECT_EQ(refused.status, 400) << bad << ": " << refused.body;
    EXPECT_EQ(refused.error_code(), "invalid_query") << bad;
  }
  EXPECT_EQ(
      client_->get("/api/audit?before=2026-11-25T19:30:00.000Z&limit=1000", alice_key_).status,
      200);
}

TEST(RedactSecrets, ReplacesSecretNamedValuesAtAnyDepth) {
  const json in = {
      {"name", "wallet"},
      {"private_key", "0xabc"},
      {"nested", {{"API_SECRET", "s"}, {"keep", 1}, {"deeper", {{"password", "p"}}}}},
      {"list", json::array({json{{"passphrase", "x"}, {"n", 2}}, json{{"mnemonic", "words"}}, 3})},
      {"signature", {{"r", 1}, {"s", 2}}},
      {"token", nullptr},
      {"count", 7}};
  const json out = service::redact_secrets(in);
  EXPECT_EQ(out.at("name"), "wallet");
  EXPECT_EQ(out.at("private_key"), "[redacted]");
  EXPECT_EQ(out.at("nested").at("API_SECRET"), "[redacted]");
  EXPECT_EQ(out.at("nested").at("keep"), 1);
  EXPECT_EQ(out.at("nested").at("deeper").at("password"), "[redacted]");
  EXPECT_EQ(out.at("list").at(0).at("passphrase"), "[redacted]");
  EXPECT_EQ(out.at("list").at(0).at("n"), 2);
  EXPECT_EQ(out.at("list").at(1).at("mnemonic"), "[redacted]");
  EXPECT_EQ(out.at("list").at(2), 3);
  EXPECT_EQ(out.at("signature"), "[redacted]");  // a whole object under a secret name
  EXPECT_TRUE(out.at("token").is_null());        // nothing to hide
  EXPECT_EQ(out.at("count"), 7);
  EXPECT_EQ(out.dump().find("0xabc"), std::string::npos);
  EXPECT_EQ(out.dump().find("words"), std::string::npos);

  // An array at the top, and plain values, pass through.
  EXPECT_EQ(service::redact_secrets(json::array({json{{"secret", 1}}})),
            json::array({json{{"secret", "[redacted]"}}}));
  EXPECT_EQ(service::redact_secrets(json("key")), json("key"));
  EXPECT_EQ(service::redact_secrets(json(5)), json(5));
}

TEST(Iso8601, ParsesUtcWithOrWithoutMillisAndNothingElse) {
  EXPECT_EQ(service::parse_iso8601("2026-11-25T19:30:00Z"), core::from_unix_ms(1'795'635'000'000));
  EXPECT_EQ(service::parse_iso8601("2026-11-25T19:30:00.123Z"),
            core::from_unix_ms(1'795'635'000'123));
  EXPECT_EQ(service::parse_iso8601("1970-01-01T00:00:00.000Z"), core::from_unix_ms(0));
  EXPECT_EQ(service::parse_iso8601("2024-02-29T23:59:59.999Z"),
            core::from_unix_ms(1'709'251'199'999));
  for (const char* bad :
       {"2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-02-30T00:00:00Z",
        "2025-02-29T00:00:00Z", "2026-11-25T24:00:00Z", "2026-11-25T19:60:00Z",
        "2026-11-25T19:30:60Z", "2026-11-25T19:30:00", "2026-11-25T19:30:00.123",
        "2026-11-25 19:30:00Z", "2026-11-25T19:30:00.12Z", "2026-11-25T19:30:00+01:00",
        "2026-11-25T19:30:00,123Z", "2026-1a-25T19:30:00Z", "garbage", "", "yesterday at noon",
        "+026-11-25T19:30:00Z", "2026-11-25T19:30:00.1234Z"})
    EXPECT_FALSE(service::parse_iso8601(bad)) << bad;

  for (const std::int64_t ms : {std::int64_t{0}, std::int64_t{1'795'635'000'000},
                                std::int64_t{1'795'635'000'007}, std::int64_t{4'102'444'799'999}}) {
    const auto t = core::from_unix_ms(ms);
    const auto text = service::format_iso8601(t);
    EXPECT_EQ(service::parse_iso8601(text), t) << text;
    EXPECT_EQ(service::format_iso8601(service::parse_iso8601(text).value()), text);
  }
  EXPECT_EQ(service::format_iso8601(core::from_unix_ms(1'795'635'000'007)),
            "2026-11-25T19:30:00.007Z");
}

TEST_F(AuditRoutes, JobRunsAreAuditedByTheirUserOrAsCron) {
  // No engine in this process: the run is refused, and the attempt logged for its user.
  EXPECT_EQ(client_->post("/api/lt/execute", alice_key_, json::object()).status, 503);
  const auto alice = entries(alice_id_);
  ASSERT_EQ(alice.size(), 1u);
  EXPECT_EQ(alice[0].action, "POST /api/lt/execute");
  EXPECT_EQ(alice[0].status, 503);
  EXPECT_EQ(detail(alice[0]).value("error", ""), "jobs_unavailable");
  EXPECT_TRUE(entries(bob_id_).empty());

  // A cron's run is a system entry: every user sees it; a wrong secret is not a run.
  clock_.advance(std::chrono::seconds(1));  // newest first: the cron's entry comes first
  service::JobAccess access;
  access.cron_secret = "cron-secret-0123456789";
  const auto router = service::make_api_router(*store_, clock_, nullptr, access);
  service::HttpRequest cron;
  cron.method = "GET";
  cron.path = "/api/cron/lt-resolve";
  cron.headers["x-cron-secret"] = "wrong-secret-0123456789";
  EXPECT_EQ(router.handle(cron).status, 401);
  cron.headers["x-cron-secret"] = *access.cron_secret;
  EXPECT_EQ(router.handle(cron).status, 503);
  for (const auto& user : {alice_id_, bob_id_}) {
    const auto seen = entries(user);
    ASSERT_FALSE(seen.empty());
    EXPECT_EQ(seen[0].actor, "cron");
    EXPECT_EQ(seen[0].action, "GET /api/cron/lt-resolve");
    EXPECT_FALSE(seen[0].user_id.has_value());
  }
  EXPECT_EQ(entries(bob_id_).size(), 1u);  // the wrong secret left nothing
}

}  // namespace
}  // namespace polycopy::testing
