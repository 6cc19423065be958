#include "risk/windows.hpp"

#include "core/time_window.hpp"

namespace polycopy::risk {
namespace {

core::Status roll(core::Window window, core::Timestamp now, std::string_view time_zone,
                  core::Timestamp& start, core::Usd& spent, core::Usd& reserved) {
  const auto current = core::window_start(window, now, time_zone);
  if (!current) return current.error();
  if (*current > start) {
    start = *current;
    spent = core::Usd{};
    reserved = core::Usd{};
  }
  return {};
}

}  // namespace

core::Result<store::RiskState> roll_windows(store::RiskState s, core::Timestamp now,
                                            std::string_view time_zone) {
  using core::Window;
  for (const auto& status :
       {roll(Window::day, now, time_zone, s.day_window_start, s.day_spent, s.day_reserved),
        roll(Window::week, now, time_zone, s.week_window_start, s.week_spent, s.week_reserved),
        roll(Window::month, now, time_zone, s.month_window_start, s.month_spent, s.month_reserved)})
    if (!status) return status.error();
  return s;
}

}  // namespace polycopy::risk
