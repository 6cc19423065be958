#include "service/time_format.hpp"

#include <date/date.h>

#include <charconv>

namespace polycopy::service {
namespace {

// The digits at text[at, at + n) as a number, or -1.
int digits(std::string_view text, std::size_t at, std::size_t n) {
  int value = 0;
  if (at + n > text.size()) return -1;
  const auto [end, error] = std::from_chars(text.data() + at, text.data() + at + n, value);
  return error == std::errc() && end == text.data() + at + n ? value : -1;
}

}  // namespace

std::string format_iso8601(core::Timestamp t) {
  return date::format("%FT%TZ", t);
}

// By hand: date::parse trips g++ 12's maybe-uninitialized warning.
std::optional<core::Timestamp> parse_iso8601(std::string_view text) {
  if (text.size() != 20 && text.size() != 24) return std::nullopt;
  if (text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text.back() != 'Z')
    return std::nullopt;
  const int year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
  const int hour = digits(text, 11, 2), minute = digits(text, 14, 2), second = digits(text, 17, 2);
  int millis = 0;
  if (text.size() == 24) {
    if (text[19] != '.') return std::nullopt;
    millis = digits(text, 20, 3);
  }
  if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
      second < 0 || second > 59 || millis < 0)
    return std::nullopt;
  const date::year_month_day ymd{date::year{year}, date::month(static_cast<unsigned>(month)),
                                 date::day(static_cast<unsigned>(day))};
  if (!ymd.ok()) return std::nullopt;
  return core::Timestamp{date::sys_days{ymd}.time_since_epoch() + std::chrono::hours(hour) +
                         std::chrono::minutes(minute) + std::chrono::seconds(second) +
                         std::chrono::milliseconds(millis)};
}

}  // namespace polycopy::service
