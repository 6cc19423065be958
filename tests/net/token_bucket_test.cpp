#include "net/token_bucket.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "core/error.hpp"
#include "net/rate_limiter.hpp"

namespace polycopy::net {
namespace {

using std::chrono::milliseconds;

TEST(TokenBucket, AllowsABurstThenSpacesCallersAtTheRate) {
  core::ManualClock clock;
  TokenBucket bucket({10.0, 3.0}, clock);
  EXPECT_EQ(bucket.reserve(), milliseconds(0));
  EXPECT_EQ(bucket.reserve(), milliseconds(0));
  EXPECT_EQ(bucket.reserve(), milliseconds(0));
  EXPECT_EQ(bucket.reserve(), milliseconds(100));  // queued: one token per 100 ms
  EXPECT_EQ(bucket.reserve(), milliseconds(200));
  clock.advance(milliseconds(200));
  EXPECT_NEAR(bucket.available(), 0.0, 1e-9);
  clock.advance(milliseconds(10'000));
  EXPECT_NEAR(bucket.available(), 3.0, 1e-9);  // refills to the burst, no further
}

TEST(TokenBucket, CostsMoreThanOneToken) {
  core::ManualClock clock;
  TokenBucket bucket({2.0, 5.0}, clock);
  EXPECT_EQ(bucket.reserve(5), milliseconds(0));
  EXPECT_EQ(bucket.reserve(3), milliseconds(1500));
}

TEST(TokenBucket, AClockSteppingBackAddsNothing) {
  core::ManualClock clock(core::from_unix_ms(10'000));
  TokenBucket bucket({1.0, 1.0}, clock);
  EXPECT_EQ(bucket.reserve(), milliseconds(0));
  clock.set(core::from_unix_ms(0));
  EXPECT_EQ(bucket.reserve(), milliseconds(1000));
}

TEST(TokenBucket, RefusesNonsenseLimits) {
  core::ManualClock clock;
  EXPECT_THROW(TokenBucket({0.0, 1.0}, clock), core::Failure);
  EXPECT_THROW(TokenBucket({1.0, 0.5}, clock), core::Failure);
}

TEST(TokenBucket, ConcurrentCallersEachGetADistinctSlot) {
  core::ManualClock clock;
  TokenBucket bucket({1000.0, 1.0}, clock);
  std::vector<std::thread> threads;
  std::vector<std::int64_t> waits(8 * 100);
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 100; ++i)
        waits[static_cast<std::size_t>(t * 100 + i)] = bucket.reserve().count();
    });
  for (auto& thread : threads) thread.join();
  std::sort(waits.begin(), waits.end());
  for (std::size_t i = 0; i < waits.size(); ++i) EXPECT_EQ(waits[i], static_cast<std::int64_t>(i));
}

TEST(RateLimiter, KeysHaveSeparateBucketsAndUnknownKeysAreFreeWithoutADefault) {
  core::ManualClock clock;
  RateLimiter limiter(clock);
  limiter.set_limit("clob", {1.0, 1.0});
  EXPECT_EQ(limiter.reserve("clob"), milliseconds(0));
  EXPECT_EQ(limiter.reserve("clob"), milliseconds(1000));
  for (int i = 0; i < 10; ++i) EXPECT_EQ(limiter.reserve("gamma"), milliseconds(0));

  RateLimiter with_default(clock, RateLimit{1.0, 1.0});
  EXPECT_EQ(with_default.reserve("a"), milliseconds(0));
  EXPECT_EQ(with_default.reserve("b"), milliseconds(0));  // its own bucket
  EXPECT_EQ(with_default.reserve("a"), milliseconds(1000));
}

}  // namespace
}  // namespace polycopy::net
