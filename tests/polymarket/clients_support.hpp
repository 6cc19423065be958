#pragma once
// Shared setup for the client tests: an HttpClient tuned for loopback (short timeouts,
// millisecond backoff) and fixture access.
#include <chrono>
#include <memory>

#include "net/http_client.hpp"
#include "polymarket/parse_fixtures.hpp"

namespace polycopy::polymarket::testing {

inline std::unique_ptr<net::HttpClient> make_http(
    std::chrono::milliseconds timeout = std::chrono::milliseconds(2'000)) {
  net::HttpClientOptions options;
  options.transport.connect_timeout = std::chrono::milliseconds(1'000);
  options.transport.timeout = timeout;
  options.retry.max_attempts = 3;
  options.retry.backoff.initial = std::chrono::milliseconds(5);
  options.retry.backoff.max = std::chrono::milliseconds(20);
  return std::make_unique<net::HttpClient>(options);
}

}  // namespace polycopy::polymarket::testing
