#pragma once
// Turns a failed HTTP exchange into a core::Error with a stable reason code. The venue's
// own words ({"error": "..."}) become the message; transport codes (timeout,
// connection_failed, unknown_outcome, ...) pass through unchanged.
//
// Codes for complete non-2xx responses:
//   bad_request (400), unauthorized (401), forbidden (403), not_found (404),
//   rate_limited (429), trading_disabled / cancel_only / venue_unavailable (503),
//   server_error (other 5xx), http_status (anything else),
//   order_version_mismatch (a 400 whose text says so: re-read GET /version).
#include <string_view>

#include "core/error.hpp"
#include "net/http_types.hpp"

namespace polycopy::polymarket {

// The "error" text of a venue error body, or the body itself (trimmed, at most 300 bytes)
// when it is not that shape.
std::string venue_error_text(std::string_view body);

core::Error venue_error(const net::HttpError& error);

}  // namespace polycopy::polymarket
