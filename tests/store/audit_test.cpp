// The audit log on a real SQLite file: every order intent and every actual change of an
// order's state or filled size is logged by the store for the strategy's owner (nothing for a
// replay or a no-op, nothing when the write fails); API calls recorded by the service and the
// rule changes of rules and pauses read back together, scoped to their user, by kind, entity
// and time (before), newest first.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "store/alert_seed.hpp"

namespace polycopy::store::testing {
namespace {

using nlohmann::json;

class AuditStore : public AlertSeedTest {
 protected:
  std::vector<AuditEntry> audit(const std::string& user, const AuditQuery& q = {}) {
    auto listed = store_->list_audit(user, q);
    if (!listed) ADD_FAILURE() << listed.error().to_string();
    return listed ? *listed : std::vector<AuditEntry>{};
  }
  std::vector<AuditEntry> orders(const std::string& user) {
    AuditQuery q;
    q.kind = "order";
    return audit(user, q);
  }
  static std::vector<std::string> actions(const std::vector<AuditEntry>& entries) {
    std::vector<std::string> out;
    for (const auto& e : entries) out.push_back(e.action);
    return out;
  }
  static std::vector<std::string> ids(const std::vector<AuditEntry>& entries) {
    std::vector<std::string> out;
    for (const auto& e : entries) out.push_back(e.id);
    return out;
  }
  static json detail(const AuditEntry& e) {
    EXPECT_TRUE(e.detail_json) << e.id;
    return e.detail_json ? json::parse(*e.detail_json) : json();
  }
};

TEST_F(AuditStore, AnOrderIntentIsLoggedForTheStrategysOwner) {
  intent(1, "lt_a", 1, 3'001);
  const auto entries = audit("usr_a");
  ASSERT_EQ(entries.size(), 1u);
  const auto& e = entries[0];
  EXPECT_EQ(e.id.rfind("aud_", 0), 0u) << e.id;
  EXPECT_EQ(e.user_id, "usr_a");
  EXPECT_EQ(e.actor, "engine");
  EXPECT_EQ(e.kind, "order");
  EXPECT_EQ(e.action, "order_intent");
  EXPECT_EQ(e.entity_type, "order");
  EXPECT_EQ(e.entity_id, "ord_1");
  EXPECT_FALSE(e.status);
  EXPECT_EQ(e.at, at_ms(3'001));
  const json d = detail(e);
  EXPECT_EQ(d.value("lt_strategy_id", ""), "lt_a");
  EXPECT_EQ(d.value("side", ""), "BUY");
  EXPECT_EQ(d.value("token_id", ""), token(1));
  EXPECT_EQ(d.value("limit_price", ""), "0.6");
  EXPECT_EQ(d.value("size", ""), "10");
  EXPECT_EQ(d.value("order_type", ""), "GTC");
  EXPECT_EQ(d.value("idempotency_key", ""), "key_1");
  EXPECT_TRUE(audit("usr_b").empty());

  // The same key again comes back as stored: no second entry.
  OrderRecord repeat;
  repeat.id = "ord_1_again";
  repeat.lt_strategy_id = "lt_a";
  repeat.idempotency_key = "key_1";
  repeat.token_id = token(1);
  repeat.limit_price = core::Price::from_micros(600'000).value();
  repeat.size = shares(1'000'000);
  repeat.created_at = repeat.updated_at = at_ms(3'500);
  const auto again = store_->insert_order_intent(repeat, "rsv_1");
  ASSERT_TRUE(again.ok()) << again.error().to_string();
  EXPECT_FALSE(again->second);
  // An intent refused (its reservation is not live) logs nothing either: one transaction.
  repeat.idempotency_key = "key_refused";
  EXPECT_EQ(store_->insert_order_intent(repeat, "rsv_none").error().code, "reservation_not_live");
  EXPECT_FALSE(store_->find_order("ord_1_again").value());
  EXPECT_EQ(audit("usr_a").size(), 1u);
}

TEST_F(AuditStore, EachActualChangeOfAnOrderIsLoggedOnce) {
  intent(1, "lt_a", 1, 3'001);
  submit(1, 3'100);
  submit(1, 3'200);  // the same venue id again: no change
  fill(1, 4'000'000, 4'000);
  // A replayed venue trade changes nothing.
  const auto replay = store_->record_order_fill(
      "ord_1",
      VenueFill{"fil_vt_1_1", "vt_1_1", core::Price::from_micros(500'000).value(),
                shares(4'000'000), core::Usd::from_micros(0), at_ms(4'000), std::nullopt},
      at_ms(4'500));
  ASSERT_TRUE(replay.ok()) << replay.error().to_string();
  EXPECT_FALSE(replay->applied);
  fill(1, 6'000'000, 5'000);
  // Ending a filled order changes nothing.
  end(1, OrderState::cancelled, "too late", 6'000);

  const auto entries = orders("usr_a");
  EXPECT_EQ(actions(entries), (std::vector<std::string>{"order_filled", "order_partially_filled",
                                                        "order_submitted", "order_intent"}));
  ASSERT_EQ(entries.size(), 4u);
  for (const auto& e : entries) {
    EXPECT_EQ(e.entity_id, "ord_1");
    EXPECT_EQ(e.user_id, "usr_a");
    EXPECT_EQ(e.kind, "order");
  }
  EXPECT_EQ(entries[0].at, at_ms(5'000));
  EXPECT_EQ(entries[1].at, at_ms(4'000));
  EXPECT_EQ(entries[2].at, at_ms(3'100));
  const json submitted = detail(entries[2]);
  EXPECT_EQ(submitted.value("from_state", ""), "intent");
  EXPECT_EQ(submitted.value("state", ""), "submitted");
  EXPECT_EQ(submitted.value("filled_size", ""), "0");
  EXPECT_EQ(submitted.value("venue_order_id", ""), "0xvenue1");
  EXPECT_EQ(submitted.value("lt_strategy_id", ""), "lt_a");
  const json partial = detail(entries[1]);
  EXPECT_EQ(partial.value("from_state", ""), "submitted");
  EXPECT_EQ(partial.value("state", ""), "partially_filled");
  EXPECT_EQ(partial.value("filled_size", ""), "4");
  const json filled = detail(entries[0]);
  EXPECT_EQ(filled.value("from_state", ""), "partially_filled");
  EXPECT_EQ(filled.value("state", ""), "filled");
  EXPECT_EQ(filled.value("filled_size", ""), "10");
  EXPECT_FALSE(filled.contains("venue_message"));
}

TEST_F(AuditStore, AnEndedOrderIsLoggedOnceAndALateFillAgain) {
  intent(2, "lt_b", 1, 3'001);
  end(2, OrderState::cancelled, "cancelled by the venue", 6'000);
  end(2, OrderState::expired, std::nullopt, 6'100);  // already final: no change
  EXPECT_TRUE(orders("usr_a").empty());
  auto entries = orders("usr_b");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].action, "order_cancelled");
  EXPECT_EQ(entries[0].at, at_ms(6'000));
  const json cancelled = detail(entries[0]);
  EXPECT_EQ(cancelled.value("from_state", ""), "intent");
  EXPECT_EQ(cancelled.value("state", ""), "cancelled");
  EXPECT_EQ(cancelled.value("venue_message", ""), "cancelled by the venue");
  EXPECT_FALSE(cancelled.contains("venue_order_id"));

  // A fill the venue reports after the end still moves the filled size: one more entry.
  fill(2, 1'000'000, 7'000);
  entries = orders("usr_b");
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].action, "order_cancelled");
  EXPECT_EQ(entries[0].at, at_ms(7'000));
  const json late = detail(entries[0]);
  EXPECT_EQ(late.value("from_state", ""), "cancelled");
  EXPECT_EQ(late.value("state", ""), "cancelled");
  EXPECT_EQ(late.value("filled_size", ""), "1");
}

// Times of the log: after the strategies were created (their updated_at may not precede it).
constexpr std::int64_t kT = 1'800'000'000'000;

class AuditLog : public AuditStore {
 protected:
  void SetUp() override {
    AuditStore::SetUp();
    if (HasFatalFailure()) return;
    record("aud_1", "usr_a", kT + 1'000, "lt_a", 200);
    record("aud_2", "usr_a", kT + 2'000, std::nullopt, 201);
    record("aud_3", "usr_a", kT + 3'000, "alr_1", 404);
    record("aud_b", "usr_b", kT + 2'500, "lt_a", 200);
    intent(1, "lt_a", 1, kT + 2'200);  // an order entry at 2'200

    auto lt = store_->get_lt_strategy("usr_a", "lt_a").value().value();
    lt.params.risk.max_open_positions = 3;
    ASSERT_TRUE(
        store_
            ->update_lt_strategy(
                lt, {RuleChange{"chg_1", "usr_a", "user:usr_a", "risk_rules", "lt_a", "update",
                                R"({"max_open_positions":null})", R"({"max_open_positions":3})",
                                std::nullopt, at_ms(kT + 1'500)}})
            .ok());
    const auto resumed = store_->set_lt_paused(
        "usr_a", "lt_a", false, std::nullopt,
        RuleChange{"chg_2", "usr_a", "user:usr_a", "lt_strategy", "lt_a", "resume",
                   R"({"paused":true})", std::nullopt, "back to work", at_ms(kT + 3'500)});
    ASSERT_TRUE(resumed.ok()) << resumed.error().to_string();
    auto b = store_->get_lt_strategy("usr_b", "lt_b").value().value();
    b.params.name = "renamed";
    ASSERT_TRUE(store_
                    ->update_lt_strategy(
                        b, {RuleChange{"chg_b", "usr_b", "user:usr_b", "lt_strategy", "lt_b",
                                       "update", std::nullopt, R"({"name":"renamed"})",
                                       std::nullopt, at_ms(kT + 2'600)}})
                    .ok());
  }

  void record(const std::string& id, const std::string& user, std::int64_t at,
              const std::optional<std::string>& entity, std::int64_t status) {
    AuditEntry e;
    e.id = id;
    e.user_id = user;
    e.actor = "user:" + user;
    e.kind = "api_call";
    e.action = "POST /api/things/" + id;
    e.entity_id = entity;
    e.status = status;
    e.detail_json = R"({"body":{"name":")" + id + R"("}})";
    e.at = at_ms(at);
    const auto done = store_->record_audit(e);
    ASSERT_TRUE(done.ok()) << done.error().to_string();
  }
  std::vector<std::string> listed(const std::string& user, std::optional<std::string> kind,
                                  std::optional<std::string> entity,
                                  std::optional<std::int64_t> before, std::int64_t limit = 100) {
    AuditQuery q;
    q.kind = std::move(kind);
    q.entity_id = std::move(entity);
    if (before) q.before = at_ms(*before);
    q.limit = limit;
    return ids(audit(user, q));
  }

  std::string order_entry() {
    const auto entries = orders("usr_a");
    if (entries.size() != 1u) ADD_FAILURE() << entries.size() << " order entries";
    return entries.empty() ? "" : entries[0].id;
  }
};

using Ids = std::vector<std::string>;

TEST_F(AuditLog, AUsersEntriesOfEveryKindNewestFirstAndNoOneElses) {
  const auto all = audit("usr_a");
  EXPECT_EQ(ids(all), (Ids{"chg_2", "aud_3", order_entry(), "aud_2", "chg_1", "aud_1"}));
  ASSERT_EQ(all.size(), 6u);
  const auto& call = all[1];
  EXPECT_EQ(call.kind, "api_call");
  EXPECT_EQ(call.user_id, "usr_a");
  EXPECT_EQ(call.actor, "user:usr_a");
  EXPECT_EQ(call.action, "POST /api/things/aud_3");
  EXPECT_EQ(call.entity_id, "alr_1");
  EXPECT_FALSE(call.entity_type);
  EXPECT_EQ(call.status, 404);
  EXPECT_EQ(call.detail_json, R"({"body":{"name":"aud_3"}})");
  EXPECT_EQ(call.at, at_ms(kT + 3'000));

  EXPECT_EQ(ids(audit("usr_b")), (Ids{"chg_b", "aud_b"}));
  EXPECT_TRUE(audit("usr_nobody").empty());
}

TEST_F(AuditLog, RuleChangesAreListedAsTheirOwnKind) {
  EXPECT_EQ(listed("usr_a", "rule_change", std::nullopt, std::nullopt), (Ids{"chg_2", "chg_1"}));
  AuditQuery q;
  q.kind = "rule_change";
  const auto changes = audit("usr_a", q);
  ASSERT_EQ(changes.size(), 2u);
  const auto& resume = changes[0];
  EXPECT_EQ(resume.kind, "rule_change");
  EXPECT_EQ(resume.user_id, "usr_a");
  EXPECT_EQ(resume.actor, "user:usr_a");
  EXPECT_EQ(resume.action, "resume");
  EXPECT_EQ(resume.entity_type, "lt_strategy");
  EXPECT_EQ(resume.entity_id, "lt_a");
  EXPECT_FALSE(resume.status);
  EXPECT_EQ(resume.detail_json, R"({"paused":true})");  // no after: the before
  EXPECT_EQ(resume.at, at_ms(kT + 3'500));
  const auto& update = changes[1];
  EXPECT_EQ(update.action, "update");
  EXPECT_EQ(update.entity_type, "risk_rules");
  EXPECT_EQ(update.detail_json, R"({"max_open_positions":3})");  // the after

  EXPECT_EQ(listed("usr_a", "api_call", std::nullopt, std::nullopt),
            (Ids{"aud_3", "aud_2", "aud_1"}));
  EXPECT_EQ(listed("usr_a", "order", std::nullopt, std::nullopt), (Ids{order_entry()}));
  EXPECT_TRUE(listed("usr_a", "nothing", std::nullopt, std::nullopt).empty());
  EXPECT_EQ(listed("usr_b", "rule_change", std::nullopt, std::nullopt), (Ids{"chg_b"}));
}

TEST_F(AuditLog, FiltersByEntityAndPagesBeforeATime) {
  // lt_a: two rule changes and one call of usr_a (usr_b's call on the same id is not theirs).
  EXPECT_EQ(listed("usr_a", std::nullopt, "lt_a", std::nullopt), (Ids{"chg_2", "chg_1", "aud_1"}));
  EXPECT_EQ(listed("usr_a", std::nullopt, "ord_1", std::nullopt), (Ids{order_entry()}));
  EXPECT_EQ(listed("usr_a", "api_call", "lt_a", std::nullopt), (Ids{"aud_1"}));
  EXPECT_TRUE(listed("usr_a", std::nullopt, "lt_b", std::nullopt).empty());

  // Strictly before the time; with a limit, the newest of those.
  EXPECT_EQ(listed("usr_a", std::nullopt, std::nullopt, kT + 3'000),
            (Ids{order_entry(), "aud_2", "chg_1", "aud_1"}));
  EXPECT_EQ(listed("usr_a", std::nullopt, std::nullopt, kT + 3'000, 2),
            (Ids{order_entry(), "aud_2"}));
  EXPECT_EQ(listed("usr_a", std::nullopt, std::nullopt, kT + 2'000, 2), (Ids{"chg_1", "aud_1"}));
  EXPECT_EQ(listed("usr_a", "api_call", std::nullopt, kT + 2'000), (Ids{"aud_1"}));
  EXPECT_TRUE(listed("usr_a", std::nullopt, std::nullopt, kT + 1'000).empty());
  EXPECT_EQ(listed("usr_a", std::nullopt, std::nullopt, std::nullopt, 1), (Ids{"chg_2"}));
}

TEST_F(AuditLog, PagesThroughEntriesOfTheSameMillisecondById) {
  record("aud_x1", "usr_a", kT + 5'000, std::nullopt, 200);
  record("aud_x2", "usr_a", kT + 5'000, std::nullopt, 200);
  record("aud_x3", "usr_a", kT + 5'000, std::nullopt, 200);
  AuditQuery q;
  q.limit = 2;
  const auto first = audit("usr_a", q);
  EXPECT_EQ(ids(first), (Ids{"aud_x3", "aud_x2"}));
  q.before = first.back().at;
  q.before_id = first.back().id;
  EXPECT_EQ(ids(audit("usr_a", q)), (Ids{"aud_x1", "chg_2"}));  // nothing skipped
  q.before_id.reset();
  EXPECT_EQ(ids(audit("usr_a", q)), (Ids{"chg_2", "aud_3"}));  // by time alone: x1 is lost
}

TEST_F(AuditLog, AnEntryTheTableRefusesIsNotStored) {
  AuditEntry e;
  e.id = "aud_bad";
  e.user_id = "usr_a";
  e.actor = "user:usr_a";
  e.kind = "rule_change";  // rule changes live in their own table
  e.action = "POST /api/x";
  e.at = at_ms(kT + 9'000);
  const auto refused = store_->record_audit(e);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "constraint_violation");
  e.kind = "api_call";
  e.user_id = "usr_unknown";
  EXPECT_FALSE(store_->record_audit(e).ok());
  EXPECT_EQ(audit("usr_a").size(), 6u);
}

}  // namespace
}  // namespace polycopy::store::testing
