#include "net/backoff.hpp"

#include <gtest/gtest.h>

namespace polycopy::net {
namespace {

using std::chrono::milliseconds;

TEST(Backoff, GrowsExponentiallyUpToTheCap) {
  BackoffPolicy policy{milliseconds(100), milliseconds(1000), 2.0, 0.0};
  EXPECT_EQ(backoff_delay(policy, 1, 0.7), milliseconds(100));
  EXPECT_EQ(backoff_delay(policy, 2, 0.7), milliseconds(200));
  EXPECT_EQ(backoff_delay(policy, 4, 0.7), milliseconds(800));
  EXPECT_EQ(backoff_delay(policy, 5, 0.7), milliseconds(1000));
  EXPECT_EQ(backoff_delay(policy, 5000, 0.7), milliseconds(1000));  // no overflow
}

TEST(Backoff, JitterSpreadsWithinTheConfiguredFraction) {
  BackoffPolicy policy{milliseconds(1000), milliseconds(1000), 2.0, 0.5};
  EXPECT_EQ(backoff_delay(policy, 1, 0.0), milliseconds(500));
  EXPECT_EQ(backoff_delay(policy, 1, 0.5), milliseconds(750));
  EXPECT_EQ(backoff_delay(policy, 1, 0.999), milliseconds(1000));
  policy.jitter = 1.0;  // full jitter
  EXPECT_EQ(backoff_delay(policy, 1, 0.0), milliseconds(0));
}

TEST(Backoff, JitterSourceIsReproducibleWithASeedAndInRange) {
  Jitter a(42), b(42);
  for (int i = 0; i < 100; ++i) {
    const double x = a.uniform();
    EXPECT_EQ(x, b.uniform());
    EXPECT_GE(x, 0.0);
    EXPECT_LT(x, 1.0);
  }
}

}  // namespace
}  // namespace polycopy::net
