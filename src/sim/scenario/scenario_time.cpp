#include "sim/scenario/scenario_time.hpp"

#include <date/date.h>

#include "polymarket/parse/iso_time.hpp"

namespace polycopy::sim {
namespace {

// The fraction after the seconds ("250" in "...:00.250Z"), or "" when there is none.
std::string_view fraction_digits(std::string_view text) {
  const auto time_start = text.find_first_of("T ");
  if (time_start == std::string_view::npos) return {};
  const auto dot = text.find('.', time_start);
  if (dot == std::string_view::npos) return {};
  std::size_t end = dot + 1;
  while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
  return text.substr(dot + 1, end - dot - 1);
}

}  // namespace

std::optional<core::Timestamp> parse_scenario_time(std::string_view text) {
  // parse_iso_seconds validates the whole text and drops the fraction; the milliseconds
  // are read back from the fraction here.
  const auto seconds = polymarket::parse::parse_iso_seconds(text);
  if (!seconds) return std::nullopt;
  std::int64_t millis = 0;
  const auto fraction = fraction_digits(text);
  for (std::size_t i = 0; i < fraction.size(); ++i) {
    const int digit = fraction[i] - '0';
    if (i >= 3) {
      if (digit != 0) return std::nullopt;  // sub-millisecond: would not round-trip
      continue;
    }
    millis = millis * 10 + digit;
  }
  for (std::size_t i = fraction.size(); i < 3; ++i) millis *= 10;
  return core::from_unix_ms(*seconds * 1000 + millis);
}

std::string format_scenario_time(core::Timestamp at) {
  const auto whole_seconds = std::chrono::floor<std::chrono::seconds>(at);
  if (whole_seconds == at) return date::format("%FT%TZ", whole_seconds);
  return date::format("%FT%TZ", at);
}

}  // namespace polycopy::sim
