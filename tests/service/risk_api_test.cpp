// The risk endpoints (/api/lt/strategies/{id}/risk, /risk/state, /risk/reset-breaker,
// /risk/changes) over a real socket with a real SQLite store; the breaker is tripped by
// driving the risk manager on the same store and clock, as the engine would.
#include <gtest/gtest.h>

#include <algorithm>

#include "risk/risk_manager.hpp"
#include "service/api_fixture.hpp"

namespace polycopy::testing {
namespace {

using nlohmann::json;

const json kNoRules{{"daily_budget_usd", nullptr},         {"weekly_budget_usd", nullptr},
                    {"monthly_budget_usd", nullptr},       {"max_position_usd", nullptr},
                    {"max_total_exposure_usd", nullptr},   {"max_open_positions", nullptr},
                    {"max_positions_per_market", nullptr}, {"max_drawdown_pct", nullptr},
                    {"consecutive_loss_limit", nullptr},   {"max_slippage_pct", nullptr},
                    {"min_order_book_depth_usd", nullptr}};

class RiskApi : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    if (HasFatalFailure()) return;
    const std::string ft_id = create_ft(alice_key_)["id"];
    lt_id_ = create_lt(alice_key_, ft_id)["id"];
  }

  std::string path(const std::string& suffix = "") const {
    return "/api/lt/strategies/" + lt_id_ + "/risk" + suffix;
  }

  ClientResponse post_empty(const std::string& target, const std::string& key) {
    return client_->request("POST", target, "", {{"authorization", "Bearer " + key}});
  }

  // Resumes with a wallet, then loses one order (buy 10 @ 0.5, resolves at 0): with
  // consecutive_loss_limit 1 the breaker trips and pauses the strategy.
  void trip_breaker() {
    ASSERT_EQ(client_->patch(path(), alice_key_, {{"consecutive_loss_limit", 1}}).status, 200);
    const std::string wallet = add_wallet(alice_id_);
    ASSERT_EQ(
        client_->patch("/api/lt/strategies/" + lt_id_, alice_key_, {{"wallet_id", wallet}}).status,
        200);
    ASSERT_EQ(post_empty("/api/lt/strategies/" + lt_id_ + "/resume", alice_key_).status, 200);

    risk::RiskManager manager(*store_, clock_);
    risk::OrderRequest order;
    order.condition_id = "0x" + std::string(64, 'a');
    order.token_id = "101";
    order.limit_price = core::Price::from_micros(500'000).value();
    order.size = core::Shares::from_micros(10'000'000);
    order.asks = {risk::AskLevel{order.limit_price, core::Shares::from_micros(1'000'000'000)}};
    const auto reserved = manager.check_and_reserve(lt_id_, order);
    ASSERT_TRUE(reserved.ok()) << reserved.error().to_string();
    ASSERT_TRUE(reserved->reservation_id) << reserved->refusal->message;
    risk::FillEvent fill;
    fill.reservation_id = *reserved->reservation_id;
    fill.fill_key = "trade-1";
    fill.shares = order.size;
    fill.price = order.limit_price;
    fill.completes_order = true;
    fill.filled_at = clock_.now();
    const auto filled = manager.record_fill(lt_id_, fill);
    ASSERT_TRUE(filled.ok()) << filled.error().to_string();
    risk::ResolveEvent resolve;
    resolve.reservation_id = *reserved->reservation_id;
    resolve.payout_per_share = core::Price::from_micros(0).value();
    const auto resolved = manager.record_resolution(lt_id_, resolve);
    ASSERT_TRUE(resolved.ok()) << resolved.error().to_string();
  }

  std::string lt_id_;
};

TEST_F(RiskApi, RulesStartUnsetAndPatchChangesOnlyTheFieldsSent) {
  auto shown = client_->get(path(), alice_key_);
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_EQ(shown.json(), (json{{"lt_strategy_id", lt_id_}, {"risk", kNoRules}}));

  auto patched = client_->patch(path(), alice_key_,
                                {{"daily_budget_usd", "50"},
                                 {"weekly_budget_usd", 100},
                                 {"max_drawdown_pct", 0.25},
                                 {"max_open_positions", 4}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  json expected = kNoRules;
  expected["daily_budget_usd"] = "50";
  expected["weekly_budget_usd"] = "100";
  expected["max_drawdown_pct"] = "0.25";
  expected["max_open_positions"] = 4;
  EXPECT_EQ(patched.json(), (json{{"lt_strategy_id", lt_id_}, {"risk", expected}}));
  EXPECT_EQ(client_->get(path(), alice_key_).json().at("risk"), expected);
  // The strategy's own JSON shows the same rules.
  EXPECT_EQ(client_->get("/api/lt/strategies/" + lt_id_, alice_key_).json().at("risk"), expected);

  auto cleared = client_->patch(path(), alice_key_, {{"weekly_budget_usd", nullptr}});
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_EQ(cleared.json().at("risk").at("weekly_budget_usd"), nullptr);
  EXPECT_EQ(cleared.json().at("risk").at("daily_budget_usd"), "50");
}

TEST_F(RiskApi, PatchRefusesBadRulesWithTheirCodesAndChangesNothing) {
  const struct {
    json patch;
    int status;
    std::string code;
    std::string in_message;
  } cases[] = {
      {{{"daily_budget_usd", "-1"}}, 422, "risk_limit_invalid", "risk.daily_budget_usd"},
      {{{"max_open_positions", -2}}, 422, "risk_limit_invalid", "risk.max_open_positions"},
      {{{"consecutive_loss_limit", 0}}, 422, "risk_limit_invalid", "risk.consecutive_loss_limit"},
      {{{"daily_budget_usd", "100"}, {"weekly_budget_usd", "50"}},
       422,
       "budget_order_invalid",
       "risk.daily_budget_usd"},
      {{{"max_drawdown_pct", "1.5"}}, 422, "percentage_invalid", "risk.max_drawdown_pct"},
      {{{"max_slippage_pct", "-0.1"}}, 422, "percentage_invalid", "risk.max_slippage_pct"},
      {{{"daily_cap", "5"}}, 400, "unknown_field", "risk.daily_cap"},
      {{{"max_open_positions", "many"}}, 400, "wrong_type", "risk.max_open_positions"},
      {{{"daily_budget_usd", "ten"}}, 400, "invalid_decimal", "risk.daily_budget_usd"},
      {{{"daily_budget_usd", "1.0000001"}}, 400, "too_precise", "risk.daily_budget_usd"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.patch.dump());
    auto response = client_->patch(path(), alice_key_, c.patch);
    EXPECT_EQ(response.status, c.status) << response.body;
    EXPECT_EQ(response.error_code(), c.code);
    EXPECT_NE(response.body.find(c.in_message), std::string::npos) << response.body;
  }
  auto array =
      client_->request("PATCH", path(), "[1]", {{"authorization", "Bearer " + alice_key_}});
  EXPECT_EQ(array.status, 400);
  EXPECT_EQ(array.error_code(), "wrong_type");
  auto not_json =
      client_->request("PATCH", path(), "{", {{"authorization", "Bearer " + alice_key_}});
  EXPECT_EQ(not_json.status, 400);
  EXPECT_EQ(not_json.error_code(), "invalid_json");

  EXPECT_EQ(client_->get(path(), alice_key_).json().at("risk"), kNoRules);
  EXPECT_EQ(client_->get(path("/changes"), alice_key_).json(), (json{{"changes", json::array()}}));
}

TEST_F(RiskApi, EveryRuleChangeIsAuditedNewestFirst) {
  ASSERT_EQ(client_->patch(path(), alice_key_, {{"daily_budget_usd", "50"}}).status, 200);
  clock_.advance(std::chrono::minutes(1));
  ASSERT_EQ(client_->patch(path(), alice_key_, {{"daily_budget_usd", "60"}}).status, 200);

  auto response = client_->get(path("/changes"), alice_key_);
  ASSERT_EQ(response.status, 200) << response.body;
  const json changes = response.json().at("changes");
  ASSERT_EQ(changes.size(), 2u);
  const json& newest = changes[0];
  EXPECT_EQ(newest.at("actor"), "user:" + alice_id_);
  EXPECT_EQ(newest.at("entity_type"), "risk_rules");
  EXPECT_EQ(newest.at("action"), "update");
  EXPECT_EQ(newest.at("before").at("daily_budget_usd"), "50");
  EXPECT_EQ(newest.at("after").at("daily_budget_usd"), "60");
  EXPECT_EQ(newest.at("reason"), nullptr);
  EXPECT_EQ(newest.at("changed_at"), "2026-11-25T19:31:00.000Z");
  EXPECT_EQ(newest.at("id").get<std::string>().rfind("chg_", 0), 0u);
  EXPECT_EQ(changes[1].at("before").at("daily_budget_usd"), nullptr);
  EXPECT_EQ(changes[1].at("after").at("daily_budget_usd"), "50");

  auto one = client_->get(path("/changes?limit=1"), alice_key_);
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.json().at("changes").size(), 1u);
  EXPECT_EQ(one.json().at("changes")[0].at("id"), newest.at("id"));

  for (const std::string query :
       {"limit=0", "limit=501", "limit=abc", "limit=-1", "limit=1&limit=2", "offset=1"}) {
    SCOPED_TRACE(query);
    auto bad = client_->get(path("/changes?" + query), alice_key_);
    EXPECT_EQ(bad.status, 400) << bad.body;
    EXPECT_EQ(bad.error_code(), "invalid_query");
  }
}

TEST_F(RiskApi, StateOfAFreshStrategy) {
  ASSERT_EQ(client_
                ->patch(path(), alice_key_,
                        {{"daily_budget_usd", "50"},
                         {"weekly_budget_usd", "200"},
                         {"max_total_exposure_usd", "300"},
                         {"max_open_positions", 5},
                         {"max_drawdown_pct", "0.2"},
                         {"consecutive_loss_limit", 3}})
                .status,
            200);
  auto response = client_->get(path("/state"), alice_key_);
  ASSERT_EQ(response.status, 200) << response.body;
  const json state = response.json();
  EXPECT_EQ(state.at("lt_strategy_id"), lt_id_);
  EXPECT_EQ(state.at("as_of"), "2026-11-25T19:30:00.000Z");
  EXPECT_EQ(state.at("time_zone"), "UTC");
  EXPECT_EQ(state.at("paused"), true);  // LT strategies start paused
  EXPECT_TRUE(state.at("pause_reason").is_string());

  const json& windows = state.at("windows");
  EXPECT_EQ(windows.at("day"), (json{{"start", "2026-11-25T00:00:00.000Z"},
                                     {"end", "2026-11-26T00:00:00.000Z"},
                                     {"spent", "0"},
                                     {"reserved", "0"},
                                     {"used", "0"},
                                     {"limit", "50"},
                                     {"remaining", "50"}}));
  EXPECT_EQ(windows.at("week").at("start"), "2026-11-23T00:00:00.000Z");  // Monday
  EXPECT_EQ(windows.at("week").at("end"), "2026-11-30T00:00:00.000Z");
  EXPECT_EQ(windows.at("week").at("remaining"), "200");
  EXPECT_EQ(windows.at("month").at("start"), "2026-11-01T00:00:00.000Z");
  EXPECT_EQ(windows.at("month").at("end"), "2026-12-01T00:00:00.000Z");
  EXPECT_EQ(windows.at("month").at("limit"), nullptr);
  EXPECT_EQ(windows.at("month").at("remaining"), nullptr);

  EXPECT_EQ(state.at("reserved"), "0");
  EXPECT_EQ(state.at("exposure"), "0");
  EXPECT_EQ(state.at("exposure_with_reserved"), "0");
  EXPECT_EQ(state.at("max_total_exposure"), "300");
  EXPECT_EQ(state.at("open_positions"), 0);
  EXPECT_EQ(state.at("max_open_positions"), 5);
  EXPECT_EQ(state.at("realised_pnl"), "0");
  EXPECT_EQ(state.at("equity"), "1000");  // the default starting equity
  EXPECT_EQ(state.at("peak_equity"), "1000");
  EXPECT_EQ(state.at("drawdown"), "0");
  EXPECT_EQ(state.at("max_drawdown_pct"), "0.2");
  EXPECT_EQ(state.at("consecutive_losses"), 0);
  EXPECT_EQ(state.at("consecutive_loss_limit"), 3);
  EXPECT_EQ(state.at("breaker"),
            (json{{"state", "closed"}, {"reason", nullptr}, {"tripped_at", nullptr}}));
}

TEST_F(RiskApi, AnotherUsersOrAnUnknownStrategyIs404OnEveryRoute) {
  for (const std::string& id : {lt_id_, std::string("lt_unknown")}) {
    const std::string base = "/api/lt/strategies/" + id + "/risk";
    const std::string key = id == lt_id_ ? bob_key_ : alice_key_;
    SCOPED_TRACE(base);
    const ClientResponse responses[] = {
        client_->get(base, key),
        client_->patch(base, key, {{"daily_budget_usd", "1"}}),
        client_->get(base + "/state", key),
        client_->post(base + "/reset-breaker", key, {{"resume", false}}),
        post_empty(base + "/reset-breaker", key),
        client_->get(base + "/changes", key),
    };
    for (const auto& response : responses) {
      EXPECT_EQ(response.status, 404) << response.body;
      EXPECT_EQ(response.error_code(), "strategy_not_found");
    }
  }
  EXPECT_EQ(client_->get(path(), alice_key_).json().at("risk"), kNoRules);
  EXPECT_EQ(client_->get(path(), "wrong-key").status, 401);
}

TEST_F(RiskApi, ResetBreakerRefusesAClosedBreakerAndBadBodies) {
  auto empty = post_empty(path("/reset-breaker"), alice_key_);
  EXPECT_EQ(empty.status, 409) << empty.body;
  EXPECT_EQ(empty.error_code(), "breaker_not_open");
  auto keep = client_->post(path("/reset-breaker"), alice_key_, {{"resume", false}});
  EXPECT_EQ(keep.status, 409) << keep.body;
  EXPECT_EQ(keep.error_code(), "breaker_not_open");

  auto unknown = client_->post(path("/reset-breaker"), alice_key_, {{"force", true}});
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.error_code(), "unknown_field");
  auto wrong = client_->post(path("/reset-breaker"), alice_key_, {{"resume", "yes"}});
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(wrong.error_code(), "wrong_type");
  auto text =
      client_->request("POST", path("/reset-breaker"), "resume",
                       {{"authorization", "Bearer " + alice_key_}, {"content-type", "text/plain"}});
  EXPECT_EQ(text.status, 415);
  EXPECT_EQ(text.error_code(), "unsupported_media_type");
}

TEST_F(RiskApi, ATrippedBreakerPausesAndItsResetNeedsAWalletToResume) {
  trip_breaker();
  if (HasFatalFailure()) return;

  auto tripped = client_->get(path("/state"), alice_key_).json();
  EXPECT_EQ(tripped.at("breaker").at("state"), "open");
  EXPECT_TRUE(tripped.at("breaker").at("reason").is_string());
  EXPECT_EQ(tripped.at("breaker").at("tripped_at"), "2026-11-25T19:30:00.000Z");
  EXPECT_EQ(tripped.at("paused"), true);
  EXPECT_EQ(tripped.at("consecutive_losses"), 1);
  EXPECT_EQ(tripped.at("realised_pnl"), "-5");
  EXPECT_EQ(tripped.at("equity"), "995");
  EXPECT_EQ(tripped.at("peak_equity"), "1000");
  EXPECT_EQ(tripped.at("drawdown"), "0.005");
  EXPECT_EQ(tripped.at("windows").at("day").at("spent"), "5");
  EXPECT_EQ(tripped.at("exposure"), "0");
  EXPECT_EQ(tripped.at("open_positions"), 0);

  const std::string strategy = "/api/lt/strategies/" + lt_id_;
  auto resume = post_empty(strategy + "/resume", alice_key_);
  EXPECT_EQ(resume.status, 409) << resume.body;
  EXPECT_EQ(resume.error_code(), "circuit_breaker_open");

  // Without a wallet the reset may close the breaker but not resume.
  clock_.advance(std::chrono::minutes(1));
  ASSERT_EQ(client_->patch(strategy, alice_key_, {{"wallet_id", nullptr}}).status, 200);
  auto no_wallet = post_empty(path("/reset-breaker"), alice_key_);
  EXPECT_EQ(no_wallet.status, 409) << no_wallet.body;
  EXPECT_EQ(no_wallet.error_code(), "wallet_required");
  EXPECT_EQ(client_->get(path("/state"), alice_key_).json().at("breaker").at("state"), "open");

  clock_.advance(std::chrono::minutes(1));
  auto kept = client_->post(path("/reset-breaker"), alice_key_, {{"resume", false}});
  ASSERT_EQ(kept.status, 200) << kept.body;
  const json reset = kept.json();
  EXPECT_EQ(reset.at("breaker"),
            (json{{"state", "closed"}, {"reason", nullptr}, {"tripped_at", nullptr}}));
  EXPECT_EQ(reset.at("consecutive_losses"), 0);
  EXPECT_EQ(reset.at("peak_equity"), "995");  // the drawdown is measured from here
  EXPECT_EQ(reset.at("drawdown"), "0");
  EXPECT_EQ(reset.at("paused"), true);
  EXPECT_EQ(reset.at("strategy").at("id"), lt_id_);
  EXPECT_EQ(reset.at("strategy").at("paused"), true);

  auto again = post_empty(path("/reset-breaker"), alice_key_);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.error_code(), "breaker_not_open");

  clock_.advance(std::chrono::minutes(1));
  store::Wallet wallet;
  wallet.id = "wal_second";
  wallet.user_id = alice_id_;
  wallet.address = "0x" + std::string(40, '2');
  wallet.signature_type = 0;
  wallet.created_at = clock_.now();
  ASSERT_TRUE(store_->insert_wallet(wallet).ok());
  ASSERT_EQ(client_->patch(strategy, alice_key_, {{"wallet_id", wallet.id}}).status, 200);
  clock_.advance(std::chrono::minutes(1));
  auto resumed = post_empty(strategy + "/resume", alice_key_);
  ASSERT_EQ(resumed.status, 200) << resumed.body;
  EXPECT_EQ(resumed.json().at("paused"), false);

  const auto alerts = store_->list_open_alerts(alice_id_);
  ASSERT_TRUE(alerts.ok()) << alerts.error().to_string();
  ASSERT_EQ(alerts->size(), 1u);
  EXPECT_EQ((*alerts)[0].code, "circuit_breaker_open");
  EXPECT_EQ((*alerts)[0].lt_strategy_id.value_or(""), lt_id_);

  const json changes = client_->get(path("/changes"), alice_key_).json().at("changes");
  std::vector<std::string> actions;
  for (const auto& change : changes) actions.push_back(change.at("action"));
  ASSERT_FALSE(actions.empty());
  EXPECT_NE(std::find(actions.begin(), actions.end(), "breaker_trip"), actions.end())
      << json(actions).dump();
  EXPECT_NE(std::find(actions.begin(), actions.end(), "reset_breaker"), actions.end());
  EXPECT_EQ(actions.front(), "resume");
}

TEST_F(RiskApi, ResetBreakerWithAWalletResumesAndReturnsTheStrategy) {
  trip_breaker();
  if (HasFatalFailure()) return;
  clock_.advance(std::chrono::minutes(1));
  auto response = post_empty(path("/reset-breaker"), alice_key_);
  ASSERT_EQ(response.status, 200) << response.body;
  const json body = response.json();
  EXPECT_EQ(body.at("breaker").at("state"), "closed");
  EXPECT_EQ(body.at("paused"), false);
  EXPECT_EQ(body.at("strategy").at("paused"), false);
  EXPECT_EQ(body.at("strategy").at("pause_reason"), nullptr);

  const json reset = client_->get(path("/changes?limit=1"), alice_key_).json().at("changes")[0];
  EXPECT_EQ(reset.at("action"), "reset_breaker");
  EXPECT_EQ(reset.at("actor"), "user:" + alice_id_);
  EXPECT_EQ(reset.at("after").at("resumed"), true);
}

}  // namespace
}  // namespace polycopy::testing
