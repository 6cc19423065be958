#pragma once
// One HTTP POST for a channel. It goes through net::CurlTransport, not net::HttpClient, on
// purpose: exactly one attempt (the dispatcher retries), and no log line, because
// HttpClient logs the URL path and webhook, Slack and Telegram URLs carry secrets in it
// (/bot<token>/…, /services/T…/B…/…). Error messages name the host only, and every
// registered secret is replaced by "[REDACTED]" in them.
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "net/curl_transport.hpp"
#include "net/http_types.hpp"

namespace polycopy::notify {

class HttpPost {
 public:
  // label names the channel in errors ("webhook", "slack", "telegram"); secrets are values
  // that must never appear in them (values shorter than 4 characters are ignored). Keeping
  // them out of log lines (core::register_secret) is the channel's call.
  HttpPost(std::string label, std::chrono::milliseconds timeout, std::vector<std::string> secrets);

  // Any complete response, whatever its status; or "channel_unreachable" (no connection,
  // timeout, connection lost, an answer that is not HTTP, a URL that cannot be used).
  core::Result<net::HttpResponse> post(const std::string& url, std::string body,
                                       std::vector<std::pair<std::string, std::string>> headers);

  // "channel_refused" with "<label> (<host>) answered HTTP <status>: <detail>", redacted.
  core::Error refused(const std::string& url, int status, const std::string& detail) const;

  // text with every secret replaced by "[REDACTED]".
  std::string redact(std::string text) const;

 private:
  std::string where(const std::string& url) const;

  std::string label_;
  std::chrono::milliseconds timeout_;
  std::vector<std::string> secrets_;
  net::CurlTransport transport_;
};

// The path and query of a URL ("" when it is just "/" or unreadable): for webhook and Slack
// URLs, this part is the credential.
std::string url_path_and_query(const std::string& url);

// The first `max` bytes of a response body, for error messages.
std::string body_excerpt(const std::string& body, std::size_t max = 200);

}  // namespace polycopy::notify
