#pragma once
// Budget windows: the start of the day (midnight), week (Monday 00:00) and month (the 1st,
// 00:00) that contain an instant, in an IANA time zone (Howard Hinnant's date/tz).
// DST: when a local midnight does not exist (clocks jump 00:00 -> 01:00, e.g. America/Havana
// in March) the window starts at the transition instant (local 01:00); when it occurs twice
// (clocks fall back 01:00 -> 00:00) it starts at the first occurrence. In both cases: the
// earliest instant whose local time is >= that midnight. So windows tile time with no gap
// or overlap, and a day window can last 23 or 25 hours.
#include <string_view>

#include "core/clock.hpp"
#include "core/error.hpp"

namespace polycopy::core {

enum class Window { day, week, month };

// Error "invalid_time_zone" when the zone is unknown.
Result<Timestamp> window_start(Window window, Timestamp at, std::string_view time_zone);
// Start of the next window (the end of the current one).
Result<Timestamp> window_end(Window window, Timestamp at, std::string_view time_zone);
bool is_valid_time_zone(std::string_view time_zone);

}  // namespace polycopy::core
