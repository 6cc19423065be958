// Ids: shape, uniqueness, time order; random hex and SHA-256 known answers.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"

namespace polycopy::core {
namespace {

TEST(NewId, HasPrefixAnd26CrockfordChars) {
  ManualClock clock(from_unix_ms(1'700'000'000'000));
  const auto id = new_id("ord", clock);
  ASSERT_EQ(id.size(), 4u + 26u) << id;
  EXPECT_EQ(id.substr(0, 4), "ord_");
  EXPECT_EQ(id.find_first_not_of("0123456789abcdefghjkmnpqrstvwxyz", 4), std::string::npos) << id;
  EXPECT_TRUE(is_valid_id(id, "ord"));
  EXPECT_FALSE(is_valid_id(id, "pos"));
  EXPECT_FALSE(is_valid_id(id, "or"));
}

TEST(NewId, EncodesTheMillisecondsInTheFirstTenChars) {
  // 1 ms after the epoch is the time part "0000000001"; 2^48 - 1 ms is "7zzzzzzzzz".
  ManualClock clock(from_unix_ms(1));
  EXPECT_EQ(new_id("x", clock).substr(2, 10), "0000000001");
  clock.set(from_unix_ms((std::int64_t{1} << 48) - 1));
  EXPECT_EQ(new_id("x", clock).substr(2, 10), "7zzzzzzzzz");
  clock.set(from_unix_ms(32));
  EXPECT_EQ(new_id("x", clock).substr(2, 10), "0000000010");
}

TEST(NewId, RefusesTimesThatDoNotFit) {
  ManualClock clock(from_unix_ms(-1));
  EXPECT_THROW(new_id("x", clock), Failure);
  clock.set(from_unix_ms(std::int64_t{1} << 48));
  EXPECT_THROW(new_id("x", clock), Failure);
}

TEST(NewId, UniqueOverTenThousandInTheSameMillisecond) {
  ManualClock clock(from_unix_ms(1'700'000'000'000));
  std::set<std::string> ids;
  for (int i = 0; i < 10'000; ++i) ids.insert(new_id("t", clock));
  EXPECT_EQ(ids.size(), 10'000u);
}

TEST(NewId, SortsByCreationTime) {
  ManualClock clock(from_unix_ms(1'600'000'000'000));
  std::vector<std::string> ids;
  for (int i = 0; i < 1'000; ++i) {
    ids.push_back(new_id("t", clock));
    clock.advance(std::chrono::milliseconds(1 + i * 7919));
  }
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
}

TEST(IsValidId, RejectsMalformed) {
  const std::string good = "t_01h0000000abcdefghjkmnpqrs";
  ASSERT_TRUE(is_valid_id(good, "t"));
  EXPECT_FALSE(is_valid_id("t_01h0000000abcdefghjkmnpqr", "t"));    // 25 chars
  EXPECT_FALSE(is_valid_id("t_01h0000000abcdefghjkmnpqrst", "t"));  // 27 chars
  EXPECT_FALSE(is_valid_id("t_01H0000000abcdefghjkmnpqrs", "t"));   // upper case
  EXPECT_FALSE(is_valid_id("t_01h0000000abcdefghjkmnpqrl", "t"));   // 'l' is not Crockford
  EXPECT_FALSE(is_valid_id("t_01h0000000abcdefghjkmnpqru", "t"));   // nor 'u'
  EXPECT_FALSE(is_valid_id("t-01h0000000abcdefghjkmnpqrs", "t"));   // separator
  EXPECT_FALSE(is_valid_id("t_81h0000000abcdefghjkmnpqrs", "t"));   // time beyond 48 bits
  EXPECT_FALSE(is_valid_id("", "t"));
}

TEST(RandomHex, HasTwoCharsPerByteAndDiffers) {
  const auto a = random_hex(16);
  const auto b = random_hex(16);
  EXPECT_EQ(a.size(), 32u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos) << a;
  EXPECT_NE(a, b);
  EXPECT_EQ(random_hex(0), "");
}

TEST(Sha256Hex, KnownAnswers) {
  // FIPS 180-2 test vectors.
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

}  // namespace
}  // namespace polycopy::core
