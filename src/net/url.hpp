#pragma once
// Splits the absolute URLs the clients accept: http, https, ws, wss. Used to key rate limits
// and log lines by host, and to connect websockets. No user info, no fragments.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace polycopy::net {

struct Url {
  std::string scheme;      // lower case: "http", "https", "ws", "wss"
  std::string host;        // as written, without brackets for IPv6 literals
  std::uint16_t port = 0;  // explicit or the scheme's default
  std::string target;      // path and query, at least "/"
  bool tls() const { return scheme == "https" || scheme == "wss"; }
  // The path without the query: safe to log (queries may carry tokens).
  std::string path() const { return target.substr(0, target.find('?')); }
};

// Error "invalid_url" with the reason.
core::Result<Url> parse_url(std::string_view text);

// "https://h/base" + "/book?x=1" -> "https://h/base/book?x=1" (exactly one slash between).
std::string join_url(std::string_view base, std::string_view path);

}  // namespace polycopy::net
