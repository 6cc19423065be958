#pragma once
// The generic webhook's signature, so receivers can check that an alert comes from this
// engine and refuse replays: X-Polycopy-Signature: sha256=<hex HMAC-SHA256(secret,
// "<timestamp>.<body>")>, where <timestamp> is X-Polycopy-Timestamp (Unix seconds).
#include <cstdint>
#include <string>
#include <string_view>

namespace polycopy::notify {

// Lower-case hex HMAC-SHA256(secret, "<timestamp_s>.<body>"), without the "sha256=" prefix.
std::string webhook_signature(std::string_view secret, std::int64_t timestamp_s,
                              std::string_view body);

}  // namespace polycopy::notify
