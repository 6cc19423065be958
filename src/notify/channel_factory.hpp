#pragma once
// Builds the configured channels from their settings, checking them first, so that a bad
// setting is found at start-up rather than when the first alert fails to go out.
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "notify/alert_channel.hpp"
#include "notify/email_channel.hpp"
#include "notify/slack_channel.hpp"
#include "notify/telegram_channel.hpp"
#include "notify/webhook_channel.hpp"

namespace polycopy::notify {

struct AlertChannelSettings {
  std::string name;  // unique among the channels; empty: "<kind>-<position from 1>"
  std::variant<WebhookSettings, SlackSettings, TelegramSettings, EmailSettings> kind;
};

// A channel with what the dispatcher needs besides it.
struct ConfiguredChannel {
  std::unique_ptr<AlertChannel> channel;
  std::string min_severity;  // info | warning | critical
  std::string name;
};

// Error "invalid_alert_channel" naming the channel and the setting (never a secret's value):
// unknown min_severity, a URL of the wrong scheme, an empty secret, token, chat id, sender
// or recipient list, a duplicate name, a timeout that is not positive. clock outlives the
// channels (webhook timestamps, e-mail Date).
core::Result<std::vector<ConfiguredChannel>> build_alert_channels(
    const std::vector<AlertChannelSettings>& settings, const core::Clock& clock);

}  // namespace polycopy::notify
