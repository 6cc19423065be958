// LT strategies with their risk rules: round trips, ownership, binding rules.
#include <gtest/gtest.h>

#include "store/sql/query.hpp"
#include "store/sql/row_reader.hpp"
#include "store/sqlite/sqlite_connection.hpp"
#include "store/store_fixture.hpp"

namespace polycopy::store {
namespace {

using core::Ratio;
using core::Usd;
using testing::at_ms;
using testing::expect_same;
using testing::make_ft;
using testing::make_full_lt;
using testing::make_lt;
using testing::make_user;
using testing::make_wallet;

class LtStrategiesTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    for (const auto& [id, name] : {std::pair{"usr_a", "alice"}, std::pair{"usr_b", "bob"}})
      ASSERT_TRUE(store_->insert_user(make_user(id, name)).ok());
    ASSERT_TRUE(store_->insert_ft_strategy(make_ft("ft_a", "usr_a", "paper a")).ok());
    ASSERT_TRUE(store_->insert_ft_strategy(make_ft("ft_b", "usr_b", "paper b")).ok());
    ASSERT_TRUE(store_->insert_wallet(make_wallet("wal_a", "usr_a", 1)).ok());
    ASSERT_TRUE(store_->insert_wallet(make_wallet("wal_b", "usr_b", 2)).ok());
  }
};

TEST_F(LtStrategiesTest, EveryFieldAndRiskRuleRoundTrips) {
  const LtStrategy full = make_full_lt("lt_1", "usr_a", "ft_a", "wal_a");
  ASSERT_TRUE(store_->insert_lt_strategy(full).ok());
  auto found = store_->get_lt_strategy("usr_a", "lt_1");
  ASSERT_TRUE(found.ok()) << found.error().to_string();
  ASSERT_TRUE(found->has_value());
  expect_same(**found, full);
}

TEST_F(LtStrategiesTest, DefaultsRoundTripWithNoLimitsAndNoWallet) {
  const LtStrategy plain = make_lt("lt_1", "usr_a", "ft_a", "plain");
  ASSERT_TRUE(store_->insert_lt_strategy(plain).ok());
  auto found = store_->get_lt_strategy("usr_a", "lt_1").value();
  ASSERT_TRUE(found.has_value());
  expect_same(*found, plain);
  EXPECT_TRUE(found->paused);
  EXPECT_FALSE(found->params.wallet_id.has_value());
  EXPECT_FALSE(found->params.risk.daily_budget_usd.has_value());
  EXPECT_FALSE(found->params.risk.max_open_positions.has_value());
}

TEST_F(LtStrategiesTest, InsertCreatesFreshRiskState) {
  const LtStrategy full = make_full_lt("lt_1", "usr_a", "ft_a", "wal_a");
  ASSERT_TRUE(store_->insert_lt_strategy(full).ok());
  auto connection = sqlite::open_sqlite_connection(path_);
  ASSERT_TRUE(connection.ok());
  auto rows = sql::query(**connection,
                         "SELECT equity_usd_micros, peak_equity_usd_micros, day_spent_usd_micros, "
                         "breaker_state FROM risk_state WHERE lt_strategy_id = ?",
                         {"lt_1"});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  sql::RowReader r(rows->front());
  EXPECT_EQ(r.int64(), full.params.starting_equity.micros());
  EXPECT_EQ(r.int64(), full.params.starting_equity.micros());
  EXPECT_EQ(r.int64(), 0);
  EXPECT_EQ(r.text(), "closed");
}

TEST_F(LtStrategiesTest, OtherUsersStrategyIsInvisibleAndCannotBeUpdated) {
  LtStrategy strategy = make_full_lt("lt_1", "usr_a", "ft_a", "wal_a");
  ASSERT_TRUE(store_->insert_lt_strategy(strategy).ok());
  EXPECT_FALSE(store_->get_lt_strategy("usr_b", "lt_1").value().has_value());
  EXPECT_TRUE(store_->list_lt_strategies("usr_b").value().empty());
  ASSERT_EQ(store_->list_lt_strategies("usr_a").value().size(), 1u);

  LtStrategy hijack = strategy;
  hijack.user_id = "usr_b";
  hijack.params.ft_strategy_id = "ft_b";
  hijack.params.wallet_id = "wal_b";
  EXPECT_EQ(store_->update_lt_strategy(hijack, {}).error().code, "not_found");
  expect_same(store_->get_lt_strategy("usr_a", "lt_1").value().value(), strategy);
}

TEST_F(LtStrategiesTest, CannotBindAnotherUsersTwinOrWallet) {
  auto foreign_twin = store_->insert_lt_strategy(make_lt("lt_1", "usr_a", "ft_b", "x"));
  ASSERT_FALSE(foreign_twin.ok());
  EXPECT_EQ(foreign_twin.error().code, "foreign_key");

  auto foreign_wallet = store_->insert_lt_strategy(make_full_lt("lt_2", "usr_a", "ft_a", "wal_b"));
  ASSERT_FALSE(foreign_wallet.ok());
  EXPECT_EQ(foreign_wallet.error().code, "foreign_key");

  auto unknown_twin = store_->insert_lt_strategy(make_lt("lt_3", "usr_a", "ft_none", "y"));
  ASSERT_FALSE(unknown_twin.ok());
  EXPECT_EQ(unknown_twin.error().code, "foreign_key");
  EXPECT_NE(unknown_twin.error().message.find("insert_lt_strategy"), std::string::npos);
  EXPECT_TRUE(store_->list_lt_strategies("usr_a").value().empty());
}

TEST_F(LtStrategiesTest, UpdateReplacesParamsAndRiskRules) {
  LtStrategy strategy = make_full_lt("lt_1", "usr_a", "ft_a", "wal_a");
  ASSERT_TRUE(store_->insert_lt_strategy(strategy).ok());
  ASSERT_TRUE(store_->insert_ft_strategy(make_ft("ft_a2", "usr_a", "paper a2")).ok());
  strategy.params.name = "renamed";
  strategy.params.ft_strategy_id = "ft_a2";
  strategy.params.wallet_id.reset();
  strategy.params.order_type = OrderType::gtc;
  strategy.params.risk.daily_budget_usd.reset();
  strategy.params.risk.weekly_budget_usd = Usd::from_micros(600'000'000);
  strategy.params.risk.max_drawdown_pct = Ratio::from_micros(1'000'000);
  strategy.params.risk.consecutive_loss_limit.reset();
  strategy.updated_at = at_ms(1'900'000'000'000);
  ASSERT_TRUE(store_->update_lt_strategy(strategy, {}).ok());
  expect_same(store_->get_lt_strategy("usr_a", "lt_1").value().value(), strategy);
}

TEST_F(LtStrategiesTest, RiskRulesMustBeOrderedAndNonNegative) {
  struct Case {
    const char* label;
    void (*mutate)(RiskRules&);
    const char* fragment;
  };
  const Case cases[] = {
      {"daily above weekly",
       [](RiskRules& r) {
         r.daily_budget_usd = Usd::from_micros(600'000'000);
         r.weekly_budget_usd = Usd::from_micros(500'000'000);
       },
       "ck_risk_rules_budget_order"},
      {"weekly above monthly",
       [](RiskRules& r) { r.weekly_budget_usd = Usd::from_micros(2'000'000'000); },
       "ck_risk_rules_budget_order"},
      {"daily above monthly without weekly",
       [](RiskRules& r) {
         r.weekly_budget_usd.reset();
         r.daily_budget_usd = Usd::from_micros(2'000'000'000);
       },
       "ck_risk_rules_budget_order"},
      {"negative position limit", [](RiskRules& r) { r.max_position_usd = Usd::from_micros(-1); },
       "ck_risk_rules_non_negative"},
      {"negative open positions", [](RiskRules& r) { r.max_open_positions = -1; },
       "ck_risk_rules_non_negative"},
      {"drawdown above 100 %",
       [](RiskRules& r) { r.max_drawdown_pct = Ratio::from_micros(1'000'001); },
       "ck_risk_rules_fractions"},
  };
  int n = 0;
  for (const auto& c : cases) {
    LtStrategy strategy = make_full_lt("lt_" + std::to_string(n++), "usr_a", "ft_a", "wal_a");
    c.mutate(strategy.params.risk);
    auto result = store_->insert_lt_strategy(strategy);
    ASSERT_FALSE(result.ok()) << c.label;
    EXPECT_EQ(result.error().code, "constraint_violation") << c.label;
    EXPECT_NE(result.error().message.find(c.fragment), std::string::npos)
        << c.label << ": " << result.error().message;
  }
  // A failed insert leaves neither the strategy nor half of its rows behind.
  EXPECT_TRUE(store_->list_lt_strategies("usr_a").value().empty());
  auto connection = sqlite::open_sqlite_connection(path_);
  ASSERT_TRUE(connection.ok());
  EXPECT_TRUE(sql::query(**connection, "SELECT 1 FROM lt_strategies").value().empty());

  // Updates are held to the same rules.
  LtStrategy good = make_full_lt("lt_good", "usr_a", "ft_a", "wal_a");
  ASSERT_TRUE(store_->insert_lt_strategy(good).ok());
  LtStrategy bad = good;
  bad.params.risk.daily_budget_usd = Usd::from_micros(900'000'000);
  bad.params.name = "should not stick";
  auto update = store_->update_lt_strategy(bad, {});
  ASSERT_FALSE(update.ok());
  EXPECT_EQ(update.error().code, "constraint_violation");
  expect_same(store_->get_lt_strategy("usr_a", "lt_good").value().value(), good);
}

}  // namespace
}  // namespace polycopy::store

namespace polycopy::store {
namespace {

using testing::at_ms;
using testing::make_ft;
using testing::make_lt;
using testing::make_user;

class LtPauseTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ASSERT_TRUE(store_->insert_user(make_user("usr_a", "alice")).ok());
    ASSERT_TRUE(store_->insert_ft_strategy(make_ft("ft_a", "usr_a", "paper")).ok());
    ASSERT_TRUE(store_->insert_lt_strategy(make_lt("lt_1", "usr_a", "ft_a", "live")).ok());
  }
  RuleChange change(const std::string& id, const std::string& action, std::int64_t at) {
    return RuleChange{id, "usr_a", "user:usr_a", "lt_strategy", "lt_1", action,
                      {}, {},      {},           at_ms(at)};
  }
};

TEST_F(LtPauseTest, PauseAndResumeAreStoredAndAudited) {
  auto resumed = store_->set_lt_paused("usr_a", "lt_1", false, std::nullopt,
                                       change("chg_1", "resume", 1'800'000'000'000));
  ASSERT_TRUE(resumed.ok()) << resumed.error().to_string();
  EXPECT_FALSE(resumed->paused);
  EXPECT_FALSE(resumed->pause_reason);
  auto paused = store_->set_lt_paused("usr_a", "lt_1", true, "going on holiday",
                                      change("chg_2", "pause", 1'800'000'001'000));
  ASSERT_TRUE(paused.ok());
  EXPECT_EQ(paused->pause_reason, "going on holiday");
  const auto changes = store_->list_rule_changes("usr_a", "lt_1", 10).value();
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].action, "pause");
  EXPECT_EQ(changes[1].action, "resume");
  EXPECT_TRUE(store_->list_rule_changes("usr_b", "lt_1", 10).value().empty());
  EXPECT_EQ(
      store_->set_lt_paused("usr_b", "lt_1", false, std::nullopt, change("chg_3", "resume", 1))
          .error()
          .code,
      "not_found");
}

TEST_F(LtPauseTest, AnUpdateNeverUndoesAPauseMadeSinceItWasRead) {
  ASSERT_TRUE(store_
                  ->set_lt_paused("usr_a", "lt_1", false, std::nullopt,
                                  change("chg_1", "resume", 1'800'000'000'000))
                  .ok());
  LtStrategy read = store_->get_lt_strategy("usr_a", "lt_1").value().value();
  // Meanwhile the breaker (or another process) pauses it.
  ASSERT_TRUE(store_
                  ->set_lt_paused("usr_a", "lt_1", true, "circuit breaker: x",
                                  change("chg_2", "pause", 1'800'000'001'000))
                  .ok());
  read.params.name = "renamed";
  read.updated_at = at_ms(1'800'000'002'000);
  RuleChange rename = change("chg_3", "update", 1'800'000'002'000);
  ASSERT_TRUE(store_->update_lt_strategy(read, {rename}).ok());
  const auto stored = store_->get_lt_strategy("usr_a", "lt_1").value().value();
  EXPECT_EQ(stored.params.name, "renamed");
  EXPECT_TRUE(stored.paused);
  EXPECT_EQ(stored.pause_reason, "circuit breaker: x");
  EXPECT_EQ(store_->list_rule_changes("usr_a", "lt_1", 1).value().at(0).id, "chg_3");
}

}  // namespace
}  // namespace polycopy::store
