#pragma once
// Budget windows: the start of the day (midnight), week (Monday 00:00) and month (the 1st,
// 00:00) that contain an instant, in an IANA time zone (Howard Hinnant's date/tz).
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
