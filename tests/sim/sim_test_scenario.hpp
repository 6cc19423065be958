#pragma once
// A small, fixed scenario for the simulator's server tests: two open markets (one plain with
// tick 0.01, one neg-risk with tick 0.001) with books around 0.50, one resolved market, and a
// trader with a short history.
#include "sim/scenario/scenario.hpp"

namespace polycopy::sim::testing {

Scenario small_scenario();

// Ids of the scenario's parts, for assertions.
inline constexpr const char* kPlainYesToken = "1001";
inline constexpr const char* kPlainNoToken = "1002";
inline constexpr const char* kNegRiskYesToken = "2001";
inline constexpr const char* kResolvedYesToken = "3001";
inline constexpr const char* kPlainCondition =
    "0x1111111111111111111111111111111111111111111111111111111111111111";
inline constexpr const char* kNegRiskCondition =
    "0x2222222222222222222222222222222222222222222222222222222222222222";
inline constexpr const char* kResolvedCondition =
    "0x3333333333333333333333333333333333333333333333333333333333333333";
inline constexpr const char* kTrader = "0x00000000000000000000000000000000000000a1";

}  // namespace polycopy::sim::testing
