#include "net/retry_decision.hpp"

#include <curl/curl.h>

#include <charconv>
#include <string>

namespace polycopy::net {
namespace {

bool retryable_status(int status) {
  return status == 408 || status == 429 || (status >= 500 && status != 501 && status != 505);
}

std::string status_message(const HttpResponse& response) {
  std::string message = "HTTP status " + std::to_string(response.status);
  // The venue's reason is in the body; keep the log line short.
  if (!response.body.empty()) message += ": " + response.body.substr(0, 300);
  return message;
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           core::Timestamp now) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  std::int64_t seconds = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec == std::errc() && end == value.data() + value.size())
    return seconds < 0 ? std::nullopt
                       : std::optional(std::chrono::milliseconds(
                             std::min<std::int64_t>(seconds, 86'400) * 1000));
  const std::string text(value);
  const time_t when = curl_getdate(text.c_str(), nullptr);
  if (when < 0) return std::nullopt;
  const auto delta =
      std::chrono::milliseconds(static_cast<std::int64_t>(when) * 1000 - core::to_unix_ms(now));
  return std::max(std::chrono::milliseconds(0), delta);
}

Decision decide(const Attempt& attempt, bool idempotent, core::Timestamp now) {
  Decision decision;
  HttpError& error = decision.error;
  if (attempt.response) {
    const HttpResponse& response = *attempt.response;
    if (response.status >= 200 && response.status < 300) {
      decision.verdict = Verdict::success;
      return decision;
    }
    error.status = response.status;
    error.response = response;
    error.code = "http_status";
    error.message = status_message(response);
    if (response.status == 429 || response.status == 503)
      decision.retry_after = parse_retry_after(response.header("retry-after"), now);
    if (!idempotent && response.status >= 500) {
      // A gateway timeout or a crash after the order was taken looks the same from here.
      error.code = "unknown_outcome";
      error.message =
          "non-idempotent request got " + status_message(response) + "; it may have taken effect";
      return decision;
    }
    const bool may_retry = idempotent ? retryable_status(response.status) : response.status == 429;
    decision.verdict = may_retry ? Verdict::retry : Verdict::fail;
    return decision;
  }
  error.code = attempt.code;
  error.message = attempt.message;
  if (!idempotent && attempt.request_sent) {
    error.message = "non-idempotent request was sent, then " + attempt.code + " (" +
                    attempt.message + "); it may have taken effect";
    error.code = "unknown_outcome";
    return decision;
  }
  const bool transient = attempt.code == "connection_failed" || attempt.code == "timeout" ||
                         attempt.code == "connection_lost";
  decision.verdict = transient ? Verdict::retry : Verdict::fail;
  return decision;
}

}  // namespace polycopy::net
