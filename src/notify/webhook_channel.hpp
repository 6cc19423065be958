#pragma once
// A generic webhook: POST of the notice as JSON, signed with HMAC-SHA256 (see
// webhook_signature.hpp) and timestamped with the injected clock. Any 2xx is a delivery.
#include <chrono>
#include <string>

#include "core/clock.hpp"
#include "notify/alert_channel.hpp"
#include "notify/http_post.hpp"

namespace polycopy::notify {

struct WebhookSettings {
  std::string url;     // http(s)://…; may carry a token in its path (never in errors)
  std::string secret;  // HMAC key
  std::chrono::milliseconds timeout{5'000};
  std::string min_severity = "warning";  // info | warning | critical (for the dispatcher)
};

// {"alert_id","severity","code","message","user_id"|null,"lt_strategy_id"|null,
//  "occurrences","raised_at":"…Z"}: the exact bytes that are signed and sent.
std::string webhook_body(const AlertNotice& notice);

class WebhookChannel final : public AlertChannel {
 public:
  // clock gives X-Polycopy-Timestamp; it outlives the channel.
  WebhookChannel(WebhookSettings settings, const core::Clock& clock);
  std::string_view kind() const override { return "webhook"; }
  core::Status send(const AlertNotice& notice) override;

 private:
  WebhookSettings settings_;
  const core::Clock& clock_;
  HttpPost http_;
};

}  // namespace polycopy::notify
