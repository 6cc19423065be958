// `polycopy risk show|set|state|reset-breaker|changes` end to end: the real binary on a
// fresh database, printing the API's JSON; the breaker is tripped through the Store port.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/cli_runner.hpp"
#include "risk/risk_manager.hpp"
#include "store/store.hpp"

namespace polycopy::test {
namespace {

using nlohmann::json;

class RiskCli : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("risk.db");
    ASSERT_EQ(run_polycopy({"user", "create", "alice", "--db", db_}).exit_code, 0);
    ASSERT_EQ(run_polycopy({"user", "create", "bob", "--db", db_}).exit_code, 0);
    const auto ft = run_polycopy({"strategy", "create", "--user", "alice", "--type", "ft", "--json",
                                  R"({"name":"whales"})", "--db", db_});
    ASSERT_EQ(ft.exit_code, 0) << ft.err;
    const std::string ft_id = json::parse(ft.out).at("id");
    const auto lt =
        run_polycopy({"strategy", "create", "--user", "alice", "--type", "lt", "--json",
                      json{{"name", "live"}, {"ft_strategy_id", ft_id}}.dump(), "--db", db_});
    ASSERT_EQ(lt.exit_code, 0) << lt.err;
    lt_id_ = json::parse(lt.out).at("id");
  }

  // Through the Store port, as the engine would: runs the strategy (without a wallet) and
  // loses one order (10 @ 0.5, resolved at 0), which trips a consecutive_loss_limit of 1.
  void trip_breaker() {
    auto opened = store::open_sqlite_store(db_);
    ASSERT_TRUE(opened.ok()) << opened.error().to_string();
    auto& store = **opened;
    const auto alice = store.find_user_by_name("alice");
    ASSERT_TRUE(alice.ok() && *alice);
    core::SystemClock clock;
    const store::RuleChange change{
        "chg_test_resume", (*alice)->id, "engine",     "lt_strategy", lt_id_,
        "resume",          std::nullopt, std::nullopt, std::nullopt,  clock.now()};
    ASSERT_TRUE(store.set_lt_paused((*alice)->id, lt_id_, false, std::nullopt, change).ok());

    risk::RiskManager manager(store, clock);
    risk::OrderRequest order;
    order.condition_id = "0x" + std::string(64, 'a');
    order.token_id = "101";
    order.limit_price = core::Price::from_micros(500'000).value();
    order.size = core::Shares::from_micros(10'000'000);
    const auto reserved = manager.check_and_reserve(lt_id_, order);
    ASSERT_TRUE(reserved.ok() && reserved->reservation_id);
    risk::FillEvent fill;
    fill.reservation_id = *reserved->reservation_id;
    fill.fill_key = "trade-1";
    fill.shares = order.size;
    fill.price = order.limit_price;
    fill.completes_order = true;
    fill.filled_at = clock.now();
    ASSERT_TRUE(manager.record_fill(lt_id_, fill).ok());
    risk::ResolveEvent resolve;
    resolve.reservation_id = *reserved->reservation_id;
    resolve.payout_per_share = core::Price::from_micros(0).value();
    ASSERT_TRUE(manager.record_resolution(lt_id_, resolve).ok());
  }

  // `polycopy risk <command> <lt-id> --user NAME <extra…> --db DB`.
  CliResult risk(const std::string& command, std::vector<std::string> extra = {},
                 const std::string& user = "alice") {
    std::vector<std::string> args{"risk", command, lt_id_, "--user", user};
    args.insert(args.end(), extra.begin(), extra.end());
    args.insert(args.end(), {"--db", db_});
    return run_polycopy(args);
  }

  TempDir dir_;
  std::string db_;
  std::string lt_id_;
};

TEST_F(RiskCli, ShowAndSetPrintTheApiJson) {
  const auto shown = risk("show");
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  const json rules = json::parse(shown.out);
  EXPECT_EQ(rules.at("lt_strategy_id"), lt_id_);
  EXPECT_EQ(rules.at("risk").at("daily_budget_usd"), nullptr);
  EXPECT_NE(shown.out.find("\n  \""), std::string::npos);  // indented like dump(2)

  const auto set = risk("set", {"--json", R"({"daily_budget_usd":"50","max_open_positions":3})"});
  ASSERT_EQ(set.exit_code, 0) << set.err;
  EXPECT_EQ(json::parse(set.out).at("risk").at("daily_budget_usd"), "50");
  EXPECT_EQ(json::parse(risk("show").out).at("risk").at("max_open_positions"), 3);
}

TEST_F(RiskCli, SetRefusesABadValueWithItsCode) {
  const auto bad = risk("set", {"--json", R"({"daily_budget_usd":"100","weekly_budget_usd":"5"})"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("error: budget_order_invalid: "), std::string::npos) << bad.err;
  EXPECT_TRUE(bad.out.empty());

  const auto unknown = risk("set", {"--json", R"({"daily":"1"})"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("error: unknown_field: "), std::string::npos) << unknown.err;

  const auto no_body = risk("set");
  EXPECT_EQ(no_body.exit_code, 2);
  EXPECT_NE(no_body.err.find("error: invalid_argument: "), std::string::npos) << no_body.err;

  EXPECT_EQ(json::parse(risk("show").out).at("risk").at("daily_budget_usd"), nullptr);
}

TEST_F(RiskCli, StateShowsAFreshStrategy) {
  ASSERT_EQ(risk("set", {"--json", R"({"daily_budget_usd":"50"})"}).exit_code, 0);
  const auto shown = risk("state");
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  const json state = json::parse(shown.out);
  EXPECT_EQ(state.at("lt_strategy_id"), lt_id_);
  EXPECT_EQ(state.at("equity"), "1000");
  EXPECT_EQ(state.at("windows").at("day").at("limit"), "50");
  EXPECT_EQ(state.at("windows").at("day").at("remaining"), "50");
  EXPECT_EQ(state.at("breaker").at("state"), "closed");
  EXPECT_EQ(state.at("paused"), true);
}

TEST_F(RiskCli, ChangesListTheAuditTrail) {
  ASSERT_EQ(risk("set", {"--json", R"({"daily_budget_usd":"50"})"}).exit_code, 0);
  ASSERT_EQ(risk("set", {"--json", R"({"daily_budget_usd":"60"})"}).exit_code, 0);
  const auto all = risk("changes");
  ASSERT_EQ(all.exit_code, 0) << all.err;
  const json changes = json::parse(all.out).at("changes");
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].at("entity_type"), "risk_rules");
  EXPECT_EQ(changes[0].at("after").at("daily_budget_usd"), "60");
  EXPECT_EQ(changes[0].at("actor").get<std::string>().rfind("user:", 0), 0u);

  const auto one = risk("changes", {"--limit", "1"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(json::parse(one.out).at("changes").size(), 1u);

  const auto bad = risk("changes", {"--limit", "0"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("error: invalid_query: "), std::string::npos) << bad.err;
}

TEST_F(RiskCli, ResetBreakerOnAClosedBreakerIsRefused) {
  for (const std::vector<std::string>& extra :
       {std::vector<std::string>{}, std::vector<std::string>{"--keep-paused"}}) {
    const auto reset = risk("reset-breaker", extra);
    EXPECT_EQ(reset.exit_code, 1);
    EXPECT_NE(reset.err.find("error: breaker_not_open: "), std::string::npos) << reset.err;
  }
}

TEST_F(RiskCli, ResetBreakerKeepsThePauseWhenAskedAndNeedsAWalletToResume) {
  ASSERT_EQ(risk("set", {"--json", R"({"consecutive_loss_limit":1})"}).exit_code, 0);
  trip_breaker();
  if (HasFatalFailure()) return;
  const json tripped = json::parse(risk("state").out);
  EXPECT_EQ(tripped.at("breaker").at("state"), "open");

  const auto no_wallet = risk("reset-breaker");
  EXPECT_EQ(no_wallet.exit_code, 1);
  EXPECT_NE(no_wallet.err.find("error: wallet_required: "), std::string::npos) << no_wallet.err;

  const auto kept = risk("reset-breaker", {"--keep-paused"});
  ASSERT_EQ(kept.exit_code, 0) << kept.err;
  const json reset = json::parse(kept.out);
  EXPECT_EQ(reset.at("breaker").at("state"), "closed");
  EXPECT_EQ(reset.at("paused"), true);
  EXPECT_EQ(reset.at("strategy").at("id"), lt_id_);
  EXPECT_EQ(json::parse(risk("changes", {"--limit", "1"}).out).at("changes")[0].at("action"),
            "reset_breaker");
}

TEST_F(RiskCli, AnotherUsersStrategyIsNotFound) {
  for (const std::string command : {"show", "state", "changes", "reset-breaker"}) {
    const auto result = risk(command, {}, "bob");
    EXPECT_EQ(result.exit_code, 1) << command;
    EXPECT_NE(result.err.find("error: strategy_not_found: "), std::string::npos) << result.err;
  }
  const auto set = risk("set", {"--json", R"({"daily_budget_usd":"1"})"}, "bob");
  EXPECT_EQ(set.exit_code, 1);
  EXPECT_NE(set.err.find("error: strategy_not_found: "), std::string::npos) << set.err;
}

}  // namespace
}  // namespace polycopy::test
