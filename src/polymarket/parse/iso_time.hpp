#pragma once
// Gamma and CLOB dates ("2026-06-08T00:00:00Z", "2026-06-08 00:00:16+00",
// "2026-04-01T18:24:05.41Z", "2026-06-08") to Unix seconds.
#include <cstdint>
#include <optional>
#include <string_view>

namespace polycopy::polymarket::parse {

// Date, optional time ("T" or " " separator, optional fraction, truncated to the second),
// optional zone ("Z", "+HH", "+HHMM", "+HH:MM"; none = UTC). Nullopt when malformed.
std::optional<std::int64_t> parse_iso_seconds(std::string_view text);

}  // namespace polycopy::polymarket::parse
