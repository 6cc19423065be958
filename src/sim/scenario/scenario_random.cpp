#include "sim/scenario/scenario_random.hpp"

#include <bit>
#include <numeric>

namespace polycopy::sim {
namespace {

using u128 = unsigned __int128;

// splitmix64's finaliser: spreads nearby (seed, part) pairs over unrelated engine seeds.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// log2(x) for x >= 1 in Q32 fixed point, by repeated squaring of the normalised mantissa.
std::uint64_t log2_q32(std::uint64_t x) {
  const int whole = std::bit_width(x) - 1;
  std::uint64_t y = x << (62 - whole);  // x / 2^whole in [1, 2), as Q62 (x < 2^62 here)
  std::uint64_t fraction = 0;
  for (int bit = 31; bit >= 0; --bit) {
    y = static_cast<std::uint64_t>((static_cast<u128>(y) * y) >> 62);  // in [1, 4)
    if (y >= (std::uint64_t{1} << 63)) {
      y >>= 1;
      fraction |= std::uint64_t{1} << bit;
    }
  }
  return (static_cast<std::uint64_t>(whole) << 32) | fraction;
}

constexpr std::uint64_t kLn2Q32 = 2'977'044'472;  // ln(2) * 2^32

}  // namespace

SeededRandom SeededRandom::stream(std::uint64_t seed, std::uint64_t part) {
  return SeededRandom(mix(mix(seed) ^ part));
}

std::uint64_t SeededRandom::below(std::uint64_t n) {
  // Reject the lowest 2^64 mod n values so every residue is equally likely.
  const std::uint64_t threshold = (0 - n) % n;
  std::uint64_t value = next();
  while (value < threshold) value = next();
  return value % n;
}

std::int64_t SeededRandom::between(std::int64_t low, std::int64_t high) {
  const auto span = static_cast<std::uint64_t>(high) - static_cast<std::uint64_t>(low) + 1;
  if (span == 0) return static_cast<std::int64_t>(next());  // the whole int64 range
  return low + static_cast<std::int64_t>(below(span));
}

std::int64_t SeededRandom::exponential(std::int64_t mean) {
  // -ln(U) for U = k / 2^53, k uniform in [1, 2^53]: (53 - log2 k) * ln 2, capped near 36.7.
  const std::uint64_t k = (next() >> 11) + 1;
  const std::uint64_t minus_log2_u = (std::uint64_t{53} << 32) - log2_q32(k);
  const auto minus_ln_u =
      static_cast<std::uint64_t>((static_cast<u128>(minus_log2_u) * kLn2Q32) >> 32);
  return static_cast<std::int64_t>((static_cast<u128>(mean) * minus_ln_u) >> 32);
}

std::vector<std::size_t> SeededRandom::distinct(std::size_t n, std::size_t count) {
  std::vector<std::size_t> indexes(n);
  std::iota(indexes.begin(), indexes.end(), std::size_t{0});
  for (std::size_t i = 0; i < count && i + 1 < n; ++i) {  // partial Fisher-Yates
    std::swap(indexes[i], indexes[i + below(n - i)]);
  }
  indexes.resize(count);
  return indexes;
}

}  // namespace polycopy::sim
