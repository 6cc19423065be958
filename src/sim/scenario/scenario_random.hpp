#pragma once
// Portable seeded randomness for the scenario generator. std::mt19937_64's output sequence
// is fixed by the standard; its distributions are not (libstdc++ and libc++ differ), so every
// draw here is integer arithmetic on the raw output: a seed gives the same scenario on any
// platform and compiler.
#include <cstdint>
#include <random>
#include <vector>

namespace polycopy::sim {

class SeededRandom {
 public:
  explicit SeededRandom(std::uint64_t seed) : engine_(seed) {}
  // An independent stream for one part of a scenario (e.g. trader 7), so adding traders
  // does not change the markets or the other traders.
  static SeededRandom stream(std::uint64_t seed, std::uint64_t part);

  std::uint64_t next() { return engine_(); }
  // Uniform in [0, n), n > 0, without modulo bias.
  std::uint64_t below(std::uint64_t n);
  // Uniform in [low, high], low <= high.
  std::int64_t between(std::int64_t low, std::int64_t high);
  // True with probability micros / 1'000'000.
  bool chance(std::int64_t micros) { return static_cast<std::int64_t>(below(1'000'000)) < micros; }
  // Exponentially distributed with this mean (>= 0), in fixed point: the gaps of a Poisson
  // arrival process.
  std::int64_t exponential(std::int64_t mean);

  template <class T>
  const T& pick(const std::vector<T>& items) {
    return items[below(items.size())];
  }
  // count distinct indexes of [0, n) in random order (count <= n).
  std::vector<std::size_t> distinct(std::size_t n, std::size_t count);

 private:
  std::mt19937_64 engine_;
};

}  // namespace polycopy::sim
