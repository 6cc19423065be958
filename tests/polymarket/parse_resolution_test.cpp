// Domain rule: only closed + exactly [1,0]/[0,1] is a resolution.
#include <gtest/gtest.h>

#include "polymarket/parse/resolution.hpp"

namespace polycopy::polymarket::parse {
namespace {

std::optional<std::vector<core::Price>> prices(std::initializer_list<const char*> texts) {
  std::vector<core::Price> out;
  for (const char* t : texts) out.push_back(*core::Price::parse(t));
  return out;
}

TEST(ParseResolution, ClosedOneZeroHasAWinner) {
  const auto a = resolve_from_gamma(true, prices({"1", "0"}));
  EXPECT_EQ(a.state, ResolutionState::resolved);
  EXPECT_EQ(a.winner_index, 0u);
  const auto b = resolve_from_gamma(true, prices({"0", "1"}));
  EXPECT_EQ(b.winner_index, 1u);
  EXPECT_EQ(resolve_from_gamma(true, prices({"1.000", "0.0"})).state, ResolutionState::resolved);
}

TEST(ParseResolution, NotResolutions) {
  EXPECT_EQ(resolve_from_gamma(true, prices({"0", "0"})).state, ResolutionState::no_clean_winner);
  EXPECT_EQ(resolve_from_gamma(true, prices({"0.5", "0.5"})).state,
            ResolutionState::no_clean_winner);
  EXPECT_EQ(resolve_from_gamma(true, prices({"1", "1"})).state, ResolutionState::no_clean_winner);
  EXPECT_EQ(resolve_from_gamma(true, prices({"0.9995", "0.0005"})).state,
            ResolutionState::no_clean_winner);
  EXPECT_EQ(resolve_from_gamma(false, prices({"0.9995", "0.0005"})).state,
            ResolutionState::not_closed);
  EXPECT_EQ(resolve_from_gamma(false, prices({"1", "0"})).state, ResolutionState::not_closed);
  EXPECT_EQ(resolve_from_gamma(std::nullopt, prices({"1", "0"})).state,
            ResolutionState::not_closed);
  EXPECT_EQ(resolve_from_gamma(true, std::nullopt).state, ResolutionState::no_prices);
  EXPECT_EQ(resolve_from_gamma(true, prices({"1"})).state, ResolutionState::no_clean_winner);
  // A price rounded from more than 6 decimals (0.9999999 -> 1) is never a resolution.
  EXPECT_EQ(resolve_from_gamma(true, prices({"1", "0"}), false).state,
            ResolutionState::no_clean_winner);
}

}  // namespace
}  // namespace polycopy::polymarket::parse
