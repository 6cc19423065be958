// Bet sizing of domain.md: every mode with values worked out by hand from the doc's
// formulas (never by calling the code), the clamp at both ends, rounding down to the cent,
// kelly with edge <= 0, tiered at each boundary, the confidence scores' end points.
#include "strategy/sizing.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <limits>
#include <ostream>
#include <string>

namespace polycopy::core {
// Readable failures: gtest finds this by argument-dependent lookup.
template <class Tag>
static void PrintTo(const Fixed<Tag>& value, std::ostream* out) {
  *out << value.to_string();
}
}  // namespace polycopy::core

namespace polycopy::strategy {
namespace {

using core::Price;
using core::Ratio;
using core::Usd;
using store::SizingMode;

Usd usd(std::string_view text) {
  return *Usd::parse(text);
}
Ratio ratio(std::string_view text) {
  return *Ratio::parse(text);
}
Price price(std::string_view text) {
  return *Price::parse(text);
}

struct Scenario {
  store::FtStrategyParams params;
  SizingInputs inputs;
};

// base 10, clamp [1, 100], kelly fraction 0.25 (the defaults); entry 0.5015, edge 0.1985,
// conviction 2, win rate 0.70, bankroll 1000 (the evaluation test's baseline trade).
Scenario baseline(SizingMode mode) {
  Scenario s;
  s.params.sizing_mode = mode;
  s.inputs = SizingInputs{price("0.5015"), ratio("0.1985"), ratio("2"), ratio("0.7"), usd("1000")};
  return s;
}

struct Case {
  std::string label;
  SizingMode mode;
  std::function<void(Scenario&)> change;
  std::string_view expected;
};

class Sizing : public ::testing::TestWithParam<Case> {};

TEST_P(Sizing, GivesTheHandComputedBet) {
  Scenario s = baseline(GetParam().mode);
  GetParam().change(s);
  EXPECT_EQ(size_bet(s.params, s.inputs), usd(GetParam().expected));
}

void wide_clamp(Scenario& s) {
  s.params.min_bet = usd("0.01");
  s.params.max_bet = usd("1000000");
}

INSTANTIATE_TEST_SUITE_P(
    Rows, Sizing,
    ::testing::Values(
        // fixed: base
        Case{"fixed", SizingMode::fixed, [](Scenario&) {}, "10"},
        Case{"fixed_ignores_edge", SizingMode::fixed,
             [](Scenario& s) { s.inputs.edge = ratio("-0.5"); }, "10"},
        Case{"fixed_rounds_down_to_cent", SizingMode::fixed,
             [](Scenario& s) { s.params.bet_size = usd("10.019999"); }, "10.01"},

        // kelly: bankroll × fraction × edge / (1 − entry)
        // 1000 × 0.25 × 0.1985 / 0.4985 = 49.625 / 0.4985 = 99.5486…
        Case{"kelly", SizingMode::kelly, [](Scenario&) {}, "99.54"},
        // 1000 × 1 × 0.1 / 0.7 = 142.857142…
        Case{"kelly_rounds_down", SizingMode::kelly,
             [](Scenario& s) {
               wide_clamp(s);
               s.params.kelly_fraction = ratio("1");
               s.inputs.edge = ratio("0.1");
               s.inputs.entry_price = price("0.3");
             },
             "142.85"},
        // 10000 × 0.25 × 0.1985 / 0.4985 = 995.48… -> max_bet 100
        Case{"kelly_clamped_to_max", SizingMode::kelly,
             [](Scenario& s) { s.inputs.bankroll = usd("10000"); }, "100"},
        // 10 × 0.25 × 0.1985 / 0.4985 = 0.9954… -> min_bet 1
        Case{"kelly_clamped_to_min", SizingMode::kelly,
             [](Scenario& s) { s.inputs.bankroll = usd("10"); }, "1"},
        Case{"kelly_zero_edge_lifted_to_min_bet", SizingMode::kelly,
             [](Scenario& s) { s.inputs.edge = ratio("0"); }, "1"},
        Case{"kelly_negative_edge_lifted_to_min_bet", SizingMode::kelly,
             [](Scenario& s) { s.inputs.edge = ratio("-0.2"); }, "1"},
        Case{"kelly_negative_edge_is_zero", SizingMode::kelly,
             [](Scenario& s) {
               s.inputs.edge = ratio("-0.2");
               s.params.min_bet = usd("0");
             },
             "0"},
        Case{"kelly_unknown_edge", SizingMode::kelly, [](Scenario& s) { s.inputs.edge.reset(); },
             "1"},
        Case{"kelly_no_bankroll", SizingMode::kelly,
             [](Scenario& s) { s.inputs.bankroll = usd("0"); }, "1"},
        // 1000 × 0.25 × 0.0001 / 0.0001 = 250
        Case{"kelly_at_entry_cap", SizingMode::kelly,
             [](Scenario& s) {
               wide_clamp(s);
               s.inputs.entry_price = price("0.9999");
               s.inputs.edge = ratio("0.0001");
             },
             "250"},
        // an entry of 1 (past the cap) is sized as 0.9999, never a division by zero
        Case{"kelly_entry_past_cap", SizingMode::kelly,
             [](Scenario& s) {
               wide_clamp(s);
               s.inputs.entry_price = price("1");
               s.inputs.edge = ratio("0.0001");
             },
             "250"},

        // edge_scaled: base × (1 + 5 × edge); 10 × 1.9925 = 19.925
        Case{"edge_scaled", SizingMode::edge_scaled, [](Scenario&) {}, "19.92"},
        Case{"edge_scaled_zero_edge", SizingMode::edge_scaled,
             [](Scenario& s) { s.inputs.edge = ratio("0"); }, "10"},
        Case{"edge_scaled_negative_edge", SizingMode::edge_scaled,
             [](Scenario& s) { s.inputs.edge = ratio("-0.1"); }, "5"},
        // 10 × (1 − 1.5) = −5 -> min_bet
        Case{"edge_scaled_below_zero_lifted", SizingMode::edge_scaled,
             [](Scenario& s) { s.inputs.edge = ratio("-0.3"); }, "1"},
        Case{"edge_scaled_unknown_edge", SizingMode::edge_scaled,
             [](Scenario& s) { s.inputs.edge.reset(); }, "10"},
        // 50 × (1 + 5 × 0.3) = 125 -> max_bet 100
        Case{"edge_scaled_clamped_to_max", SizingMode::edge_scaled,
             [](Scenario& s) {
               s.params.bet_size = usd("50");
               s.inputs.edge = ratio("0.3");
             },
             "100"},

        // tiered: × 2 (>= 0.15), × 1.5 (>= 0.10), × 1 (>= 0.05), else × 0.5
        Case{"tiered_at_0_15", SizingMode::tiered,
             [](Scenario& s) { s.inputs.edge = ratio("0.15"); }, "20"},
        Case{"tiered_under_0_15", SizingMode::tiered,
             [](Scenario& s) { s.inputs.edge = ratio("0.149999"); }, "15"},
        Case{"tiered_at_0_10", SizingMode::tiered,
             [](Scenario& s) { s.inputs.edge = ratio("0.1"); }, "15"},
        Case{"tiered_under_0_10", SizingMode::tiered,
             [](Scenario& s) { s.inputs.edge = ratio("0.099999"); }, "10"},
        Case{"tiered_at_0_05", SizingMode::tiered,
             [](Scenario& s) { s.inputs.edge = ratio("0.05"); }, "10"},
        Case{"tiered_under_0_05", SizingMode::tiered,
             [](Scenario& s) { s.inputs.edge = ratio("0.049999"); }, "5"},
        Case{"tiered_negative", SizingMode::tiered,
             [](Scenario& s) { s.inputs.edge = ratio("-0.3"); }, "5"},
        Case{"tiered_unknown_edge", SizingMode::tiered, [](Scenario& s) { s.inputs.edge.reset(); },
             "5"},
        Case{"tiered_baseline", SizingMode::tiered, [](Scenario&) {}, "20"},
        // 0.03 × 1.5 = 0.045
        Case{"tiered_rounds_down", SizingMode::tiered,
             [](Scenario& s) {
               wide_clamp(s);
               s.params.bet_size = usd("0.03");
               s.inputs.edge = ratio("0.1");
             },
             "0.04"},

        // conviction: base × clamp(conviction, 0.5, 3)
        Case{"conviction", SizingMode::conviction, [](Scenario&) {}, "20"},
        Case{"conviction_low_held_at_0_5", SizingMode::conviction,
             [](Scenario& s) { s.inputs.conviction = ratio("0.2"); }, "5"},
        Case{"conviction_high_held_at_3", SizingMode::conviction,
             [](Scenario& s) { s.inputs.conviction = ratio("7"); }, "30"},
        // 10 × 1.234567 = 12.34567
        Case{"conviction_rounds_down", SizingMode::conviction,
             [](Scenario& s) { s.inputs.conviction = ratio("1.234567"); }, "12.34"},

        // confidence: base × (0.5 + 1.5 × score)
        // edge_score 0.1985/0.2 = 0.9925, conviction_score 1.5/2.5 = 0.6,
        // win_rate_score 0.2/0.3 = 2/3; score = 0.397 + 0.18 + 0.2 = 0.777;
        // 10 × (0.5 + 1.1655) = 16.655
        Case{"confidence", SizingMode::confidence, [](Scenario&) {}, "16.65"},
        Case{"confidence_all_scores_full", SizingMode::confidence,
             [](Scenario& s) {
               s.inputs.edge = ratio("0.3");
               s.inputs.conviction = ratio("5");
               s.inputs.win_rate = ratio("0.9");
             },
             "20"},
        Case{"confidence_scores_full_at_their_ends", SizingMode::confidence,
             [](Scenario& s) {
               s.inputs.edge = ratio("0.2");
               s.inputs.conviction = ratio("3");
               s.inputs.win_rate = ratio("0.8");
             },
             "20"},
        Case{"confidence_all_scores_zero", SizingMode::confidence,
             [](Scenario& s) {
               s.inputs.edge = ratio("-0.1");
               s.inputs.conviction = ratio("0.2");
               s.inputs.win_rate = ratio("0.4");
             },
             "5"},
        // Exact thirds: win_rate_score 0.1/0.3 = 1/3, score 0.1, 10 × 0.65 = 6.50
        // (scores rounded to the micro on the way would give 6.499985 -> 6.49).
        Case{"confidence_exact_third", SizingMode::confidence,
             [](Scenario& s) {
               s.inputs.edge = ratio("0");
               s.inputs.conviction = ratio("0.5");
               s.inputs.win_rate = ratio("0.6");
             },
             "6.5"},
        // unknown edge and win rate score 0; conviction 1 scores 0.5/2.5 = 0.2;
        // score 0.06, 10 × 0.59 = 5.90
        Case{"confidence_unknowns_score_zero", SizingMode::confidence,
             [](Scenario& s) {
               s.inputs.edge.reset();
               s.inputs.win_rate.reset();
               s.inputs.conviction = ratio("1");
             },
             "5.9"},
        // edge only: 0.4 × 0.05/0.2 = 0.1; 10 × (0.5 + 0.15) = 6.5
        Case{"confidence_edge_only", SizingMode::confidence,
             [](Scenario& s) {
               s.inputs.edge = ratio("0.05");
               s.inputs.conviction = ratio("0.5");
               s.inputs.win_rate = ratio("0.5");
             },
             "6.5"},

        // the clamp, for every mode, then cents
        Case{"clamp_max", SizingMode::conviction, [](Scenario& s) { s.params.max_bet = usd("15"); },
             "15"},
        Case{"clamp_min", SizingMode::conviction,
             [](Scenario& s) {
               s.params.min_bet = usd("7");
               s.inputs.conviction = ratio("0.5");
             },
             "7"},
        Case{"clamp_max_not_whole_cents", SizingMode::fixed,
             [](Scenario& s) {
               s.params.bet_size = usd("20");
               s.params.max_bet = usd("12.345");
             },
             "12.34"},
        Case{"clamp_min_not_whole_cents_rounds_down", SizingMode::fixed,
             [](Scenario& s) {
               s.params.bet_size = usd("0.5");
               s.params.min_bet = usd("1.005");
             },
             "1"},
        Case{"min_above_max_min_wins", SizingMode::fixed,
             [](Scenario& s) {
               s.params.min_bet = usd("50");
               s.params.max_bet = usd("20");
             },
             "50"}),
    [](const auto& info) { return info.param.label; });

TEST(SizingLimits, HugeValuesClampInsteadOfOverflowing) {
  Scenario s = baseline(SizingMode::kelly);
  s.inputs.bankroll = Usd::from_micros(std::numeric_limits<std::int64_t>::max());
  s.inputs.edge = ratio("1000");  // outside its domain: held to 1
  s.params.kelly_fraction = ratio("1000");
  EXPECT_EQ(size_bet(s.params, s.inputs), usd("100"));
  s.params.sizing_mode = SizingMode::edge_scaled;
  s.params.bet_size = Usd::from_micros(std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(size_bet(s.params, s.inputs), usd("100"));
  s.params.sizing_mode = SizingMode::confidence;
  EXPECT_EQ(size_bet(s.params, s.inputs), usd("100"));
}

}  // namespace
}  // namespace polycopy::strategy
