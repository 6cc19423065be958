#pragma once
// Scenario timestamps as text: ISO-8601 with at most millisecond precision, so a timestamp
// written by the scenario writer reads back to the same millisecond.
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace polycopy::sim {

// "2026-11-01T12:00:00Z", "2026-11-01T12:00:00.250Z", "2026-11-01 12:00:00+02:00",
// "2026-11-01" (midnight UTC). Nullopt when malformed or finer than a millisecond.
std::optional<core::Timestamp> parse_scenario_time(std::string_view text);

// "2026-11-01T12:00:00Z", or "2026-11-01T12:00:00.250Z" when there are milliseconds.
std::string format_scenario_time(core::Timestamp at);

}  // namespace polycopy::sim
