#pragma once
// Budget window roll-over: a state read at `now` whose day, week or month window has ended
// starts the new window empty (spend and outstanding reservations of the old window stay
// with it). Windows start at local midnight, Monday and the 1st in the strategy's time zone
// (core/time_window.hpp, DST included). A clock reading earlier than a stored window start
// never moves a window back.
#include "core/error.hpp"
#include "store/records_risk.hpp"

namespace polycopy::risk {

core::Result<store::RiskState> roll_windows(store::RiskState state, core::Timestamp now,
                                            std::string_view time_zone);

}  // namespace polycopy::risk
