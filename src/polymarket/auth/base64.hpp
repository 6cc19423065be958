#pragma once
// Base64 as the L2 HMAC needs it (protocol doc 8.2).
#include <optional>
#include <string>
#include <string_view>

#include "chain/bytes.hpp"

namespace polycopy::polymarket {

// The client's decodeBase64Secret: '-' -> '+', '_' -> '/', re-pad with '=', then atob
// (WHATWG forgiving-base64: ASCII whitespace ignored, stray bits ignored). So base64,
// base64url and unpadded forms are all accepted. nullopt when atob would throw.
std::optional<chain::Bytes> decode_api_secret(std::string_view secret);

// Standard base64 with '=' padding, then '+' -> '-' and '/' -> '_' (padding kept).
std::string base64url_keep_padding(chain::ByteView bytes);

}  // namespace polycopy::polymarket
