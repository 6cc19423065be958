// Every endpoint's success paths over a real socket with a real SQLite store.
#include <gtest/gtest.h>

#include "service/api_fixture.hpp"

namespace polycopy::testing {
namespace {

using nlohmann::json;

class ApiEndpoints : public ApiFixture {};

TEST_F(ApiEndpoints, HealthzAnswersOkWithoutAuth) {
  auto response = client_->request("GET", "/healthz");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.json(), (json{{"status", "ok"}}));
  EXPECT_EQ(response.headers["content-type"], "application/json");
}

TEST_F(ApiEndpoints, CreateFtRendersDefaultsTimestampsAndExactDecimals) {
  auto response = client_->post("/api/ft/strategies", alice_key_,
                                {{"name", "Whales"},
                                 {"bet_size", 10.5},
                                 {"slippage", "0.01"},
                                 {"price_min", 0.05},
                                 {"target_traders", {"0x" + std::string(40, 'A')}},
                                 {"min_trader_win_rate", "0.55"},
                                 {"sizing_mode", "kelly"}});
  ASSERT_EQ(response.status, 201) << response.body;
  const json body = response.json();
  EXPECT_TRUE(body["id"].get<std::string>().starts_with("ft_"));
  EXPECT_EQ(body["user_id"], alice_id_);
  EXPECT_EQ(body["name"], "Whales");
  EXPECT_EQ(body["bet_size"], "10.5");
  EXPECT_EQ(body["slippage"], "0.01");
  EXPECT_EQ(body["price_min"], "0.05");
  EXPECT_EQ(body["price_max"], "1");
  EXPECT_EQ(body["starting_cash"], "1000");
  EXPECT_EQ(body["min_trader_win_rate"], "0.55");
  EXPECT_EQ(body["max_trader_win_rate"], nullptr);
  EXPECT_EQ(body["target_traders"], json::array({"0x" + std::string(40, 'a')}));
  EXPECT_EQ(body["sizing_mode"], "kelly");
  EXPECT_EQ(body["paused"], false);
  EXPECT_EQ(body["created_at"], "2026-11-25T19:30:00.000Z");
  EXPECT_EQ(body["updated_at"], "2026-11-25T19:30:00.000Z");
}

TEST_F(ApiEndpoints, FtListShowPatchPauseResume) {
  const json created = create_ft(alice_key_);
  const std::string path = "/api/ft/strategies/" + created["id"].get<std::string>();

  auto list = client_->get("/api/ft/strategies", alice_key_);
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.json()["strategies"].size(), 1u);
  EXPECT_EQ(list.json()["strategies"][0], created);

  auto shown = client_->get(path, alice_key_);
  EXPECT_EQ(shown.status, 200);
  EXPECT_EQ(shown.json(), created);

  clock_.advance(std::chrono::minutes(5));
  auto patched = client_->patch(
      path, alice_key_, {{"bet_size", "25"}, {"min_edge", "0.02"}, {"categories", {"nba"}}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  json expected = created;
  expected["bet_size"] = "25";
  expected["min_edge"] = "0.02";
  expected["categories"] = {"nba"};
  expected["updated_at"] = "2026-11-25T19:35:00.000Z";
  EXPECT_EQ(patched.json(), expected);
  EXPECT_EQ(client_->get(path, alice_key_).json(), expected);

  auto cleared = client_->patch(path, alice_key_, {{"min_edge", nullptr}});
  ASSERT_EQ(cleared.status, 200);
  EXPECT_EQ(cleared.json()["min_edge"], nullptr);
  EXPECT_EQ(cleared.json()["bet_size"], "25");

  for (int i = 0; i < 2; ++i) {  // idempotent
    auto paused = client_->post(path + "/pause", alice_key_);
    ASSERT_EQ(paused.status, 200) << paused.body;
    EXPECT_EQ(paused.json()["paused"], true);
  }
  EXPECT_EQ(client_->get(path, alice_key_).json()["paused"], true);
  for (int i = 0; i < 2; ++i) {
    auto resumed = client_->post(path + "/resume", alice_key_);
    ASSERT_EQ(resumed.status, 200) << resumed.body;
    EXPECT_EQ(resumed.json()["paused"], false);
  }
}

TEST_F(ApiEndpoints, LtStartsPausedNeedsWalletToResumeAndKeepsRiskOnPatch) {
  const json ft = create_ft(alice_key_);
  auto response = client_->post("/api/lt/strategies", alice_key_,
                                {{"name", "Live"},
                                 {"ft_strategy_id", ft["id"]},
                                 {"order_type", "fok"},
                                 {"time_zone", "Europe/Berlin"},
                                 {"risk",
                                  {{"daily_budget_usd", "50"},
                                   {"weekly_budget_usd", 200},
                                   {"max_drawdown_pct", "0.2"},
                                   {"max_open_positions", 5}}}});
  ASSERT_EQ(response.status, 201) << response.body;
  json lt = response.json();
  EXPECT_TRUE(lt["id"].get<std::string>().starts_with("lt_"));
  EXPECT_EQ(lt["paused"], true);
  EXPECT_EQ(lt["order_type"], "FOK");
  EXPECT_EQ(lt["order_expiry_seconds"], 600);
  EXPECT_EQ(lt["wallet_id"], nullptr);
  EXPECT_EQ(lt["risk"]["daily_budget_usd"], "50");
  EXPECT_EQ(lt["risk"]["weekly_budget_usd"], "200");
  EXPECT_EQ(lt["risk"]["monthly_budget_usd"], nullptr);
  EXPECT_EQ(lt["risk"]["max_drawdown_pct"], "0.2");
  EXPECT_EQ(lt["risk"]["max_open_positions"], 5);
  const std::string path = "/api/lt/strategies/" + lt["id"].get<std::string>();

  auto refused = client_->post(path + "/resume", alice_key_);
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(refused.error_code(), "wallet_required");
  EXPECT_EQ(client_->get(path, alice_key_).json()["paused"], true);

  const std::string wallet = add_wallet(alice_id_);
  auto patched = client_->patch(
      path, alice_key_, {{"wallet_id", wallet}, {"risk", {{"max_open_positions", nullptr}}}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json()["wallet_id"], wallet);
  EXPECT_EQ(patched.json()["risk"]["max_open_positions"], nullptr);
  EXPECT_EQ(patched.json()["risk"]["daily_budget_usd"], "50");  // untouched by the partial patch

  auto resumed = client_->post(path + "/resume", alice_key_);
  ASSERT_EQ(resumed.status, 200) << resumed.body;
  EXPECT_EQ(resumed.json()["paused"], false);
  EXPECT_EQ(resumed.json()["pause_reason"], nullptr);

  auto unwallet = client_->patch(path, alice_key_, {{"wallet_id", nullptr}});
  EXPECT_EQ(unwallet.status, 409);
  EXPECT_EQ(unwallet.error_code(), "wallet_required");

  auto paused = client_->post(path + "/pause", alice_key_);
  ASSERT_EQ(paused.status, 200);
  EXPECT_EQ(paused.json()["paused"], true);
  EXPECT_EQ(client_->post(path + "/pause", alice_key_).json()["paused"], true);

  auto list = client_->get("/api/lt/strategies", alice_key_);
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.json()["strategies"].size(), 1u);
  EXPECT_EQ(list.json()["strategies"][0]["id"], lt["id"]);
}

TEST_F(ApiEndpoints, EveryFieldIsSettableOnCreate) {
  const json ft_fields = {{"name", "All"},
                          {"description", "every field"},
                          {"starting_cash", "500"},
                          {"max_trade_age_seconds", 300},
                          {"live_markets_only", true},
                          {"target_traders", {"0x" + std::string(40, 'b')}},
                          {"discover_month_pnl", true},
                          {"discover_month_volume", true},
                          {"discover_week_pnl", true},
                          {"discover_top_n", 50},
                          {"min_trader_resolved_count", 10},
                          {"price_min", "0.1"},
                          {"price_max", "0.9"},
                          {"min_trader_win_rate", "0.5"},
                          {"max_trader_win_rate", "0.9"},
                          {"min_edge", "-0.1"},
                          {"max_edge", "0.3"},
                          {"min_conviction", "0.5"},
                          {"max_conviction", "4"},
                          {"categories", {"sports", "politics"}},
                          {"min_original_trade_usd", "5"},
                          {"max_original_trade_usd", "5000"},
                          {"model_threshold", nullptr},
                          {"allow_adding", true},
                          {"slippage", "0.005"},
                          {"sizing_mode", "confidence"},
                          {"bet_size", "12.34"},
                          {"kelly_fraction", "0.5"},
                          {"min_bet", "2"},
                          {"max_bet", "40"}};
  auto ft = client_->post("/api/ft/strategies", alice_key_, ft_fields);
  ASSERT_EQ(ft.status, 201) << ft.body;
  for (const auto& [key, value] : ft_fields.items()) EXPECT_EQ(ft.json()[key], value) << key;

  const json risk = {{"daily_budget_usd", "10"},         {"weekly_budget_usd", "60"},
                     {"monthly_budget_usd", "200"},      {"max_position_usd", "5"},
                     {"max_total_exposure_usd", "80"},   {"max_open_positions", 7},
                     {"max_positions_per_market", 2},    {"max_drawdown_pct", "0.25"},
                     {"consecutive_loss_limit", 4},      {"max_slippage_pct", "0.02"},
                     {"min_order_book_depth_usd", "100"}};
  const json lt_fields = {{"name", "Live all"},
                          {"ft_strategy_id", ft.json()["id"]},
                          {"wallet_id", add_wallet(alice_id_)},
                          {"order_type", "FAK"},
                          {"order_expiry_seconds", 120},
                          {"time_zone", "America/New_York"},
                          {"starting_equity", "750.5"},
                          {"risk", risk}};
  auto lt = client_->post("/api/lt/strategies", alice_key_, lt_fields);
  ASSERT_EQ(lt.status, 201) << lt.body;
  for (const auto& [key, value] : lt_fields.items()) EXPECT_EQ(lt.json()[key], value) << key;
}

}  // namespace
}  // namespace polycopy::testing
