#include "notify/webhook_channel.hpp"

#include <nlohmann/json.hpp>

#include "core/log.hpp"
#include "notify/notice_text.hpp"
#include "notify/webhook_signature.hpp"

namespace polycopy::notify {
namespace {

nlohmann::json optional_text(const std::optional<std::string>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

}  // namespace

std::string webhook_body(const AlertNotice& notice) {
  const nlohmann::json body = {{"alert_id", notice.alert_id},
                               {"severity", notice.severity},
                               {"code", notice.code},
                               {"message", notice.message},
                               {"user_id", optional_text(notice.user_id)},
                               {"lt_strategy_id", optional_text(notice.lt_strategy_id)},
                               {"occurrences", notice.occurrences},
                               {"raised_at", format_iso8601_ms(notice.raised_at)}};
  // Invalid UTF-8 in a message is replaced rather than thrown on: the alert still goes out.
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

WebhookChannel::WebhookChannel(WebhookSettings settings, const core::Clock& clock)
    : settings_(std::move(settings)),
      clock_(clock),
      http_("webhook", settings_.timeout,
            // The path of a webhook URL often is its credential: keep it out of errors too.
            {settings_.secret, url_path_and_query(settings_.url)}) {
  core::register_secret(settings_.secret);  // never in a log line of the process either
}

core::Status WebhookChannel::send(const AlertNotice& notice) {
  std::string body = webhook_body(notice);
  const std::int64_t timestamp = core::to_unix_ms(clock_.now()) / 1000;
  std::vector<std::pair<std::string, std::string>> headers = {
      {"Content-Type", "application/json"},
      {"X-Polycopy-Timestamp", std::to_string(timestamp)},
      {"X-Polycopy-Signature", "sha256=" + webhook_signature(settings_.secret, timestamp, body)}};
  auto response = http_.post(settings_.url, std::move(body), std::move(headers));
  if (!response) return response.error();
  if (response->status < 200 || response->status > 299)
    return http_.refused(settings_.url, response->status, body_excerpt(response->body));
  return core::Status::success();
}

}  // namespace polycopy::notify
