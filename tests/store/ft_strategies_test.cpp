// FT strategies: every field round-trips, optionals stay absent, owners are kept apart.
#include <gtest/gtest.h>

#include "store/store_fixture.hpp"

namespace polycopy::store {
namespace {

using core::Ratio;
using core::Usd;
using testing::address;
using testing::at_ms;
using testing::expect_same;
using testing::make_ft;
using testing::make_full_ft;
using testing::make_user;

class FtStrategiesTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ASSERT_TRUE(store_->insert_user(make_user("usr_a", "alice")).ok());
    ASSERT_TRUE(store_->insert_user(make_user("usr_b", "bob")).ok());
  }
};

TEST_F(FtStrategiesTest, EveryFieldRoundTrips) {
  const FtStrategy full = make_full_ft("ft_1", "usr_a");
  ASSERT_TRUE(store_->insert_ft_strategy(full).ok());
  auto found = store_->get_ft_strategy("usr_a", "ft_1");
  ASSERT_TRUE(found.ok()) << found.error().to_string();
  ASSERT_TRUE(found->has_value());
  expect_same(**found, full);
}

TEST_F(FtStrategiesTest, DefaultsRoundTripWithOptionalsAbsent) {
  const FtStrategy plain = make_ft("ft_1", "usr_a", "plain");
  ASSERT_TRUE(store_->insert_ft_strategy(plain).ok());
  auto found = store_->get_ft_strategy("usr_a", "ft_1").value();
  ASSERT_TRUE(found.has_value());
  expect_same(*found, plain);
  EXPECT_FALSE(found->params.min_edge.has_value());
  EXPECT_FALSE(found->params.model_threshold.has_value());
  EXPECT_TRUE(found->params.target_traders.empty());
  EXPECT_TRUE(found->params.categories.empty());
}

TEST_F(FtStrategiesTest, OtherUsersStrategyReadsAsAbsent) {
  ASSERT_TRUE(store_->insert_ft_strategy(make_full_ft("ft_1", "usr_a")).ok());
  EXPECT_FALSE(store_->get_ft_strategy("usr_b", "ft_1").value().has_value());
  EXPECT_TRUE(store_->list_ft_strategies("usr_b").value().empty());
  EXPECT_EQ(store_->list_ft_strategies("usr_a").value().size(), 1u);
}

TEST_F(FtStrategiesTest, ListIsInCreationOrderWithChildren) {
  FtStrategy second = make_full_ft("ft_2", "usr_a");
  second.created_at = at_ms(2'000);
  second.updated_at = at_ms(2'000);
  FtStrategy first = make_ft("ft_9", "usr_a", "first");
  first.created_at = at_ms(1'000);
  first.updated_at = at_ms(1'000);
  first.params.categories = {"crypto"};
  ASSERT_TRUE(store_->insert_ft_strategy(second).ok());
  ASSERT_TRUE(store_->insert_ft_strategy(first).ok());
  auto listed = store_->list_ft_strategies("usr_a");
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  expect_same((*listed)[0], first);
  expect_same((*listed)[1], second);
}

TEST_F(FtStrategiesTest, UpdateReplacesParamsAndLists) {
  FtStrategy strategy = make_full_ft("ft_1", "usr_a");
  ASSERT_TRUE(store_->insert_ft_strategy(strategy).ok());
  strategy.params.name = "renamed";
  strategy.params.target_traders = {address(99)};
  strategy.params.categories.clear();
  strategy.params.min_edge.reset();
  strategy.params.max_bet = Usd::from_micros(300'000'000);
  strategy.params.sizing_mode = SizingMode::confidence;
  strategy.params.kelly_fraction = Ratio::from_micros(1);
  strategy.paused = false;
  strategy.updated_at = at_ms(1'800'000'000'000);
  ASSERT_TRUE(store_->update_ft_strategy(strategy).ok());
  auto found = store_->get_ft_strategy("usr_a", "ft_1").value();
  ASSERT_TRUE(found.has_value());
  expect_same(*found, strategy);
}

TEST_F(FtStrategiesTest, UpdateOfAnotherUsersOrUnknownStrategyIsNotFound) {
  FtStrategy strategy = make_full_ft("ft_1", "usr_a");
  ASSERT_TRUE(store_->insert_ft_strategy(strategy).ok());
  FtStrategy hijack = strategy;
  hijack.user_id = "usr_b";
  hijack.params.name = "stolen";
  auto result = store_->update_ft_strategy(hijack);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "not_found");
  EXPECT_EQ(store_->get_ft_strategy("usr_a", "ft_1").value()->params.name, strategy.params.name);

  FtStrategy ghost = make_ft("ft_ghost", "usr_a", "ghost");
  EXPECT_EQ(store_->update_ft_strategy(ghost).error().code, "not_found");
}

TEST_F(FtStrategiesTest, BadTargetTraderRollsBackTheWholeInsert) {
  FtStrategy strategy = make_full_ft("ft_1", "usr_a");
  strategy.params.target_traders.push_back("0xNOTANADDRESS");
  auto result = store_->insert_ft_strategy(strategy);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "constraint_violation");
  EXPECT_NE(result.error().message.find("ck_traders_address"), std::string::npos)
      << result.error().message;
  EXPECT_FALSE(store_->get_ft_strategy("usr_a", "ft_1").value().has_value());
}

TEST_F(FtStrategiesTest, InvalidParamsAreRejectedByCode) {
  struct Case {
    const char* label;
    void (*mutate)(FtStrategy&);
    const char* code;
    const char* fragment;
  };
  const Case cases[] = {
      {"min price above max",
       [](FtStrategy& s) {
         s.params.price_min = core::Price::from_micros(900'000).value();
         s.params.price_max = core::Price::from_micros(100'000).value();
       },
       "constraint_violation", "ck_ft_strategies_price_range"},
      {"negative starting cash",
       [](FtStrategy& s) { s.params.starting_cash = Usd::from_micros(-1); }, "constraint_violation",
       "ck_ft_strategies_starting_cash"},
      {"win rate above one",
       [](FtStrategy& s) { s.params.min_trader_win_rate = Ratio::from_micros(1'000'001); },
       "constraint_violation", "ck_ft_strategies_win_rate_range"},
      {"min edge above max edge",
       [](FtStrategy& s) {
         s.params.min_edge = Ratio::from_micros(10);
         s.params.max_edge = Ratio::from_micros(5);
       },
       "constraint_violation", "ck_ft_strategies_edge_range"},
      {"min bet above max bet",
       [](FtStrategy& s) { s.params.min_bet = Usd::from_micros(500'000'000); },
       "constraint_violation", "ck_ft_strategies_bets"},
      {"zero trade age", [](FtStrategy& s) { s.params.max_trade_age_seconds = 0; },
       "constraint_violation", "ck_ft_strategies_trade_age"},
      {"duplicate category",
       [](FtStrategy& s) {
         s.params.categories = {"sports", "sports"};
       },
       "conflict", "ft_strategy_categories"},
      {"duplicate name for one owner", [](FtStrategy& s) { s.params.name = "taken"; }, "conflict",
       "ft_strategies.user_id, ft_strategies.name"},
      {"unknown owner", [](FtStrategy& s) { s.user_id = "usr_nobody"; }, "foreign_key",
       "FOREIGN KEY"},
  };
  ASSERT_TRUE(store_->insert_ft_strategy(make_ft("ft_taken", "usr_a", "taken")).ok());
  int n = 0;
  for (const auto& c : cases) {
    FtStrategy strategy = make_full_ft("ft_case_" + std::to_string(n++), "usr_a");
    c.mutate(strategy);
    auto result = store_->insert_ft_strategy(strategy);
    ASSERT_FALSE(result.ok()) << c.label;
    EXPECT_EQ(result.error().code, c.code) << c.label;
    EXPECT_NE(result.error().message.find(c.fragment), std::string::npos)
        << c.label << ": " << result.error().message;
  }
  EXPECT_EQ(store_->list_ft_strategies("usr_a").value().size(), 1u);
}

TEST_F(FtStrategiesTest, DuplicateIdIsAConflict) {
  ASSERT_TRUE(store_->insert_ft_strategy(make_ft("ft_1", "usr_a", "one")).ok());
  auto again = store_->insert_ft_strategy(make_ft("ft_1", "usr_b", "two"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "conflict");
  EXPECT_NE(again.error().message.find("ft_strategies.id"), std::string::npos);
}

}  // namespace
}  // namespace polycopy::store
