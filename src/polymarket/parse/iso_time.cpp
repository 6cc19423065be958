#include "polymarket/parse/iso_time.hpp"

namespace polycopy::polymarket::parse {
namespace {

// Howard Hinnant's days_from_civil: proleptic Gregorian date to days since 1970-01-01.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool is_leap(std::int64_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  bool digits(std::size_t n, int& out) {
    if (pos_ + n > s_.size()) return false;
    out = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const char c = s_[pos_ + i];
      if (c < '0' || c > '9') return false;
      out = out * 10 + (c - '0');
    }
    pos_ += n;
    return true;
  }
  bool eat(char c) {
    if (pos_ < s_.size() && s_[pos_] == c) return ++pos_, true;
    return false;
  }
  bool done() const { return pos_ == s_.size(); }
  char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
  void skip_digits() {
    while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
  }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
};

}  // namespace

std::optional<std::int64_t> parse_iso_seconds(std::string_view text) {
  Cursor c(text);
  int year = 0, month = 0, day = 0;
  if (!c.digits(4, year) || !c.eat('-') || !c.digits(2, month) || !c.eat('-') || !c.digits(2, day))
    return std::nullopt;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return std::nullopt;
  if (day > kDays[month - 1] + (month == 2 && is_leap(year) ? 1 : 0)) return std::nullopt;
  std::int64_t seconds =
      days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400;
  if (c.done()) return seconds;
  if (!c.eat('T') && !c.eat(' ')) return std::nullopt;
  int hour = 0, minute = 0, second = 0;
  if (!c.digits(2, hour) || !c.eat(':') || !c.digits(2, minute)) return std::nullopt;
  if (c.eat(':') && !c.digits(2, second)) return std::nullopt;
  if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
  seconds += hour * 3600 + minute * 60 + second;
  if (c.eat('.')) {
    if (c.peek() < '0' || c.peek() > '9') return std::nullopt;
    c.skip_digits();
  }
  if (c.done() || c.eat('Z')) return c.done() ? std::optional(seconds) : std::nullopt;
  const char sign = c.peek();
  if (sign != '+' && sign != '-') return std::nullopt;
  c.eat(sign);
  int zone_h = 0, zone_m = 0;
  if (!c.digits(2, zone_h)) return std::nullopt;
  if (!c.done()) {
    c.eat(':');
    if (!c.digits(2, zone_m) || !c.done()) return std::nullopt;
  }
  if (zone_h > 23 || zone_m > 59) return std::nullopt;
  const std::int64_t offset = zone_h * 3600 + zone_m * 60;
  return sign == '+' ? seconds - offset : seconds + offset;
}

}  // namespace polycopy::polymarket::parse
