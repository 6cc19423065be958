// Budget windows in UTC and in zones with DST, including midnights that do not exist
// (America/Havana, America/Santiago) or happen twice (America/Havana in November).
// Transition instants were checked against the system tz database with zdump.
#include <date/date.h>
#include <gtest/gtest.h>

#include <chrono>
#include <ostream>

#include "core/time_window.hpp"

namespace polycopy::core {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;

Timestamp utc(int y, unsigned m, unsigned d, int h = 0, int min = 0) {
  return Timestamp{date::sys_days{date::year{y} / date::month{m} / date::day{d}}} + hours{h} +
         minutes{min};
}

struct WindowCase {
  const char* zone;
  Window window;
  Timestamp at;
  Timestamp start;
  Timestamp end;
};

void PrintTo(const WindowCase& c, std::ostream* os) {
  *os << c.zone << " window " << static_cast<int>(c.window) << " at unix ms " << to_unix_ms(c.at);
}

class WindowTest : public ::testing::TestWithParam<WindowCase> {};

TEST_P(WindowTest, StartAndEnd) {
  const auto& c = GetParam();
  const auto start = window_start(c.window, c.at, c.zone);
  const auto end = window_end(c.window, c.at, c.zone);
  ASSERT_TRUE(start.ok()) << start.error().to_string();
  ASSERT_TRUE(end.ok()) << end.error().to_string();
  EXPECT_EQ(to_unix_ms(*start), to_unix_ms(c.start)) << c.zone << " at " << to_unix_ms(c.at);
  EXPECT_EQ(to_unix_ms(*end), to_unix_ms(c.end)) << c.zone << " at " << to_unix_ms(c.at);
}

const WindowCase kCases[] = {
    // UTC days, Monday weeks, months (leap February, December -> January).
    {"UTC", Window::day, utc(2024, 5, 15, 13, 45), utc(2024, 5, 15), utc(2024, 5, 16)},
    {"UTC", Window::day, utc(2024, 5, 15), utc(2024, 5, 15), utc(2024, 5, 16)},
    {"UTC", Window::day, utc(2024, 5, 16) - milliseconds{1}, utc(2024, 5, 15), utc(2024, 5, 16)},
    {"UTC", Window::week, utc(2024, 5, 15, 9), utc(2024, 5, 13), utc(2024, 5, 20)},       // Wed
    {"UTC", Window::week, utc(2024, 5, 19, 23, 59), utc(2024, 5, 13), utc(2024, 5, 20)},  // Sun
    {"UTC", Window::week, utc(2024, 5, 20), utc(2024, 5, 20), utc(2024, 5, 27)},          // Mon
    {"UTC", Window::week, utc(2025, 1, 1, 12), utc(2024, 12, 30), utc(2025, 1, 6)},
    {"UTC", Window::month, utc(2024, 2, 29, 12), utc(2024, 2, 1), utc(2024, 3, 1)},
    {"UTC", Window::month, utc(2023, 2, 28, 23), utc(2023, 2, 1), utc(2023, 3, 1)},
    {"UTC", Window::month, utc(2024, 3, 1), utc(2024, 3, 1), utc(2024, 4, 1)},
    {"UTC", Window::month, utc(2025, 1, 1) - milliseconds{1}, utc(2024, 12, 1), utc(2025, 1, 1)},
    {"UTC", Window::month, utc(2025, 1, 1), utc(2025, 1, 1), utc(2025, 2, 1)},
    // New York: the local day, not the UTC day; a 23-hour and a 25-hour day.
    {"America/New_York", Window::day, utc(2024, 7, 1, 2), utc(2024, 6, 30, 4), utc(2024, 7, 1, 4)},
    {"America/New_York", Window::month, utc(2024, 7, 1, 2), utc(2024, 6, 1, 4), utc(2024, 7, 1, 4)},
    {"America/New_York", Window::day, utc(2024, 3, 10, 12), utc(2024, 3, 10, 5),
     utc(2024, 3, 11, 4)},
    {"America/New_York", Window::day, utc(2024, 11, 3, 12), utc(2024, 11, 3, 4),
     utc(2024, 11, 4, 5)},
    {"America/New_York", Window::week, utc(2024, 3, 10, 12), utc(2024, 3, 4, 5),
     utc(2024, 3, 11, 4)},
    {"America/New_York", Window::month, utc(2024, 3, 15), utc(2024, 3, 1, 5), utc(2024, 4, 1, 4)},
    {"America/New_York", Window::month, utc(2025, 1, 1, 3), utc(2024, 12, 1, 5),
     utc(2025, 1, 1, 5)},
    // London: BST starts 2024-03-31 01:00 UTC, ends 2024-10-27 01:00 UTC.
    {"Europe/London", Window::day, utc(2024, 3, 31, 12), utc(2024, 3, 31), utc(2024, 3, 31, 23)},
    {"Europe/London", Window::day, utc(2024, 10, 27, 12), utc(2024, 10, 26, 23), utc(2024, 10, 28)},
    {"Europe/London", Window::day, utc(2024, 7, 1, 23, 30), utc(2024, 7, 1, 23),
     utc(2024, 7, 2, 23)},
    {"Europe/London", Window::week, utc(2024, 7, 7, 23, 30), utc(2024, 7, 7, 23),
     utc(2024, 7, 14, 23)},
    {"Europe/London", Window::month, utc(2024, 7, 2), utc(2024, 6, 30, 23), utc(2024, 7, 31, 23)},
    // Havana, 2024-03-10: 00:00 CST jumps to 01:00 CDT (05:00 UTC); midnight does not exist,
    // so the day starts at the jump and lasts 23 hours.
    {"America/Havana", Window::day, utc(2024, 3, 10, 12), utc(2024, 3, 10, 5), utc(2024, 3, 11, 4)},
    {"America/Havana", Window::day, utc(2024, 3, 10, 5) - milliseconds{1}, utc(2024, 3, 9, 5),
     utc(2024, 3, 10, 5)},
    {"America/Havana", Window::week, utc(2024, 3, 10, 12), utc(2024, 3, 4, 5), utc(2024, 3, 11, 4)},
    // Havana, 2024-11-03: 01:00 CDT falls back to 00:00 CST (05:00 UTC), so 00:00-00:59 happens
    // twice; the day starts at the first midnight (04:00 UTC) and lasts 25 hours.
    {"America/Havana", Window::day, utc(2024, 11, 3, 4, 30), utc(2024, 11, 3, 4),
     utc(2024, 11, 4, 5)},
    {"America/Havana", Window::day, utc(2024, 11, 3, 5, 30), utc(2024, 11, 3, 4),
     utc(2024, 11, 4, 5)},
    {"America/Havana", Window::day, utc(2024, 11, 3, 4) - milliseconds{1}, utc(2024, 11, 2, 4),
     utc(2024, 11, 3, 4)},
    {"America/Havana", Window::month, utc(2024, 11, 15), utc(2024, 11, 1, 4), utc(2024, 12, 1, 5)},
    // Santiago, 2022-09-11: 00:00 -04 jumps to 01:00 -03 (04:00 UTC).
    {"America/Santiago", Window::day, utc(2022, 9, 11, 12), utc(2022, 9, 11, 4),
     utc(2022, 9, 12, 3)},
    // Santiago, 2022-04-03: 24:00 -03 falls back to 23:00 -04, so Saturday lasts 25 hours.
    {"America/Santiago", Window::day, utc(2022, 4, 3, 2, 30), utc(2022, 4, 2, 3),
     utc(2022, 4, 3, 4)},
    {"America/Santiago", Window::day, utc(2022, 4, 3, 3, 30), utc(2022, 4, 2, 3),
     utc(2022, 4, 3, 4)},
};

INSTANTIATE_TEST_SUITE_P(Zones, WindowTest, ::testing::ValuesIn(kCases));

// Over a whole year hour by hour, windows contain their instant and tile time exactly.
TEST(WindowTiling, NoGapsNoOverlaps) {
  for (const char* zone : {"UTC", "America/New_York", "Europe/London", "America/Havana",
                           "America/Santiago", "Australia/Lord_Howe"}) {
    for (Window window : {Window::day, Window::week, Window::month}) {
      for (auto at = utc(2024, 1, 1); at < utc(2025, 1, 1); at += hours{1} + minutes{7}) {
        const auto start = *window_start(window, at, zone);
        const auto end = *window_end(window, at, zone);
        ASSERT_LE(start, at) << zone;
        ASSERT_LT(at, end) << zone;
        ASSERT_EQ(*window_start(window, end, zone), end) << zone;
        ASSERT_EQ(*window_end(window, start, zone), end) << zone;
        ASSERT_LE(end - start, hours{24 * 31 + 1}) << zone;
      }
    }
  }
}

TEST(TimeZone, UnknownZoneIsAnError) {
  for (const char* zone : {"Mars/Olympus_Mons", "", "utc ", "Europe/Londres"}) {
    EXPECT_FALSE(is_valid_time_zone(zone)) << zone;
    EXPECT_EQ(window_start(Window::day, utc(2024, 1, 1), zone).error().code, "invalid_time_zone");
    EXPECT_EQ(window_end(Window::week, utc(2024, 1, 1), zone).error().code, "invalid_time_zone");
  }
  EXPECT_TRUE(is_valid_time_zone("UTC"));
  EXPECT_TRUE(is_valid_time_zone("Europe/London"));
  EXPECT_TRUE(is_valid_time_zone("America/New_York"));
}

}  // namespace
}  // namespace polycopy::core
