// Budget windows in a local time zone. A window starts at a local wall-clock time (midnight);
// where DST makes that time nonexistent or ambiguous, the window starts at the earliest
// instant whose local reading is >= that midnight (date::choose::earliest does exactly
// that: the transition instant for a gap, the first occurrence for an overlap).
#include "core/time_window.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <chrono>
#include <stdexcept>
#include <string>

namespace polycopy::core {
namespace {

using LocalDays = date::local_days;

Result<const date::time_zone*> find_zone(std::string_view time_zone) {
  try {
    return date::locate_zone(std::string(time_zone));
  } catch (const std::runtime_error&) {
    return Error{"invalid_time_zone", "unknown IANA time zone: '" + std::string(time_zone) + "'"};
  }
}

// The local calendar day on which the window containing local_day begins.
LocalDays first_day(Window window, LocalDays local_day) {
  switch (window) {
    case Window::day:
      return local_day;
    case Window::week:
      // weekday difference is always in [0, 6] days.
      return local_day - (date::weekday{local_day} - date::Monday);
    case Window::month: {
      const date::year_month_day ymd{local_day};
      return LocalDays{ymd.year() / ymd.month() / 1};
    }
  }
  return local_day;
}

LocalDays next_first_day(Window window, LocalDays start) {
  switch (window) {
    case Window::day:
      return start + date::days{1};
    case Window::week:
      return start + date::days{7};
    case Window::month: {
      const date::year_month_day ymd{start};
      return LocalDays{(ymd.year() / ymd.month() + date::months{1}) / 1};
    }
  }
  return start;
}

Timestamp to_instant(const date::time_zone& zone, LocalDays local_midnight) {
  const auto instant = zone.to_sys(local_midnight, date::choose::earliest);
  return std::chrono::time_point_cast<std::chrono::milliseconds>(instant);
}

// Local window start day for `at`, shared by window_start and window_end.
Result<LocalDays> local_start(Window window, Timestamp at, const date::time_zone& zone) {
  if (window != Window::day && window != Window::week && window != Window::month) {
    return Error{"invalid_window", "unknown budget window"};
  }
  const auto local = zone.to_local(at);
  return first_day(window, date::floor<date::days>(local));
}

}  // namespace

Result<Timestamp> window_start(Window window, Timestamp at, std::string_view time_zone) {
  const auto zone = find_zone(time_zone);
  if (!zone) return zone.error();
  const auto start = local_start(window, at, **zone);
  if (!start) return start.error();
  return to_instant(**zone, *start);
}

Result<Timestamp> window_end(Window window, Timestamp at, std::string_view time_zone) {
  const auto zone = find_zone(time_zone);
  if (!zone) return zone.error();
  const auto start = local_start(window, at, **zone);
  if (!start) return start.error();
  return to_instant(**zone, next_first_day(window, *start));
}

bool is_valid_time_zone(std::string_view time_zone) {
  return find_zone(time_zone).ok();
}

}  // namespace polycopy::core
