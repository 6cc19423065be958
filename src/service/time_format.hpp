#pragma once
// Timestamps in API responses: ISO-8601 UTC with milliseconds, "2026-11-25T19:30:00.000Z";
// read back (query parameters) with or without the milliseconds.
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace polycopy::service {

std::string format_iso8601(core::Timestamp t);
// "2026-11-25T19:30:00Z" or "…00.123Z"; nullopt for anything else.
std::optional<core::Timestamp> parse_iso8601(std::string_view text);

}  // namespace polycopy::service
