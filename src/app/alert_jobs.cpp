#include "app/alert_jobs.hpp"

#include "app/command_context.hpp"
#include "app/commands.hpp"

namespace polycopy::app {
namespace {

constexpr const char* kRules = "alert-rules";
constexpr const char* kDelivery = "alert-delivery";

}  // namespace

core::Result<std::vector<notify::AlertChannelSettings>> alert_channel_settings(
    const Config::Alerts& a) {
  std::vector<notify::AlertChannelSettings> out;
  if (!a.webhook_url.empty()) {
    notify::WebhookSettings webhook;
    webhook.url = a.webhook_url;
    webhook.secret = a.webhook_secret;
    webhook.min_severity = a.webhook_min_severity;
    out.push_back({"webhook", webhook});
  }
  if (!a.slack_webhook_url.empty()) {
    notify::SlackSettings slack;
    slack.webhook_url = a.slack_webhook_url;
    slack.min_severity = a.slack_min_severity;
    out.push_back({"slack", slack});
  }
  if (!a.telegram_bot_token.empty()) {
    notify::TelegramSettings telegram;
    telegram.bot_token = a.telegram_bot_token;
    telegram.chat_id = a.telegram_chat_id;
    telegram.api_base = a.telegram_api_url;
    telegram.min_severity = a.telegram_min_severity;
    out.push_back({"telegram", telegram});
  }
  if (!a.smtp_url.empty()) {
    notify::EmailSettings email;
    email.url = a.smtp_url;
    email.from = a.smtp_from;
    email.to = a.smtp_to;
    email.username = a.smtp_username;
    email.password = a.smtp_password;
    email.use_starttls = a.smtp_starttls;
    email.min_severity = a.email_min_severity;
    out.push_back({"email", email});
  }
  return out;
}

engine::AlertRuleSettings alert_rule_settings(const Config::Alerts& a) {
  engine::AlertRuleSettings rules;
  rules.rejections_in_a_row = a.rejections_in_a_row;
  rules.fill_rate_floor_micros = a.fill_rate_floor_percent * 10'000;
  rules.fill_rate_orders = a.fill_rate_orders;
  rules.fill_rate_min_orders = a.fill_rate_min_orders;
  rules.health_failing_for = std::chrono::minutes(a.health_failing_minutes);
  return rules;
}

namespace {

std::vector<notify::ConfiguredChannel> channels_of(const Config::Alerts& config,
                                                   const core::Clock& clock) {
  auto settings = require(alert_channel_settings(config), kExitUsage);
  return require(notify::build_alert_channels(settings, clock), kExitUsage);
}

engine::AlertDeliverySettings delivery_settings(const Config::Alerts& config,
                                                std::chrono::minutes max_age) {
  engine::AlertDeliverySettings delivery;
  delivery.per_channel_per_hour = config.per_channel_per_hour;
  delivery.max_age = max_age;
  return delivery;
}

}  // namespace

AlertJobs::AlertJobs(store::Store& store, const core::Clock& clock, const Config::Alerts& config,
                     std::chrono::minutes max_age)
    : monitor_(store, clock, alert_rule_settings(config)),
      dispatcher_(store, clock, channels_of(config, clock), delivery_settings(config, max_age)) {
  engine::JobSpec rules;
  rules.name = kRules;
  rules.interval = std::chrono::minutes(1);
  rules.run = [this](const std::optional<std::string>&) {
    auto report = monitor_.run_once();
    if (report.value("raised", 0) > 0) scheduler_.trigger(kDelivery);
    return report;
  };
  scheduler_.add(std::move(rules));
  engine::JobSpec delivery;
  delivery.name = kDelivery;
  delivery.interval = std::chrono::seconds(15);
  delivery.run = [this](const std::optional<std::string>&) { return dispatcher_.run_once(); };
  scheduler_.add(std::move(delivery));
}

AlertJobs::~AlertJobs() {
  stop();
}

nlohmann::json AlertJobs::run_now() {
  nlohmann::json out;
  for (const char* job : {kRules, kDelivery}) {
    auto ran = scheduler_.run_now(job);
    out[job] = ran ? std::move(*ran) : nlohmann::json{{"error", ran.error().to_string()}};
  }
  return out;
}

void AlertJobs::start() {
  scheduler_.trigger(kRules);
  scheduler_.start();
}

void AlertJobs::stop() {
  scheduler_.stop();
}

}  // namespace polycopy::app
