// The shared evaluation of domain.md: every reason code reached and just missed at its
// bound, the order of the checks, the trade numbers (entry price, edge, conviction, source
// USD), in-play markets, category matching and the id set. Expected values are worked out
// by hand from the doc, never by calling the code under test.
#include "strategy/evaluation.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <limits>
#include <ostream>
#include <string>
#include <vector>

#include "strategy/category_match.hpp"
#include "strategy/reason_codes.hpp"
#include "strategy/trade_metrics.hpp"

namespace polycopy::core {
// Readable failures: gtest finds these by argument-dependent lookup.
static void PrintTo(const Price& value, std::ostream* out) {
  *out << value.to_string();
}
template <class Tag>
static void PrintTo(const Fixed<Tag>& value, std::ostream* out) {
  *out << value.to_string();
}
}  // namespace polycopy::core

namespace polycopy::strategy {
namespace {

using core::Price;
using core::Ratio;
using core::Shares;
using core::Timestamp;
using core::Usd;
using namespace std::chrono_literals;

Usd usd(std::string_view text) {
  return *Usd::parse(text);
}
Ratio ratio(std::string_view text) {
  return *Ratio::parse(text);
}
Price price(std::string_view text) {
  return *Price::parse(text);
}
Shares shares(std::string_view text) {
  return *Shares::parse(text);
}

const Timestamp kNow = core::from_unix_ms(1'750'000'000'000);
const std::string kTrader = "0x" + std::string(40, 'a');
const std::string kOtherTrader = "0x" + std::string(40, 'b');
const std::string kToken = "111";

// Everything one evaluation needs, owned, so a table row can change any of it.
struct Scenario {
  store::FtStrategyParams params;
  SourceTrade trade;
  std::optional<MarketInfo> market;
  TraderStats trader;
  Usd cash;
  std::vector<std::string> held;
  std::optional<Ratio> model_probability;
  Timestamp now = kNow;
};

// Accepted under the defaults: BUY 100 shares at 0.50 (50 USD) one minute ago, by a trader
// with 40 resolved trades, win rate 0.70 and 25 USD average trades, on an open politics
// market. Entry 0.5015, edge 0.1985, conviction 2, bet 10 (fixed), cash 1000.
Scenario baseline() {
  Scenario s;
  s.params.name = "Copy whales";
  s.trade = SourceTrade{kTrader,        "0xfeed",     "0xc0nd",      kToken,    "Yes",
                        TradeSide::buy, price("0.5"), shares("100"), kNow - 60s};
  MarketInfo market;
  market.condition_id = "0xc0nd";
  market.token_ids = {kToken, "222"};
  market.question = "Will Alex Moreno win the Ohio Senate race?";
  market.end_time = kNow + 24h;
  market.tick = price("0.01");
  market.min_order_size = shares("5");
  s.market = market;
  s.trader = TraderStats{40, ratio("0.7"), ratio("0.65"), usd("25"), usd("120")};
  s.cash = usd("1000");
  s.held = {"999"};
  return s;
}

EvaluationResult run(const Scenario& s) {
  const PreparedStrategy strategy(s.params);
  const IdSet held(s.held);
  const StrategyState state{s.cash, held};
  return evaluate(strategy, EvaluationInput{s.trade, s.market ? &*s.market : nullptr, s.trader,
                                            state, s.model_probability, s.now});
}

// ---- the table: each code reached, and missed just on the other side of its bound ----

struct Case {
  std::string label;
  std::function<void(Scenario&)> change;
  std::string_view code;  // empty = accepted
};

class EvaluationTable : public ::testing::TestWithParam<Case> {};

TEST_P(EvaluationTable, AcceptsOrRejectsWithCode) {
  Scenario s = baseline();
  GetParam().change(s);
  const EvaluationResult result = run(s);
  EXPECT_EQ(result.reason, GetParam().code);
  EXPECT_EQ(result.accepted, GetParam().code.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Rows, EvaluationTable,
    ::testing::Values(
        Case{"baseline", [](Scenario&) {}, ""},
        // not_a_buy
        Case{"sell", [](Scenario& s) { s.trade.side = TradeSide::sell; }, reason::not_a_buy},
        // trade_too_old: 600 s default
        Case{"age_exactly_max", [](Scenario& s) { s.trade.at = kNow - 600s; }, ""},
        Case{"age_max_plus_1ms", [](Scenario& s) { s.trade.at = kNow - 600s - 1ms; },
             reason::trade_too_old},
        Case{"age_custom_max", [](Scenario& s) { s.params.max_trade_age_seconds = 59; },
             reason::trade_too_old},
        Case{"age_from_the_future", [](Scenario& s) { s.trade.at = kNow + 5s; }, ""},
        // market_not_found
        Case{"no_market", [](Scenario& s) { s.market.reset(); }, reason::market_not_found},
        // market_resolved
        Case{"closed", [](Scenario& s) { s.market->closed = true; }, reason::market_resolved},
        Case{"resolved", [](Scenario& s) { s.market->resolved = true; },
             reason::market_resolved},
        // after_market_end
        Case{"trade_at_end", [](Scenario& s) { s.market->end_time = s.trade.at; }, ""},
        Case{"trade_1ms_after_end", [](Scenario& s) { s.market->end_time = s.trade.at - 1ms; },
             reason::after_market_end},
        Case{"no_end_time", [](Scenario& s) { s.market->end_time.reset(); }, ""},
        // trade_live_only
        Case{"live_only_no_live_info", [](Scenario& s) { s.params.live_markets_only = true; },
             reason::trade_live_only},
        Case{"live_only_live_flag",
             [](Scenario& s) {
               s.params.live_markets_only = true;
               s.market->live = true;
             },
             ""},
        Case{"live_only_flag_false_wins",
             [](Scenario& s) {
               s.params.live_markets_only = true;
               s.market->live = false;
               s.market->game_start_time = kNow - 1h;
             },
             reason::trade_live_only},
        Case{"live_only_game_starts_now",
             [](Scenario& s) {
               s.params.live_markets_only = true;
               s.market->game_start_time = kNow;
             },
             ""},
        Case{"live_only_game_starts_in_1ms",
             [](Scenario& s) {
               s.params.live_markets_only = true;
               s.market->game_start_time = kNow + 1ms;
             },
             reason::trade_live_only},
        Case{"live_only_game_over_at_now",
             [](Scenario& s) {
               s.params.live_markets_only = true;
               s.market->game_start_time = kNow - 2h;
               s.market->end_time = kNow;
             },
             reason::trade_live_only},
        Case{"not_live_only_ignores_liveness", [](Scenario& s) { s.market->live = false; }, ""},
        // not_target_trader
        Case{"target_list_without_trader",
             [](Scenario& s) { s.params.target_traders = {kOtherTrader}; },
             reason::not_target_trader},
        Case{"target_list_with_trader",
             [](Scenario& s) { s.params.target_traders = {kOtherTrader, kTrader}; }, ""},
        Case{"target_list_upper_case",
             [](Scenario& s) { s.params.target_traders = {"0x" + std::string(40, 'A')}; }, ""},
        // insufficient_trader_history: 30 by default
        Case{"resolved_count_at_min", [](Scenario& s) { s.trader.resolved_count = 30; }, ""},
        Case{"resolved_count_below_min", [](Scenario& s) { s.trader.resolved_count = 29; },
             reason::insufficient_trader_history},
        // price_out_of_range: the source price 0.5
        Case{"price_at_min", [](Scenario& s) { s.params.price_min = price("0.5"); }, ""},
        Case{"price_1_micro_below_min",
             [](Scenario& s) { s.params.price_min = price("0.500001"); },
             reason::price_out_of_range},
        Case{"price_at_max", [](Scenario& s) { s.params.price_max = price("0.5"); }, ""},
        Case{"price_1_micro_above_max",
             [](Scenario& s) { s.params.price_max = price("0.499999"); },
             reason::price_out_of_range},
        // win_rate_out_of_range: 0.70
        Case{"win_rate_at_min", [](Scenario& s) { s.params.min_trader_win_rate = ratio("0.7"); },
             ""},
        Case{"win_rate_1_micro_below_min",
             [](Scenario& s) { s.params.min_trader_win_rate = ratio("0.700001"); },
             reason::win_rate_out_of_range},
        Case{"win_rate_at_max", [](Scenario& s) { s.params.max_trader_win_rate = ratio("0.7"); },
             ""},
        Case{"win_rate_1_micro_above_max",
             [](Scenario& s) { s.params.max_trader_win_rate = ratio("0.699999"); },
             reason::win_rate_out_of_range},
        Case{"win_rate_unknown_with_bound",
             [](Scenario& s) {
               s.trader.win_rate.reset();
               s.params.max_trader_win_rate = ratio("1");
             },
             reason::win_rate_out_of_range},
        Case{"win_rate_unknown_without_bound", [](Scenario& s) { s.trader.win_rate.reset(); },
             ""},
        Case{"win_rate_30d_is_not_used",
             [](Scenario& s) {
               s.trader.win_rate_30d = ratio("0.1");
               s.params.min_trader_win_rate = ratio("0.7");
             },
             ""},
        // edge_out_of_range: 0.70 − 0.5015 = 0.1985
        Case{"edge_at_min", [](Scenario& s) { s.params.min_edge = ratio("0.1985"); }, ""},
        Case{"edge_1_micro_below_min", [](Scenario& s) { s.params.min_edge = ratio("0.198501"); },
             reason::edge_out_of_range},
        Case{"edge_at_max", [](Scenario& s) { s.params.max_edge = ratio("0.1985"); }, ""},
        Case{"edge_1_micro_above_max", [](Scenario& s) { s.params.max_edge = ratio("0.198499"); },
             reason::edge_out_of_range},
        Case{"negative_edge_at_min",
             [](Scenario& s) {
               s.trader.win_rate = ratio("0.4");  // 0.4 − 0.5015 = −0.1015
               s.params.min_edge = ratio("-0.1015");
             },
             ""},
        Case{"negative_edge_1_micro_below_min",
             [](Scenario& s) {
               s.trader.win_rate = ratio("0.4");
               s.params.min_edge = ratio("-0.101499");
             },
             reason::edge_out_of_range},
        Case{"edge_uses_entry_price_not_source_price",
             [](Scenario& s) { s.params.min_edge = ratio("0.2"); },  // 0.7 − 0.5 would pass
             reason::edge_out_of_range},
        Case{"edge_unknown_with_bound",
             [](Scenario& s) {
               s.trader.win_rate.reset();
               s.params.min_edge = ratio("-1");
             },
             reason::edge_out_of_range},
        // conviction_out_of_range: 50 / 25 = 2
        Case{"conviction_at_min", [](Scenario& s) { s.params.min_conviction = ratio("2"); }, ""},
        Case{"conviction_1_micro_below_min",
             [](Scenario& s) { s.params.min_conviction = ratio("2.000001"); },
             reason::conviction_out_of_range},
        Case{"conviction_at_max", [](Scenario& s) { s.params.max_conviction = ratio("2"); }, ""},
        Case{"conviction_1_micro_above_max",
             [](Scenario& s) { s.params.max_conviction = ratio("1.999999"); },
             reason::conviction_out_of_range},
        // 50 / 30 = 1.666…: the floor 1.666666 is below the exact value, so a max of
        // 1.666666 is exceeded and a min of 1.666666 is met.
        Case{"conviction_exact_above_rounded_max",
             [](Scenario& s) {
               s.trader.average_trade_usd = usd("30");
               s.params.max_conviction = ratio("1.666666");
             },
             reason::conviction_out_of_range},
        Case{"conviction_exact_above_rounded_min",
             [](Scenario& s) {
               s.trader.average_trade_usd = usd("30");
               s.params.min_conviction = ratio("1.666666");
             },
             ""},
        Case{"conviction_exact_below_next_micro",
             [](Scenario& s) {
               s.trader.average_trade_usd = usd("30");
               s.params.min_conviction = ratio("1.666667");
             },
             reason::conviction_out_of_range},
        Case{"conviction_unknown_average_is_1",
             [](Scenario& s) {
               s.trader.average_trade_usd.reset();
               s.params.min_conviction = ratio("1");
               s.params.max_conviction = ratio("1");
             },
             ""},
        Case{"conviction_zero_average_is_1",
             [](Scenario& s) {
               s.trader.average_trade_usd = usd("0");
               s.params.min_conviction = ratio("1.000001");
             },
             reason::conviction_out_of_range},
        // category_mismatch: the title is a politics one, no tag
        Case{"category_keyword_match", [](Scenario& s) { s.params.categories = {"politics"}; },
             ""},
        Case{"category_keyword_mismatch", [](Scenario& s) { s.params.categories = {"crypto"}; },
             reason::category_mismatch},
        Case{"category_one_of_several",
             [](Scenario& s) { s.params.categories = {"crypto", "Politics"}; }, ""},
        Case{"category_tag_ignores_case",
             [](Scenario& s) {
               s.market->category = "POLITICS";
               s.params.categories = {"politics"};
             },
             ""},
        Case{"category_tag_wins_over_title",
             [](Scenario& s) {
               s.market->category = "sports";
               s.params.categories = {"politics"};
             },
             reason::category_mismatch},
        // original_size_out_of_range: 0.5 × 100 = 50 USD
        Case{"original_at_min", [](Scenario& s) { s.params.min_original_trade_usd = usd("50"); },
             ""},
        Case{"original_1_micro_below_min",
             [](Scenario& s) { s.params.min_original_trade_usd = usd("50.000001"); },
             reason::original_size_out_of_range},
        Case{"original_at_max", [](Scenario& s) { s.params.max_original_trade_usd = usd("50"); },
             ""},
        Case{"original_1_micro_above_max",
             [](Scenario& s) { s.params.max_original_trade_usd = usd("49.999999"); },
             reason::original_size_out_of_range},
        // model_not_available / model_below_threshold
        Case{"model_threshold_without_probability",
             [](Scenario& s) { s.params.model_threshold = ratio("0.6"); },
             reason::model_not_available},
        Case{"model_at_threshold",
             [](Scenario& s) {
               s.params.model_threshold = ratio("0.6");
               s.model_probability = ratio("0.6");
             },
             ""},
        Case{"model_1_micro_below_threshold",
             [](Scenario& s) {
               s.params.model_threshold = ratio("0.6");
               s.model_probability = ratio("0.599999");
             },
             reason::model_below_threshold},
        Case{"model_probability_without_threshold",
             [](Scenario& s) { s.model_probability = ratio("0.01"); }, ""},
        // duplicate_position
        Case{"token_held", [](Scenario& s) { s.held.push_back(kToken); },
             reason::duplicate_position},
        Case{"token_held_adding_allowed",
             [](Scenario& s) {
               s.held.push_back(kToken);
               s.params.allow_adding = true;
             },
             ""},
        Case{"other_outcome_of_market_held", [](Scenario& s) { s.held.push_back("222"); }, ""},
        // insufficient_cash: the fixed bet is 10
        Case{"cash_equal_to_bet", [](Scenario& s) { s.cash = usd("10"); }, ""},
        Case{"cash_1_micro_below_bet", [](Scenario& s) { s.cash = usd("9.999999"); },
             reason::insufficient_cash},
        // Kelly stays below the bankroll, but the clamp can lift it above the cash:
        // 0.5 × 0.25 × 0.1985 / 0.4985 = 0.0497… -> min_bet 1 > 0.5.
        Case{"kelly_min_bet_above_cash",
             [](Scenario& s) {
               s.params.sizing_mode = store::SizingMode::kelly;
               s.cash = usd("0.5");
             },
             reason::insufficient_cash}),
    [](const auto& info) { return info.param.label; });

// ---- the order of the checks ----

// One change per code that makes the baseline fail exactly that check.
std::function<void(Scenario&)> breaker(std::string_view code) {
  if (code == reason::not_a_buy) return [](Scenario& s) { s.trade.side = TradeSide::sell; };
  if (code == reason::trade_too_old) return [](Scenario& s) { s.trade.at = kNow - 601s; };
  if (code == reason::market_not_found) return [](Scenario& s) { s.market.reset(); };
  if (code == reason::market_resolved)
    return [](Scenario& s) {
      if (s.market) s.market->closed = true;
    };
  if (code == reason::after_market_end)
    return [](Scenario& s) {
      if (s.market) s.market->end_time = s.trade.at - 1ms;
    };
  if (code == reason::trade_live_only)
    return [](Scenario& s) { s.params.live_markets_only = true; };
  if (code == reason::not_target_trader)
    return [](Scenario& s) { s.params.target_traders = {kOtherTrader}; };
  if (code == reason::insufficient_trader_history)
    return [](Scenario& s) { s.trader.resolved_count = 29; };
  if (code == reason::price_out_of_range)
    return [](Scenario& s) { s.params.price_min = price("0.6"); };
  if (code == reason::win_rate_out_of_range)
    return [](Scenario& s) { s.params.min_trader_win_rate = ratio("0.9"); };
  if (code == reason::edge_out_of_range)
    return [](Scenario& s) { s.params.min_edge = ratio("0.5"); };
  if (code == reason::conviction_out_of_range)
    return [](Scenario& s) { s.params.min_conviction = ratio("3"); };
  if (code == reason::category_mismatch)
    return [](Scenario& s) { s.params.categories = {"crypto"}; };
  if (code == reason::original_size_out_of_range)
    return [](Scenario& s) { s.params.min_original_trade_usd = usd("1000"); };
  if (code == reason::model_not_available)
    return [](Scenario& s) { s.params.model_threshold = ratio("0.6"); };
  if (code == reason::model_below_threshold)
    return [](Scenario& s) {
      s.params.model_threshold = ratio("0.6");
      s.model_probability = ratio("0.5");
    };
  if (code == reason::duplicate_position) return [](Scenario& s) { s.held.push_back(kToken); };
  if (code == reason::insufficient_cash) return [](Scenario& s) { s.cash = usd("5"); };
  ADD_FAILURE() << "no breaker for " << code;
  return [](Scenario&) {};
}

TEST(EvaluationOrder, EachBreakerAloneGivesItsCode) {
  for (const std::string_view code : reason::kInCheckOrder) {
    Scenario s = baseline();
    breaker(code)(s);
    EXPECT_EQ(run(s).reason, code);
  }
}

TEST(EvaluationOrder, OfTwoFailuresTheEarlierWins) {
  const auto& codes = reason::kInCheckOrder;
  for (std::size_t first = 0; first < codes.size(); ++first) {
    for (std::size_t second = first + 1; second < codes.size(); ++second) {
      // Without a probability, a threshold cannot also be missed: these two exclude each other.
      if (codes[first] == reason::model_not_available &&
          codes[second] == reason::model_below_threshold)
        continue;
      Scenario s = baseline();
      breaker(codes[second])(s);
      breaker(codes[first])(s);
      EXPECT_EQ(run(s).reason, codes[first]) << "with " << codes[second];
    }
  }
}

TEST(EvaluationOrder, EverythingFailingReportsNotABuy) {
  Scenario s = baseline();
  for (auto it = reason::kInCheckOrder.rbegin(); it != reason::kInCheckOrder.rend(); ++it)
    breaker (*it)(s);
  EXPECT_EQ(run(s).reason, reason::not_a_buy);
}

// ---- the result's numbers ----

TEST(EvaluationResultNumbers, AcceptedCarriesAllNumbers) {
  const EvaluationResult result = run(baseline());
  ASSERT_TRUE(result.accepted);
  EXPECT_TRUE(result.reason.empty());
  EXPECT_EQ(result.entry_price, price("0.5015"));
  EXPECT_EQ(result.source_trade_usd, usd("50"));
  EXPECT_EQ(result.edge, ratio("0.1985"));
  EXPECT_EQ(result.conviction, ratio("2"));
  EXPECT_EQ(result.bet, usd("10"));
}

TEST(EvaluationResultNumbers, EarlyRejectionCarriesTradeNumbersButNoBet) {
  Scenario s = baseline();
  s.trade.at = kNow - 1h;
  const EvaluationResult result = run(s);
  EXPECT_EQ(result.reason, reason::trade_too_old);
  EXPECT_EQ(result.entry_price, price("0.5015"));
  EXPECT_EQ(result.edge, ratio("0.1985"));
  EXPECT_EQ(result.conviction, ratio("2"));
  EXPECT_FALSE(result.bet.has_value());
}

TEST(EvaluationResultNumbers, CashRejectionCarriesTheBet) {
  Scenario s = baseline();
  s.cash = usd("3");
  const EvaluationResult result = run(s);
  EXPECT_EQ(result.reason, reason::insufficient_cash);
  EXPECT_EQ(result.bet, usd("10"));
}

TEST(EvaluationResultNumbers, KellyUsesCashAsBankroll) {
  Scenario s = baseline();
  s.params.sizing_mode = store::SizingMode::kelly;
  // 1000 × 0.25 × 0.1985 / (1 − 0.5015) = 49.625 / 0.4985 = 99.5486… -> 99.54
  EXPECT_EQ(run(s).bet, usd("99.54"));
  s.cash = usd("500");  // 24.8125 / 0.4985 = 49.7743… -> 49.77
  EXPECT_EQ(run(s).bet, usd("49.77"));
}

TEST(EvaluationResultNumbers, UnknownWinRateLeavesEdgeAbsent) {
  Scenario s = baseline();
  s.trader.win_rate.reset();
  const EvaluationResult result = run(s);
  EXPECT_TRUE(result.accepted);
  EXPECT_FALSE(result.edge.has_value());
}

// ---- trade numbers ----

struct EntryCase {
  std::string label;
  std::string_view price, slippage, expected;
};

class EntryPrice : public ::testing::TestWithParam<EntryCase> {};

TEST_P(EntryPrice, IsCappedAndRoundedUp) {
  EXPECT_EQ(entry_price(price(GetParam().price), ratio(GetParam().slippage)),
            price(GetParam().expected));
}

INSTANTIATE_TEST_SUITE_P(
    Rows, EntryPrice,
    ::testing::Values(EntryCase{"exact", "0.5", "0.003", "0.5015"},
                      // 0.333333 × 1.003 = 0.334332999
                      EntryCase{"rounds_up", "0.333333", "0.003", "0.334333"},
                      // 0.000001 × 1.003 = 0.000001003
                      EntryCase{"rounds_up_smallest", "0.000001", "0.003", "0.000002"},
                      EntryCase{"no_slippage", "0.42", "0", "0.42"},
                      EntryCase{"zero_price", "0", "0.003", "0"},
                      // 0.996908 × 1.003 = 0.999898724
                      EntryCase{"just_under_cap", "0.996908", "0.003", "0.999899"},
                      // 0.996909 × 1.003 = 0.999899727 -> up to 0.9999, the cap
                      EntryCase{"rounds_up_to_cap", "0.996909", "0.003", "0.9999"},
                      // 0.997 × 1.003 = 0.999991
                      EntryCase{"capped", "0.997", "0.003", "0.9999"},
                      EntryCase{"at_cap", "0.9999", "0", "0.9999"},
                      EntryCase{"one_capped", "1", "0", "0.9999"},
                      EntryCase{"high_slippage_capped", "0.7", "0.5", "0.9999"}),
    [](const auto& info) { return info.param.label; });

TEST(TradeNumbers, SourceUsdRoundsDownToTheMicro) {
  EXPECT_EQ(source_trade_usd(price("0.5"), shares("100")), usd("50"));
  EXPECT_EQ(source_trade_usd(price("0.333333"), shares("3")), usd("0.999999"));
  // 0.333333 × 0.5 = 0.1666665
  EXPECT_EQ(source_trade_usd(price("0.333333"), shares("0.5")), usd("0.166666"));
}

TEST(TradeNumbers, EdgeIsSigned) {
  EXPECT_EQ(edge(ratio("0.7"), price("0.5015")), ratio("0.1985"));
  EXPECT_EQ(edge(ratio("0.4"), price("0.5015")), ratio("-0.1015"));
  EXPECT_EQ(edge(ratio("0.5015"), price("0.5015")), ratio("0"));
  EXPECT_FALSE(edge(std::nullopt, price("0.5")).has_value());
}

TEST(TradeNumbers, ConvictionRoundsDownAndDefaultsToOne) {
  EXPECT_EQ(conviction(usd("50"), usd("25")), ratio("2"));
  EXPECT_EQ(conviction(usd("50"), usd("30")), ratio("1.666666"));
  EXPECT_EQ(conviction(usd("10"), usd("40")), ratio("0.25"));
  EXPECT_EQ(conviction(usd("50"), std::nullopt), ratio("1"));
  EXPECT_EQ(conviction(usd("50"), usd("0")), ratio("1"));
  EXPECT_EQ(conviction(usd("50"), usd("-5")), ratio("1"));
}

TEST(TradeNumbers, ConvictionSaturatesInsteadOfOverflowing) {
  const Usd huge = Usd::from_micros(std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(conviction(huge, Usd::from_micros(1)).micros(),
            std::numeric_limits<std::int64_t>::max());
  EXPECT_TRUE(compare_conviction(huge, Usd::from_micros(1), ratio("1000000")) > 0);
}

TEST(TradeNumbers, ConvictionComparesExactly) {
  EXPECT_EQ(compare_conviction(usd("50"), usd("25"), ratio("2")), std::strong_ordering::equal);
  EXPECT_TRUE(compare_conviction(usd("50"), usd("30"), ratio("1.666666")) > 0);
  EXPECT_TRUE(compare_conviction(usd("50"), usd("30"), ratio("1.666667")) < 0);
  EXPECT_EQ(compare_conviction(usd("50"), std::nullopt, ratio("1")), std::strong_ordering::equal);
}

// ---- in play ----

TEST(InPlay, FlagWinsThenGameWindow) {
  MarketInfo m;
  EXPECT_FALSE(is_in_play(m, kNow));  // nothing known
  m.game_start_time = kNow;
  EXPECT_TRUE(is_in_play(m, kNow));  // start is inclusive, no end: open-ended
  m.end_time = kNow + 1ms;
  EXPECT_TRUE(is_in_play(m, kNow));
  m.end_time = kNow;  // end is exclusive
  EXPECT_FALSE(is_in_play(m, kNow));
  m.live = true;
  EXPECT_TRUE(is_in_play(m, kNow));
  m.live = false;
  m.end_time = kNow + 1h;
  EXPECT_FALSE(is_in_play(m, kNow));
}

// ---- categories ----

struct TitleCase {
  std::string label;
  std::string_view title;
  CategoryMask expected;
};

class TitleCategories : public ::testing::TestWithParam<TitleCase> {};

TEST_P(TitleCategories, FindsKeywordsAsWholeWords) {
  EXPECT_EQ(title_categories(GetParam().title), GetParam().expected);
}

constexpr CategoryMask kPolitics = mask_of(KnownCategory::politics);
constexpr CategoryMask kSports = mask_of(KnownCategory::sports);
constexpr CategoryMask kCrypto = mask_of(KnownCategory::crypto);
constexpr CategoryMask kEconomics = mask_of(KnownCategory::economics);
constexpr CategoryMask kCulture = mask_of(KnownCategory::culture);
constexpr CategoryMask kTech = mask_of(KnownCategory::tech);
constexpr CategoryMask kGeopolitics = mask_of(KnownCategory::geopolitics);

INSTANTIATE_TEST_SUITE_P(
    Rows, TitleCategories,
    ::testing::Values(
        TitleCase{"politics", "Will Alex Moreno win the Ohio Senate race?", kPolitics},
        TitleCase{"crypto", "Will Bitcoin close above $120,000 on October 31?", kCrypto},
        TitleCase{"sports_vs", "Lakers vs. Celtics", kSports},
        TitleCase{"sports_super_bowl", "Who will win Super Bowl LX?", kSports},
        TitleCase{"economics_upper_case", "Will the FED cut rates in June?", kEconomics},
        TitleCase{"culture", "Will Oppenheimer win Best Picture at the Oscars?", kCulture},
        TitleCase{"tech", "OpenAI announces GPT-5 by March?", kTech},
        TitleCase{"geopolitics", "Russia x Ukraine ceasefire in 2025?", kGeopolitics},
        TitleCase{"several", "Will Trump say Bitcoin during the speech?", kPolitics | kCrypto},
        TitleCase{"no_match_inside_word", "Whether Ethiopia wins the tournament", 0},
        TitleCase{"possessive_split", "Trump's approval", kPolitics},
        TitleCase{"utf8_word_kept_whole", "Pok\xc3\xa9mon eth\xc3\xa9rique", 0},
        TitleCase{"empty", "", 0}, TitleCase{"punctuation_only", "?!- ", 0},
        TitleCase{"very_long_word", std::string_view("Supercalifragilisticexpialidocious"), 0}),
    [](const auto& info) { return info.param.label; });

TEST(CategoryMatch, KnownCategoryIgnoresCase) {
  EXPECT_EQ(known_category("Politics"), KnownCategory::politics);
  EXPECT_EQ(known_category("GEOPOLITICS"), KnownCategory::geopolitics);
  EXPECT_EQ(known_category("weather"), std::nullopt);
}

TEST(CategoryMatch, ContainsWordsNeedsWordBoundaries) {
  EXPECT_TRUE(contains_words("Will it rain in NYC? Weather watch", "weather"));
  EXPECT_FALSE(contains_words("Will the weatherman be right?", "weather"));
  EXPECT_TRUE(contains_words("Top Pop Culture moment", "pop culture"));
  EXPECT_FALSE(contains_words("Top Pop Cultures", "pop culture"));
  EXPECT_FALSE(contains_words("anything", ""));
}

TEST(CategoryMatch, FilterRules) {
  const std::optional<std::string> no_tag;
  EXPECT_TRUE(CategoryFilter().matches(no_tag, "anything"));
  EXPECT_TRUE(
      CategoryFilter(std::vector<std::string>{}).matches(std::string("sports"), "anything"));

  const CategoryFilter politics({"Politics"});
  EXPECT_TRUE(politics.matches(std::string("politics"), "Lakers vs Celtics"));  // tag wins
  EXPECT_FALSE(politics.matches(std::string("Sports"), "Senate race"));         // tag wins
  EXPECT_TRUE(politics.matches(std::string(""), "Senate race"));  // empty tag = no tag
  EXPECT_TRUE(politics.matches(no_tag, "Senate race"));
  EXPECT_FALSE(politics.matches(no_tag, "Lakers vs Celtics"));

  const CategoryFilter weather({"Weather"});  // not a known category: its name is the keyword
  EXPECT_TRUE(weather.matches(no_tag, "NYC weather: snow on Christmas?"));
  EXPECT_FALSE(weather.matches(no_tag, "Will the weatherman be right?"));
  EXPECT_TRUE(weather.matches(std::string("WEATHER"), "whatever"));
}

// ---- id set ----

TEST(IdSetTest, SortsDeduplicatesAndLooksUp) {
  IdSet set({"c", "a", "b", "a"});
  EXPECT_EQ(set.size(), 3u);
  EXPECT_TRUE(set.contains("a"));
  EXPECT_TRUE(set.contains("c"));
  EXPECT_FALSE(set.contains("d"));
  set.insert("d");
  set.insert("d");
  EXPECT_EQ(set.size(), 4u);
  EXPECT_TRUE(set.contains("d"));
  set.erase("a");
  set.erase("zz");
  EXPECT_FALSE(set.contains("a"));
  EXPECT_EQ(set.size(), 3u);
  EXPECT_TRUE(IdSet().empty());
}

}  // namespace
}  // namespace polycopy::strategy
