#pragma once
// Telegram through the Bot API: POST <api_base>/bot<token>/sendMessage with {"chat_id",
// "text","disable_web_page_preview":true}. Telegram answers {"ok":true,…}; {"ok":false,
// "description":…} or a non-2xx status is "channel_refused" with the description. The token
// is part of the URL, so the request goes through HttpPost (which logs nothing) and every
// error has the token replaced by "[REDACTED]".
#include <chrono>
#include <string>

#include "notify/alert_channel.hpp"
#include "notify/http_post.hpp"

namespace polycopy::notify {

struct TelegramSettings {
  std::string bot_token;  // "123456:ABC…"
  std::string chat_id;    // a number ("-100…") or "@channel_name"
  std::string api_base = "https://api.telegram.org";
  std::chrono::milliseconds timeout{5'000};
  std::string min_severity = "warning";  // info | warning | critical (for the dispatcher)
};

// The message text: the summary line, then the alert id and when it was raised.
std::string telegram_text(const AlertNotice& notice);

class TelegramChannel final : public AlertChannel {
 public:
  explicit TelegramChannel(TelegramSettings settings);
  std::string_view kind() const override { return "telegram"; }
  core::Status send(const AlertNotice& notice) override;

 private:
  TelegramSettings settings_;
  std::string url_;
  HttpPost http_;
};

}  // namespace polycopy::notify
