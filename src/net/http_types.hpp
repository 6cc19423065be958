#pragma once
// Plain values for the HTTP client: requests, responses and errors with reason codes.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/error.hpp"
#include "net/backoff.hpp"

namespace polycopy::net {

enum class HttpMethod { get, post, put, patch, delete_ };
const char* to_string(HttpMethod method);

struct RetryPolicy {
  int max_attempts = 3;                           // 1 = no retry
  std::chrono::milliseconds max_elapsed{30'000};  // no retry would start after this
  BackoffPolicy backoff;
};

struct HttpRequest {
  HttpMethod method = HttpMethod::get;
  std::string url;  // absolute: http(s)://host[:port]/path[?query]
  std::vector<std::pair<std::string, std::string>> headers;  // never logged
  std::string body;
  // Whether sending twice is harmless. Unset: GET/PUT/DELETE yes, POST/PATCH no. A request
  // that is not idempotent is retried only when it surely never reached the server.
  std::optional<bool> idempotent;
  std::optional<std::chrono::milliseconds> timeout;  // total per attempt; default: client's
  std::optional<RetryPolicy> retry;                  // default: client's
  std::string rate_key;  // token bucket to draw from; default: the URL's host
  double rate_cost = 1.0;

  bool is_idempotent() const;
};

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased; repeats joined by ", "
  std::string body;                            // decoded (gzip etc. undone)
  std::chrono::milliseconds elapsed{0};        // of the last attempt

  // The value of a header (name in lower case), or "" when absent.
  const std::string& header(const std::string& lower_name) const;
};

// Reason codes:
//   invalid_request    bad URL or header; nothing was sent
//   connection_failed  DNS, refused, connect timeout, TLS handshake: nothing was sent
//   tls_failed         the server's certificate was refused: nothing was sent, not retried
//   timeout            the response did not come in time (idempotent requests)
//   connection_lost    the connection broke after the request was sent (idempotent requests)
//   invalid_response   not a usable HTTP response (malformed, bad encoding, too large)
//   http_status        a complete response whose status is not 2xx (see status, response)
//   unknown_outcome    a non-idempotent request may or may not have taken effect: it was
//                      sent and then timed out, lost its connection or got a 5xx. Never
//                      retried; reconcile with the venue before acting again.
struct HttpError {
  std::string code;
  std::string message;
  int status = 0;                        // the HTTP status when there was a response
  std::optional<HttpResponse> response;  // the last response, when there was one
  int attempts = 0;

  core::Error to_error() const { return core::Error{code, message}; }
};

// A response with a 2xx status, or an HttpError. Mirrors core::Result.
class [[nodiscard]] HttpResult {
 public:
  HttpResult(HttpResponse response) : data_(std::move(response)) {}  // NOLINT
  HttpResult(HttpError error) : data_(std::move(error)) {}           // NOLINT

  bool ok() const noexcept { return data_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }
  const HttpResponse& value() const& {
    return ok() ? std::get<0>(data_) : throw core::Failure(error().to_error());
  }
  HttpResponse&& value() && {
    return ok() ? std::move(std::get<0>(data_)) : throw core::Failure(error().to_error());
  }
  const HttpResponse& operator*() const& { return value(); }
  const HttpResponse* operator->() const { return &value(); }
  const HttpError& error() const { return std::get<1>(data_); }
  // For callers that speak core::Result.
  core::Result<HttpResponse> to_result() const {
    if (ok()) return value();
    return error().to_error();
  }

 private:
  std::variant<HttpResponse, HttpError> data_;
};

}  // namespace polycopy::net
