#pragma once
// Where alerts go: one attempt to deliver one alert to a person's channel (a generic webhook,
// Slack, Telegram, e-mail). Retries, rate limits and de-duplication belong to the caller
// (engine/alert_dispatcher); a channel only sends, within its timeout, and says why it failed.
// Errors never contain the channel's secrets (webhook secret, bot token, SMTP password).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/error.hpp"

namespace polycopy::notify {

struct AlertNotice {
  std::string alert_id;  // "alr_…": receivers de-duplicate on it
  std::string severity;  // info | warning | critical
  std::string code;      // e.g. circuit_breaker_open
  std::string message;
  std::optional<std::string> user_id, lt_strategy_id;
  std::int64_t occurrences = 1;
  core::Timestamp raised_at;
};

class AlertChannel {
 public:
  virtual ~AlertChannel() = default;
  // "webhook" | "slack" | "telegram" | "email"
  virtual std::string_view kind() const = 0;
  // One attempt. Errors: "channel_unreachable" (no connection, timeout) or "channel_refused"
  // (the receiver answered with a failure: HTTP status or SMTP reply in the message).
  virtual core::Status send(const AlertNotice& notice) = 0;
};

}  // namespace polycopy::notify
