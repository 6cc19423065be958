#pragma once
// The HTTP client the venue adapters use: libcurl attempts (pooled keep-alive connections,
// gzip, timeouts), a per-host token bucket, and retries with jittered exponential backoff
// that never repeat a non-idempotent request whose outcome is unknown.
// Logs carry method, host, path, status and latency only: never headers, query or body.
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "net/curl_transport.hpp"
#include "net/http_types.hpp"

namespace polycopy::net {

class RateLimiter;
class Sleeper;

struct HttpClientOptions {
  TransportOptions transport;
  RetryPolicy retry;
};

// Collaborators; null means the real thing (system clock, real sleep, no rate limit).
struct HttpClientDeps {
  const core::Clock* clock = nullptr;
  Sleeper* sleeper = nullptr;
  RateLimiter* limiter = nullptr;  // not owned; outlives the client
  std::uint64_t jitter_seed = 0;   // 0 = random
};

using Headers = std::vector<std::pair<std::string, std::string>>;

class HttpClient {
 public:
  explicit HttpClient(HttpClientOptions options = {}, HttpClientDeps deps = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Thread-safe; blocks through retries. A 2xx response, or an HttpError (see its codes).
  HttpResult send(const HttpRequest& request);

  HttpResult get(std::string url, Headers headers = {});
  HttpResult post(std::string url, std::string body, Headers headers = {});
  HttpResult del(std::string url, std::string body = {}, Headers headers = {});

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace polycopy::net
