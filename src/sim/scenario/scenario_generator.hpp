#pragma once
// A realistic scenario made from a seed (what it contains: docs/sim-scenario.md): events
// (some neg-risk groups), markets with books, followed traders and a timeline of their
// trades and of market resolutions. Fully deterministic: the same options give the same
// scenario on every platform.
#include <chrono>
#include <cstdint>

#include "core/clock.hpp"
#include "sim/scenario/scenario.hpp"

namespace polycopy::sim {

// 2026-11-01T00:00:00Z: a fixed default start keeps a seed's scenario reproducible.
inline constexpr core::Timestamp kDefaultGeneratorStart{
    std::chrono::milliseconds{1'793'491'200'000}};

struct GeneratorOptions {
  std::uint64_t seed = 1;
  int traders = 20;
  int markets = 50;
  double speed = 1.0;
  core::Timestamp start = kDefaultGeneratorStart;
  std::chrono::milliseconds history = std::chrono::hours(24 * 30);  // trader trades before start
  std::chrono::milliseconds horizon = std::chrono::hours(24 * 7);   // trades, resolutions after
};

// Negative counts or durations count as zero.
Scenario generate_scenario(const GeneratorOptions& options);

}  // namespace polycopy::sim
