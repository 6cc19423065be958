#include "service/strategy_json.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace polycopy::service {
namespace {

using nlohmann::json;

TEST(StrategyJson, RendersMoneyAsExactStringsAndOptionalsAsNull) {
  store::FtStrategy strategy;
  strategy.id = "ft_x";
  strategy.user_id = "usr_x";
  strategy.params.name = "n";
  strategy.params.bet_size = core::Usd::from_micros(10'500'000);
  strategy.params.max_edge = core::Ratio::from_micros(-1);
  strategy.created_at = core::from_unix_ms(1'795'635'000'123);
  strategy.updated_at = strategy.created_at;
  const json out = to_json(strategy);
  EXPECT_EQ(out["bet_size"], "10.5");
  EXPECT_EQ(out["max_edge"], "-0.000001");
  EXPECT_EQ(out["min_edge"], nullptr);
  EXPECT_EQ(out["sizing_mode"], "fixed");
  EXPECT_EQ(out["created_at"], "2026-11-25T19:30:00.123Z");
}

TEST(StrategyJson, RoundTripsEveryFtField) {
  store::FtStrategy original;
  original.params.name = "rt";
  original.params.min_trader_win_rate = core::Ratio::from_micros(550'000);
  original.params.max_original_trade_usd = core::Usd::from_micros(12'345'678);
  original.params.categories = {"a", "b"};
  original.params.sizing_mode = store::SizingMode::tiered;
  json rendered = to_json(original);
  for (const char* read_only : {"id", "user_id", "paused", "created_at", "updated_at"})
    rendered.erase(read_only);
  store::FtStrategyParams parsed;
  ASSERT_TRUE(apply_json(rendered, parsed).ok());
  store::FtStrategy again = original;
  again.params = parsed;
  EXPECT_EQ(to_json(again), to_json(original));
}

TEST(StrategyJson, PartialPatchChangesOnlyGivenFieldsAndNullClears) {
  store::LtStrategyParams params;
  params.name = "before";
  params.risk.daily_budget_usd = core::Usd::from_micros(5'000'000);
  params.risk.weekly_budget_usd = core::Usd::from_micros(9'000'000);
  ASSERT_TRUE(
      apply_json(json{{"risk", {{"daily_budget_usd", nullptr}}}, {"order_type", "fak"}}, params)
          .ok());
  EXPECT_EQ(params.name, "before");
  EXPECT_FALSE(params.risk.daily_budget_usd.has_value());
  EXPECT_EQ(params.risk.weekly_budget_usd->micros(), 9'000'000);
  EXPECT_EQ(params.order_type, store::OrderType::fak);
}

TEST(StrategyJson, ErrorsNameTheField) {
  store::LtStrategyParams params;
  auto status = apply_json(json{{"risk", {{"max_position_usd", "x"}}}}, params);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, "invalid_decimal");
  EXPECT_NE(status.error().message.find("risk.max_position_usd"), std::string::npos);

  store::FtStrategyParams ft;
  auto wrong = apply_json(json{{"allow_adding", "yes"}}, ft);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, "wrong_type");
  EXPECT_NE(wrong.error().message.find("allow_adding"), std::string::npos);
  EXPECT_EQ(apply_json(json{{"user_id", "usr_other"}}, ft).error().code, "field_read_only");
  EXPECT_EQ(apply_json(json::array(), ft).error().code, "wrong_type");
}

}  // namespace
}  // namespace polycopy::service
