#include "strategy/params_validation.hpp"

#include <gtest/gtest.h>

#include <functional>

namespace polycopy::strategy {
namespace {

using core::Price;
using core::Ratio;
using core::Usd;
using store::FtStrategyParams;
using store::LtStrategyParams;

Usd usd(std::int64_t units) {
  return Usd::from_micros(units * core::kMicrosPerUnit);
}
Ratio ratio(std::string_view text) {
  return *Ratio::parse(text);
}
Price price(std::int64_t micros) {
  return *Price::from_micros(micros);
}

FtStrategyParams valid_ft() {
  FtStrategyParams p;
  p.name = "Copy whales";
  return p;
}

LtStrategyParams valid_lt() {
  LtStrategyParams p;
  p.name = "Live whales";
  p.ft_strategy_id = "ft_01jd0000000000000000000000";
  return p;
}

struct FtCase {
  std::string label;
  std::function<void(FtStrategyParams&)> change;
  std::string code;  // "" = accepted
};

class FtValidation : public ::testing::TestWithParam<FtCase> {};

TEST_P(FtValidation, AcceptsOrRefusesWithCode) {
  FtStrategyParams params = valid_ft();
  GetParam().change(params);
  auto result = validate_ft_params(params);
  if (GetParam().code.empty()) {
    EXPECT_TRUE(result.ok()) << result.error().to_string();
  } else {
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, GetParam().code) << result.error().message;
    EXPECT_FALSE(result.error().message.empty());
  }
}

const std::string kAddress = "0x" + std::string(40, 'a');

INSTANTIATE_TEST_SUITE_P(
    Table, FtValidation,
    ::testing::Values(
        FtCase{"defaults", [](auto&) {}, ""},
        FtCase{"empty_name", [](auto& p) { p.name = ""; }, "name_invalid"},
        FtCase{"blank_name", [](auto& p) { p.name = "   "; }, "name_invalid"},
        FtCase{"name_100", [](auto& p) { p.name = std::string(100, 'x'); }, ""},
        FtCase{"name_101", [](auto& p) { p.name = std::string(101, 'x'); }, "name_invalid"},
        FtCase{"name_100_multibyte", [](auto& p) {
                 p.name.clear();
                 for (int i = 0; i < 100; ++i) p.name += "\xc3\xa9";
               }, ""},
        FtCase{"name_control_char", [](auto& p) { p.name = "a\nb"; }, "name_invalid"},
        FtCase{"description_long", [](auto& p) { p.description = std::string(2001, 'd'); },
               "description_invalid"},
        FtCase{"starting_cash_zero", [](auto& p) { p.starting_cash = usd(0); },
               "starting_cash_invalid"},
        FtCase{"trade_age_zero", [](auto& p) { p.max_trade_age_seconds = 0; },
               "max_trade_age_invalid"},
        FtCase{"top_n_zero", [](auto& p) { p.discover_top_n = 0; }, "discover_top_n_invalid"},
        FtCase{"top_n_101", [](auto& p) { p.discover_top_n = 101; }, "discover_top_n_invalid"},
        FtCase{"resolved_count_negative", [](auto& p) { p.min_trader_resolved_count = -1; },
               "min_trader_resolved_count_invalid"},
        FtCase{"price_min_above_max",
               [](auto& p) {
                 p.price_min = price(600'000);
                 p.price_max = price(500'000);
               },
               "price_range_invalid"},
        FtCase{"price_min_equals_max",
               [](auto& p) {
                 p.price_min = price(500'000);
                 p.price_max = price(500'000);
               },
               ""},
        FtCase{"win_rate_above_one", [](auto& p) { p.min_trader_win_rate = ratio("1.1"); },
               "win_rate_invalid"},
        FtCase{"win_rate_negative", [](auto& p) { p.max_trader_win_rate = ratio("-0.1"); },
               "win_rate_invalid"},
        FtCase{"win_rate_bounds_ok",
               [](auto& p) {
                 p.min_trader_win_rate = ratio("0");
                 p.max_trader_win_rate = ratio("1");
               },
               ""},
        FtCase{"win_rate_min_above_max",
               [](auto& p) {
                 p.min_trader_win_rate = ratio("0.7");
                 p.max_trader_win_rate = ratio("0.6");
               },
               "win_rate_range_invalid"},
        FtCase{"edge_out_of_range", [](auto& p) { p.min_edge = ratio("-1.5"); }, "edge_invalid"},
        FtCase{"edge_min_above_max",
               [](auto& p) {
                 p.min_edge = ratio("0.2");
                 p.max_edge = ratio("0.1");
               },
               "edge_range_invalid"},
        FtCase{"negative_edge_ok", [](auto& p) { p.min_edge = ratio("-0.05"); }, ""},
        FtCase{"conviction_negative", [](auto& p) { p.min_conviction = ratio("-1"); },
               "conviction_invalid"},
        FtCase{"conviction_min_above_max",
               [](auto& p) {
                 p.min_conviction = ratio("3");
                 p.max_conviction = ratio("2");
               },
               "conviction_range_invalid"},
        FtCase{"original_usd_negative", [](auto& p) { p.min_original_trade_usd = usd(-1); },
               "original_trade_usd_invalid"},
        FtCase{"original_usd_min_above_max",
               [](auto& p) {
                 p.min_original_trade_usd = usd(100);
                 p.max_original_trade_usd = usd(10);
               },
               "original_trade_usd_range_invalid"},
        FtCase{"model_threshold_set", [](auto& p) { p.model_threshold = ratio("0.6"); },
               "model_not_available"},
        FtCase{"slippage_negative", [](auto& p) { p.slippage = ratio("-0.001"); },
               "slippage_invalid"},
        FtCase{"slippage_half_ok", [](auto& p) { p.slippage = ratio("0.5"); }, ""},
        FtCase{"slippage_above_half", [](auto& p) { p.slippage = ratio("0.500001"); },
               "slippage_invalid"},
        FtCase{"kelly_zero", [](auto& p) { p.kelly_fraction = ratio("0"); },
               "kelly_fraction_invalid"},
        FtCase{"kelly_above_one", [](auto& p) { p.kelly_fraction = ratio("1.5"); },
               "kelly_fraction_invalid"},
        FtCase{"bet_size_zero", [](auto& p) { p.bet_size = usd(0); }, "bet_size_invalid"},
        FtCase{"min_bet_negative", [](auto& p) { p.min_bet = usd(-1); }, "bet_size_invalid"},
        FtCase{"max_bet_zero", [](auto& p) { p.max_bet = usd(0); }, "bet_size_invalid"},
        FtCase{"min_bet_above_max",
               [](auto& p) {
                 p.min_bet = usd(50);
                 p.max_bet = usd(20);
               },
               "bet_range_invalid"},
        FtCase{"address_ok", [](auto& p) { p.target_traders = {kAddress}; }, ""},
        FtCase{"address_short", [](auto& p) { p.target_traders = {"0x1234"}; },
               "invalid_address"},
        FtCase{"address_no_prefix", [](auto& p) { p.target_traders = {std::string(42, 'a')}; },
               "invalid_address"},
        FtCase{"address_non_hex",
               [](auto& p) { p.target_traders = {"0x" + std::string(39, 'a') + "g"}; },
               "invalid_address"},
        FtCase{"too_many_traders",
               [](auto& p) { p.target_traders.assign(501, kAddress); }, "too_many_target_traders"},
        FtCase{"empty_category", [](auto& p) { p.categories = {""}; }, "category_invalid"},
        FtCase{"unknown_category", [](auto& p) { p.categories = {"sports", "zzyzx"}; },
               "category_unknown"}),
    [](const auto& info) { return info.param.label; });

TEST(FtValidationNormalises, LowerCasesAndDeduplicatesAddressesAndTrimsName) {
  FtStrategyParams params = valid_ft();
  params.name = "  Whales  ";
  params.target_traders = {"0x" + std::string(40, 'A'), "0X" + std::string(40, 'a'),
                           "0x" + std::string(40, 'b')};
  params.categories = {" sports ", "sports"};
  auto result = validate_ft_params(params);
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  EXPECT_EQ(result->name, "Whales");
  EXPECT_EQ(result->target_traders,
            (std::vector<std::string>{"0x" + std::string(40, 'a'), "0x" + std::string(40, 'b')}));
  EXPECT_EQ(result->categories, (std::vector<std::string>{"sports"}));
}

TEST(FtValidationCategories, KnownNamesAndTheirKeywordsPass) {
  FtStrategyParams params = valid_ft();
  params.categories = {"Sports", "nba", "crypto", "US elections"};
  auto result = validate_ft_params(params);
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  EXPECT_EQ(result->categories.size(), 4u);
}

TEST(FtValidationMessages, NameTheField) {
  FtStrategyParams params = valid_ft();
  params.min_bet = usd(50);
  params.max_bet = usd(20);
  auto result = validate_ft_params(params);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("min_bet"), std::string::npos);
  EXPECT_NE(result.error().message.find("max_bet"), std::string::npos);

  params = valid_ft();
  params.model_threshold = ratio("0.5");
  result = validate_ft_params(params);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("model_threshold"), std::string::npos);
}

struct LtCase {
  std::string label;
  std::function<void(LtStrategyParams&)> change;
  std::string code;
};

class LtValidation : public ::testing::TestWithParam<LtCase> {};

TEST_P(LtValidation, AcceptsOrRefusesWithCode) {
  LtStrategyParams params = valid_lt();
  GetParam().change(params);
  auto result = validate_lt_params(params);
  if (GetParam().code.empty()) {
    EXPECT_TRUE(result.ok()) << result.error().to_string();
  } else {
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, GetParam().code) << result.error().message;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, LtValidation,
    ::testing::Values(
        LtCase{"defaults", [](auto&) {}, ""},
        LtCase{"empty_name", [](auto& p) { p.name = ""; }, "name_invalid"},
        LtCase{"empty_ft_id", [](auto& p) { p.ft_strategy_id = ""; }, "ft_strategy_id_invalid"},
        LtCase{"empty_wallet", [](auto& p) { p.wallet_id = ""; }, "wallet_id_invalid"},
        LtCase{"expiry_9", [](auto& p) { p.order_expiry_seconds = 9; }, "order_expiry_invalid"},
        LtCase{"expiry_10", [](auto& p) { p.order_expiry_seconds = 10; }, ""},
        LtCase{"expiry_86400", [](auto& p) { p.order_expiry_seconds = 86'400; }, ""},
        LtCase{"expiry_86401", [](auto& p) { p.order_expiry_seconds = 86'401; },
               "order_expiry_invalid"},
        LtCase{"zone_ok", [](auto& p) { p.time_zone = "America/New_York"; }, ""},
        LtCase{"zone_unknown", [](auto& p) { p.time_zone = "Mars/Olympus"; }, "invalid_time_zone"},
        LtCase{"equity_zero", [](auto& p) { p.starting_equity = usd(0); },
               "starting_equity_invalid"},
        LtCase{"budget_negative", [](auto& p) { p.risk.daily_budget_usd = usd(-1); },
               "risk_limit_invalid"},
        LtCase{"position_negative", [](auto& p) { p.risk.max_position_usd = usd(-1); },
               "risk_limit_invalid"},
        LtCase{"open_positions_negative", [](auto& p) { p.risk.max_open_positions = -1; },
               "risk_limit_invalid"},
        LtCase{"loss_limit_negative", [](auto& p) { p.risk.consecutive_loss_limit = -3; },
               "risk_limit_invalid"},
        LtCase{"drawdown_above_one", [](auto& p) { p.risk.max_drawdown_pct = ratio("1.2"); },
               "percentage_invalid"},
        LtCase{"slippage_pct_negative", [](auto& p) { p.risk.max_slippage_pct = ratio("-0.1"); },
               "percentage_invalid"},
        LtCase{"daily_above_weekly",
               [](auto& p) {
                 p.risk.daily_budget_usd = usd(200);
                 p.risk.weekly_budget_usd = usd(100);
               },
               "budget_order_invalid"},
        LtCase{"weekly_above_monthly",
               [](auto& p) {
                 p.risk.weekly_budget_usd = usd(500);
                 p.risk.monthly_budget_usd = usd(400);
               },
               "budget_order_invalid"},
        LtCase{"daily_above_monthly_without_weekly",
               [](auto& p) {
                 p.risk.daily_budget_usd = usd(500);
                 p.risk.monthly_budget_usd = usd(400);
               },
               "budget_order_invalid"},
        LtCase{"budgets_ordered",
               [](auto& p) {
                 p.risk.daily_budget_usd = usd(100);
                 p.risk.weekly_budget_usd = usd(100);
                 p.risk.monthly_budget_usd = usd(1000);
               },
               ""}),
    [](const auto& info) { return info.param.label; });

TEST(AddressNormalisation, LowerCasesMixedCase) {
  auto address = normalize_address("0xAbCdEf0123456789aBcDeF0123456789ABCDEF01", "wallet");
  ASSERT_TRUE(address.ok());
  EXPECT_EQ(*address, "0xabcdef0123456789abcdef0123456789abcdef01");
  auto bad = normalize_address("0xAbC", "wallet");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("wallet"), std::string::npos);
}

}  // namespace
}  // namespace polycopy::strategy
