#include "notify/channel_factory.hpp"

#include <set>
#include <tuple>

#include "net/url.hpp"
#include "notify/severity.hpp"

namespace polycopy::notify {
namespace {

core::Error invalid(const std::string& name, const std::string& why) {
  return core::Error{"invalid_alert_channel", "alert channel '" + name + "': " + why};
}

bool http_url(const std::string& url) {
  const auto parsed = net::parse_url(url);
  return parsed && (parsed->scheme == "http" || parsed->scheme == "https");
}

bool smtp_url(const std::string& url) {
  return url.starts_with("smtp://") || url.starts_with("smtps://");
}

// "" when the settings are usable, else why not.
std::string problem(const WebhookSettings& s) {
  if (!http_url(s.url)) return "url must be an http(s) URL";
  if (s.secret.empty()) return "secret is empty";
  return {};
}
std::string problem(const SlackSettings& s) {
  if (!http_url(s.webhook_url)) return "webhook_url must be an http(s) URL";
  return {};
}
std::string problem(const TelegramSettings& s) {
  if (s.bot_token.empty()) return "bot_token is empty";
  if (s.bot_token.find_first_of("/?#@ ") != std::string::npos)
    return "bot_token has characters a token never has";
  if (s.chat_id.empty()) return "chat_id is empty";
  if (!http_url(s.api_base)) return "api_base must be an http(s) URL";
  return {};
}
std::string problem(const EmailSettings& s) {
  if (!smtp_url(s.url)) return "url must be smtp://host:port or smtps://host:port";
  // A bare address: CR, LF or angle brackets would let it rewrite the SMTP envelope.
  const auto bad_address = [](const std::string& address) {
    return address.empty() || address.find_first_of("\r\n<> ") != std::string::npos;
  };
  if (bad_address(s.from)) return "from must be a bare address (name@domain)";
  if (s.to.empty()) return "to has no recipient";
  for (const auto& address : s.to)
    if (bad_address(address)) return "to must hold bare addresses (name@domain)";
  if (s.use_starttls && s.url.starts_with("smtps://"))
    return "use_starttls is for smtp:// (smtps:// is TLS from the start)";
  return {};
}

const char* kind_name(const WebhookSettings&) {
  return "webhook";
}
const char* kind_name(const SlackSettings&) {
  return "slack";
}
const char* kind_name(const TelegramSettings&) {
  return "telegram";
}
const char* kind_name(const EmailSettings&) {
  return "email";
}

std::unique_ptr<AlertChannel> make(const WebhookSettings& s, const core::Clock& clock) {
  return std::make_unique<WebhookChannel>(s, clock);
}
std::unique_ptr<AlertChannel> make(const SlackSettings& s, const core::Clock&) {
  return std::make_unique<SlackChannel>(s);
}
std::unique_ptr<AlertChannel> make(const TelegramSettings& s, const core::Clock&) {
  return std::make_unique<TelegramChannel>(s);
}
std::unique_ptr<AlertChannel> make(const EmailSettings& s, const core::Clock& clock) {
  return std::make_unique<EmailChannel>(s, clock);
}

}  // namespace

core::Result<std::vector<ConfiguredChannel>> build_alert_channels(
    const std::vector<AlertChannelSettings>& settings, const core::Clock& clock) {
  std::vector<ConfiguredChannel> channels;
  std::set<std::string> names;
  for (std::size_t i = 0; i < settings.size(); ++i) {
    const auto& entry = settings[i];
    std::string name = entry.name;
    if (name.empty())
      name = std::string(std::visit([](const auto& s) { return kind_name(s); }, entry.kind)) + "-" +
             std::to_string(i + 1);
    if (!names.insert(name).second) return invalid(name, "the name is used twice");
    const auto [min_severity, timeout, why] =
        std::visit([](const auto& s) { return std::tuple(s.min_severity, s.timeout, problem(s)); },
                   entry.kind);
    if (!severity_rank(min_severity))
      return invalid(name, "min_severity must be info, warning or critical");
    if (timeout.count() <= 0) return invalid(name, "timeout must be positive");
    if (!why.empty()) return invalid(name, why);
    channels.push_back(ConfiguredChannel{
        std::visit([&clock](const auto& s) { return make(s, clock); }, entry.kind), min_severity,
        std::move(name)});
  }
  return channels;
}

}  // namespace polycopy::notify
