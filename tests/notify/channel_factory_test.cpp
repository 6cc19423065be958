// Building channels from settings: every kind, names, min_severity, and the refusals.
#include "notify/channel_factory.hpp"

#include <gtest/gtest.h>

namespace polycopy::notify {
namespace {

std::vector<AlertChannelSettings> all_kinds() {
  WebhookSettings webhook;
  webhook.url = "https://hooks.example.com/polycopy";
  webhook.secret = "whsec_factory_1234";
  webhook.min_severity = "info";
  SlackSettings slack;
  slack.webhook_url = "https://hooks.slack.com/services/T1/B2/abc";
  TelegramSettings telegram;
  telegram.bot_token = "42:TOKEN_factory_test";
  telegram.chat_id = "42";
  telegram.min_severity = "critical";
  EmailSettings email;
  email.url = "smtp://mail.example.com:587";
  email.from = "alerts@example.com";
  email.to = {"ops@example.com"};
  email.password = "factory-password";
  return {{"ops-hook", webhook}, {"", slack}, {"phone", telegram}, {"", email}};
}

TEST(ChannelFactory, BuildsEveryKindWithItsNameAndMinSeverity) {
  core::ManualClock clock;
  auto channels = build_alert_channels(all_kinds(), clock);
  ASSERT_TRUE(channels.ok()) << channels.error().to_string();
  ASSERT_EQ(channels->size(), 4u);
  const auto& list = *channels;
  EXPECT_EQ(list[0].channel->kind(), "webhook");
  EXPECT_EQ(list[0].name, "ops-hook");
  EXPECT_EQ(list[0].min_severity, "info");
  EXPECT_EQ(list[1].channel->kind(), "slack");
  EXPECT_EQ(list[1].name, "slack-2");
  EXPECT_EQ(list[1].min_severity, "warning");
  EXPECT_EQ(list[2].channel->kind(), "telegram");
  EXPECT_EQ(list[2].min_severity, "critical");
  EXPECT_EQ(list[3].channel->kind(), "email");
  EXPECT_EQ(list[3].name, "email-4");
}

TEST(ChannelFactory, RefusesBadSettingsWithoutQuotingSecrets) {
  core::ManualClock clock;
  const auto refused = [&clock](std::vector<AlertChannelSettings> settings) {
    auto result = build_alert_channels(settings, clock);
    EXPECT_FALSE(result.ok());
    return result.ok() ? core::Error{} : result.error();
  };
  auto settings = all_kinds();
  std::get<WebhookSettings>(settings[0].kind).min_severity = "loud";
  auto error = refused(settings);
  EXPECT_EQ(error.code, "invalid_alert_channel");
  EXPECT_NE(error.message.find("ops-hook"), std::string::npos);
  EXPECT_NE(error.message.find("min_severity"), std::string::npos);

  settings = all_kinds();
  std::get<WebhookSettings>(settings[0].kind).url = "ftp://whsec_factory_1234@x/";
  error = refused(settings);
  EXPECT_NE(error.message.find("url"), std::string::npos);
  EXPECT_EQ(error.message.find("whsec_factory_1234"), std::string::npos);

  settings = all_kinds();
  std::get<WebhookSettings>(settings[0].kind).secret.clear();
  EXPECT_NE(refused(settings).message.find("secret"), std::string::npos);

  settings = all_kinds();
  std::get<TelegramSettings>(settings[2].kind).chat_id.clear();
  EXPECT_NE(refused(settings).message.find("chat_id"), std::string::npos);

  settings = all_kinds();
  std::get<EmailSettings>(settings[3].kind).url = "http://mail.example.com";
  EXPECT_NE(refused(settings).message.find("smtp"), std::string::npos);

  settings = all_kinds();
  std::get<EmailSettings>(settings[3].kind).to.clear();
  EXPECT_NE(refused(settings).message.find("recipient"), std::string::npos);

  settings = all_kinds();
  std::get<EmailSettings>(settings[3].kind).to = {"ops@example.com>\r\nRCPT TO:<x@evil.example"};
  EXPECT_NE(refused(settings).message.find("bare address"), std::string::npos);

  settings = all_kinds();
  std::get<SlackSettings>(settings[1].kind).timeout = std::chrono::milliseconds(0);
  EXPECT_NE(refused(settings).message.find("timeout"), std::string::npos);

  settings = all_kinds();
  settings[1].name = "ops-hook";
  EXPECT_NE(refused(settings).message.find("twice"), std::string::npos);
}

}  // namespace
}  // namespace polycopy::notify
