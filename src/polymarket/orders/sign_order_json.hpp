#pragma once
// The `polycopy polymarket sign-order` contract: one JSON object in, the POST /order body
// out, exactly as the official client would post it (tools/crosscheck/README.md lists the
// fields). The CLI and the cross-check test both call this.
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace polycopy::polymarket {

// Errors: "invalid_json", "unknown_field", "missing_field", "wrong_type",
// "invalid_private_key", "invalid_address", "invalid_protocol_version", "invalid_kind",
// "invalid_side", "invalid_order_type", "invalid_signature_type", "invalid_tick_size",
// "post_only_not_allowed", and those of build_client_order. Never echoes the key.
core::Result<std::string> sign_order_json(std::string_view input);

}  // namespace polycopy::polymarket
