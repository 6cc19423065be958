// The generator's randomness is integer arithmetic on mt19937_64's specified output.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "sim/scenario/scenario_random.hpp"

namespace polycopy::sim {
namespace {

TEST(ScenarioRandom, EngineIsTheStandardOne) {
  SeededRandom random(5489);  // the standard's check: 10000th output for the default seed
  std::uint64_t value = 0;
  for (int i = 0; i < 10000; ++i) value = random.next();
  EXPECT_EQ(value, 9981545732273789042ULL);
}

TEST(ScenarioRandom, BelowAndBetweenStayInRangeAndCoverIt) {
  SeededRandom random(1);
  std::vector<int> seen(7, 0);
  for (int i = 0; i < 7000; ++i) {
    const auto value = random.between(-3, 3);
    ASSERT_GE(value, -3);
    ASSERT_LE(value, 3);
    ++seen[static_cast<std::size_t>(value + 3)];
  }
  for (int count : seen) {
    EXPECT_GT(count, 850);  // ~1000 each
    EXPECT_LT(count, 1150);
  }
  EXPECT_EQ(random.between(5, 5), 5);
  EXPECT_EQ(random.below(1), 0u);
}

TEST(ScenarioRandom, ChanceMatchesItsProbability) {
  SeededRandom random(2);
  int hits = 0;
  for (int i = 0; i < 100'000; ++i) hits += random.chance(250'000) ? 1 : 0;
  EXPECT_NEAR(hits, 25'000, 600);
  EXPECT_FALSE(SeededRandom(3).chance(0));
  EXPECT_TRUE(SeededRandom(3).chance(1'000'000));
}

TEST(ScenarioRandom, ExponentialHasItsMeanAndSpread) {
  SeededRandom random(3);
  const int n = 200'000;
  std::int64_t sum = 0;
  int above_mean = 0;
  for (int i = 0; i < n; ++i) {
    const auto value = random.exponential(3600);
    ASSERT_GE(value, 0);
    sum += value;
    above_mean += value > 3600 ? 1 : 0;
  }
  EXPECT_NEAR(static_cast<double>(sum) / n, 3600.0, 36.0);
  EXPECT_NEAR(static_cast<double>(above_mean) / n, 0.3679, 0.005);  // P(X > mean) = 1/e
}

TEST(ScenarioRandom, DistinctGivesDistinctIndexes) {
  SeededRandom random(4);
  for (int round = 0; round < 100; ++round) {
    auto picked = random.distinct(8, 6);
    ASSERT_EQ(picked.size(), 6u);
    std::sort(picked.begin(), picked.end());
    EXPECT_EQ(std::adjacent_find(picked.begin(), picked.end()), picked.end());
    EXPECT_LT(picked.back(), 8u);
  }
}

TEST(ScenarioRandom, StreamsAreIndependentAndReproducible) {
  auto a = SeededRandom::stream(1, 1);
  auto b = SeededRandom::stream(1, 2);
  auto c = SeededRandom::stream(2, 1);
  auto again = SeededRandom::stream(1, 1);
  const auto first = a.next();
  EXPECT_NE(first, b.next());
  EXPECT_NE(first, c.next());
  EXPECT_EQ(first, again.next());
}

}  // namespace
}  // namespace polycopy::sim
