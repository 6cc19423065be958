#pragma once
// Timestamps in API responses: ISO-8601 UTC with milliseconds, "2026-11-25T19:30:00.000Z".
#include <string>

#include "core/clock.hpp"

namespace polycopy::service {

std::string format_iso8601(core::Timestamp t);

}  // namespace polycopy::service
