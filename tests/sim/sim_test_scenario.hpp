#pragma once
// A small, fixed scenario for the simulator's server tests: open markets (plain with tick
// 0.01, neg-risk with tick 0.001, one on exchange V3, one on V1) with books around 0.50, one
// resolved market, and a trader with a short history.
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
inline constexpr const char* kV3YesToken = "4001";  // a market of exchange V3
inline constexpr const char* kV3Condition =
    "0x4444444444444444444444444444444444444444444444444444444444444444";
inline constexpr const char* kV1YesToken = "5001";  // a legacy market still on V1
inline constexpr const char* kV1Condition =
    "0x5555555555555555555555555555555555555555555555555555555555555555";
inline constexpr const char* kTrader = "0x00000000000000000000000000000000000000a1";

}  // namespace polycopy::sim::testing
