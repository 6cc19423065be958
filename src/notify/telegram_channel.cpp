#include "notify/telegram_channel.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "core/log.hpp"
#include "net/url.hpp"
#include "notify/notice_text.hpp"

namespace polycopy::notify {
namespace {

// Telegram's limit is 4096 characters; bytes are a safe bound.
constexpr std::size_t kMaxTextBytes = 4000;

// A numeric chat id goes as a JSON number, "@channel" as a string (the Bot API takes both).
nlohmann::json chat_id_json(const std::string& chat_id) {
  const std::string_view digits =
      chat_id.starts_with('-') ? std::string_view(chat_id).substr(1) : std::string_view(chat_id);
  const bool numeric = !digits.empty() && digits.size() <= 18 &&
                       std::all_of(digits.begin(), digits.end(), [](char c) {
                         return std::isdigit(static_cast<unsigned char>(c)) != 0;
                       });
  if (numeric) return std::stoll(chat_id);
  return chat_id;
}

// Telegram's "description", or a short excerpt of whatever came back.
std::string describe(const net::HttpResponse& response) {
  const auto json = nlohmann::json::parse(response.body, nullptr, false);
  if (json.is_object() && json.contains("description") && json["description"].is_string())
    return json["description"].get<std::string>();
  return body_excerpt(response.body);
}

}  // namespace

std::string telegram_text(const AlertNotice& notice) {
  return truncate_utf8(summary_line(notice) + "\nalert " + notice.alert_id + " at " +
                           format_iso8601_ms(notice.raised_at),
                       kMaxTextBytes);
}

TelegramChannel::TelegramChannel(TelegramSettings settings)
    : settings_(std::move(settings)),
      url_(net::join_url(settings_.api_base, "/bot" + settings_.bot_token + "/sendMessage")),
      http_("telegram", settings_.timeout, {settings_.bot_token}) {
  core::register_secret(settings_.bot_token);
}

core::Status TelegramChannel::send(const AlertNotice& notice) {
  const nlohmann::json body = {{"chat_id", chat_id_json(settings_.chat_id)},
                               {"text", telegram_text(notice)},
                               {"disable_web_page_preview", true}};
  auto response =
      http_.post(url_, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                 {{"Content-Type", "application/json"}});
  if (!response) return response.error();
  if (response->status < 200 || response->status > 299)
    return http_.refused(url_, response->status, describe(*response));
  const auto json = nlohmann::json::parse(response->body, nullptr, false);
  if (!json.is_object() || json.value("ok", nlohmann::json(false)) != true)
    return http_.refused(url_, response->status, describe(*response));
  return core::Status::success();
}

}  // namespace polycopy::notify
