#include "notify/http_post.hpp"

#include <algorithm>

#include "net/url.hpp"

namespace polycopy::notify {
namespace {

net::TransportOptions transport_options(std::chrono::milliseconds timeout) {
  net::TransportOptions options;
  options.timeout = timeout;
  options.connect_timeout = std::min(timeout, options.connect_timeout);
  options.max_response_bytes = 1u << 20;  // receivers answer a few bytes
  options.max_idle_handles = 2;
  return options;
}

}  // namespace

HttpPost::HttpPost(std::string label, std::chrono::milliseconds timeout,
                   std::vector<std::string> secrets)
    : label_(std::move(label)), timeout_(timeout), transport_(transport_options(timeout)) {
  for (auto& secret : secrets) {
    if (secret.size() < 4) continue;
    secrets_.push_back(std::move(secret));
  }
  // Longest first, so a secret containing another is replaced whole.
  std::sort(secrets_.begin(), secrets_.end(),
            [](const auto& a, const auto& b) { return a.size() > b.size(); });
}

std::string HttpPost::redact(std::string text) const {
  static const std::string kMark = "[REDACTED]";
  for (const auto& secret : secrets_) {
    for (auto at = text.find(secret); at != std::string::npos;
         at = text.find(secret, at + kMark.size())) {
      text.replace(at, secret.size(), kMark);
    }
  }
  return text;
}

std::string HttpPost::where(const std::string& url) const {
  const auto parsed = net::parse_url(url);
  return label_ + " (" + (parsed ? parsed->host : std::string("invalid URL")) + ")";
}

core::Result<net::HttpResponse> HttpPost::post(
    const std::string& url, std::string body,
    std::vector<std::pair<std::string, std::string>> headers) {
  const auto parsed = net::parse_url(url);
  if (!parsed || (parsed->scheme != "http" && parsed->scheme != "https"))
    return core::Error{"channel_unreachable", label_ + ": the URL is not a usable http(s) URL"};
  net::HttpRequest request;
  request.method = net::HttpMethod::post;
  request.url = url;
  request.headers = std::move(headers);
  request.body = std::move(body);
  // A resend on a fresh connection (after a stale keep-alive one died) is harmless: receivers
  // de-duplicate on alert_id. Forbidding it would only fail sends that could succeed.
  net::Attempt attempt = transport_.perform(request, timeout_, /*forbid_resend=*/false);
  if (attempt.response) return std::move(*attempt.response);
  return core::Error{"channel_unreachable",
                     redact(where(url) + ": " + attempt.code + " (" + attempt.message + ")")};
}

core::Error HttpPost::refused(const std::string& url, int status, const std::string& detail) const {
  std::string message = where(url) + " answered HTTP " + std::to_string(status);
  if (!detail.empty()) message += ": " + detail;
  return core::Error{"channel_refused", redact(std::move(message))};
}

std::string url_path_and_query(const std::string& url) {
  const auto parsed = net::parse_url(url);
  if (!parsed || parsed->target == "/") return {};
  return parsed->target;
}

std::string body_excerpt(const std::string& body, std::size_t max) {
  std::string text = body.substr(0, max);
  std::replace_if(
      text.begin(), text.end(), [](char c) { return c == '\r' || c == '\n'; }, ' ');
  return text;
}

}  // namespace polycopy::notify
