#pragma once
// A Slack incoming webhook: POST {"text": "[CRITICAL] code: message (…)"}. Slack answers 200
// with the body "ok"; anything else is "channel_refused" with Slack's reason (e.g.
// "no_service", "invalid_payload"). The webhook URL is the credential: it appears in no
// error and no log line.
#include <chrono>
#include <string>

#include "notify/alert_channel.hpp"
#include "notify/http_post.hpp"

namespace polycopy::notify {

struct SlackSettings {
  std::string webhook_url;  // https://hooks.slack.com/services/T…/B…/…
  std::chrono::milliseconds timeout{5'000};
  std::string min_severity = "warning";  // info | warning | critical (for the dispatcher)
};

// The message text, with Slack's control characters (&, <, >) escaped.
std::string slack_text(const AlertNotice& notice);

class SlackChannel final : public AlertChannel {
 public:
  explicit SlackChannel(SlackSettings settings);
  std::string_view kind() const override { return "slack"; }
  core::Status send(const AlertNotice& notice) override;

 private:
  SlackSettings settings_;
  HttpPost http_;
};

}  // namespace polycopy::notify
