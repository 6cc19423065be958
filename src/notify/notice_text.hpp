#pragma once
// How a notice reads as text, shared by the channels that show it to a person (Slack,
// Telegram, e-mail) so that all of them say the same thing.
#include <cstddef>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "notify/alert_channel.hpp"

namespace polycopy::notify {

// "2026-11-25T19:30:00.123Z"
std::string format_iso8601_ms(core::Timestamp t);

// "CRITICAL"
std::string upper_severity(std::string_view severity);

// "[CRITICAL] circuit_breaker_open: message (strategy lt_…, ×3)"; the parenthesis only when
// there is a strategy or more than one occurrence.
std::string summary_line(const AlertNotice& notice);

// At most max_bytes, cut on a UTF-8 character boundary, with "…" when something was cut
// (Telegram refuses texts over 4096 characters; a refused alert would never get through).
std::string truncate_utf8(std::string text, std::size_t max_bytes);

}  // namespace polycopy::notify
