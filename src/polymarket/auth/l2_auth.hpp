#pragma once
// L2 authentication (protocol doc 8.2): HMAC-SHA256 of timestamp + method + path + body
// with the API secret.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace polycopy::polymarket {

struct ApiCredentials {
  std::string key;         // uuid
  std::string secret;      // base64 / base64url, padded or not; never printed
  std::string passphrase;  // sent as a header
};

struct L2Request {
  std::uint64_t timestamp_s = 0;
  std::string_view method;               // "GET", "POST", "DELETE"
  std::string_view path;                 // without the query string
  std::optional<std::string_view> body;  // exact bytes sent; nullopt: none
};

struct L2Headers {
  std::string poly_address;  // the key's EOA, spelled as given
  std::string poly_signature;
  std::string poly_timestamp;
  std::string poly_api_key;
  std::string poly_passphrase;
};

// base64url(HMAC-SHA256(decode(secret), message)) with '=' padding kept.
// Errors: "invalid_secret" (empty or not base64; the message never contains it).
core::Result<std::string> l2_signature(std::string_view secret, const L2Request& request);

core::Result<L2Headers> l2_headers(std::string_view address, const ApiCredentials& credentials,
                                   const L2Request& request);

}  // namespace polycopy::polymarket
