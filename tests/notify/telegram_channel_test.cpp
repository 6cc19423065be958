// The Telegram channel against a loopback Bot API: the request, Telegram's refusals, and
// the bot token kept out of every error and log line.
#include "notify/telegram_channel.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "net/raw_http_server.hpp"
#include "net/test_support.hpp"
#include "notify/request_parts.hpp"

namespace polycopy::notify {
namespace {

using net::testing::closed_port;
using net::testing::http_response;
using net::testing::LogCapture;
using net::testing::RawHttpServer;
using net::testing::RawReply;
using std::chrono::milliseconds;
using testing::request_body;
using testing::request_line;
using testing::sample_notice;

const std::string kToken = "123456789:AAHfakeTokenForTests_xyz";

TelegramSettings settings_for(const std::string& api_base, const std::string& chat_id) {
  TelegramSettings settings;
  settings.bot_token = kToken;
  settings.chat_id = chat_id;
  settings.api_base = api_base;
  settings.timeout = milliseconds(2000);
  return settings;
}

RawReply answer(int status, const std::string& body) {
  return RawReply{http_response(status, body, "Content-Type: application/json\r\n"),
                  milliseconds(0), false};
}

TEST(TelegramChannel, PostsSendMessageWithChatIdAndText) {
  RawHttpServer server([](int, const std::string&) {
    return answer(200, R"({"ok":true,"result":{"message_id":7}})");
  });
  TelegramChannel channel(settings_for(server.url(""), "-1001234567890"));
  EXPECT_EQ(channel.kind(), "telegram");
  const core::Status status = channel.send(sample_notice());
  ASSERT_TRUE(status.ok()) << status.error().to_string();
  ASSERT_EQ(server.requests(), 1);
  const std::string raw = server.received()[0];
  EXPECT_EQ(request_line(raw), "POST /bot" + kToken + "/sendMessage HTTP/1.1");
  const auto json = nlohmann::json::parse(request_body(raw));
  EXPECT_EQ(json.at("chat_id"), -1001234567890LL);  // numeric ids go as numbers
  EXPECT_EQ(json.at("disable_web_page_preview"), true);
  const std::string text = json.at("text");
  EXPECT_TRUE(text.starts_with("[CRITICAL] circuit_breaker_open: drawdown 31% over the 25% limit"))
      << text;
  EXPECT_NE(text.find("alr_7f3a9c"), std::string::npos);
}

TEST(TelegramChannel, AChannelNameGoesAsAString) {
  RawHttpServer server([](int, const std::string&) { return answer(200, R"({"ok":true})"); });
  TelegramChannel channel(settings_for(server.url("/"), "@polycopy_alerts"));
  ASSERT_TRUE(channel.send(sample_notice()).ok());
  const std::string raw = server.received().at(0);
  EXPECT_EQ(request_line(raw), "POST /bot" + kToken + "/sendMessage HTTP/1.1");  // one slash
  EXPECT_EQ(nlohmann::json::parse(request_body(raw)).at("chat_id"), "@polycopy_alerts");
}

TEST(TelegramChannel, OkFalseIsRefusedWithTheDescriptionAndNotTheToken) {
  RawHttpServer server([](int index, const std::string&) {
    if (index == 0)
      return answer(400, R"({"ok":false,"error_code":400,"description":"chat not found"})");
    return answer(200, R"({"ok":false,"description":"bot was blocked by the user"})");
  });
  TelegramChannel channel(settings_for(server.url(""), "42"));

  const core::Status bad_request = channel.send(sample_notice());
  ASSERT_FALSE(bad_request.ok());
  EXPECT_EQ(bad_request.error().code, "channel_refused");
  EXPECT_NE(bad_request.error().message.find("chat not found"), std::string::npos)
      << bad_request.error().message;
  EXPECT_NE(bad_request.error().message.find("400"), std::string::npos);
  EXPECT_EQ(bad_request.error().message.find(kToken), std::string::npos);

  const core::Status blocked = channel.send(sample_notice());
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.error().code, "channel_refused");
  EXPECT_NE(blocked.error().message.find("bot was blocked by the user"), std::string::npos);
}

TEST(TelegramChannel, AnAnswerThatIsNotTelegramsIsRefused) {
  RawHttpServer server([](int, const std::string&) { return answer(502, "Bad Gateway"); });
  TelegramChannel channel(settings_for(server.url(""), "42"));
  const core::Status status = channel.send(sample_notice());
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, "channel_refused");
  EXPECT_NE(status.error().message.find("502"), std::string::npos);
}

TEST(TelegramChannel, TheTokenReachesNeitherErrorsNorLogs) {
  LogCapture logs;  // unredacted: only the channel's own care keeps the token out
  // A receiver that echoes the request line (with the token) in its error.
  RawHttpServer server([](int, const std::string& request) {
    return answer(401, R"({"ok":false,"description":"Unauthorized: )" +
                           request.substr(0, request.find(" HTTP/")) + R"("})");
  });
  TelegramChannel channel(settings_for(server.url(""), "42"));
  const core::Status refused = channel.send(sample_notice());
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("Unauthorized"), std::string::npos);
  EXPECT_EQ(refused.error().message.find(kToken), std::string::npos) << refused.error().message;
  EXPECT_NE(refused.error().message.find("[REDACTED]"), std::string::npos);

  TelegramChannel unreachable_channel(
      settings_for("http://127.0.0.1:" + std::to_string(closed_port()), "42"));
  const core::Status unreachable = unreachable_channel.send(sample_notice());
  ASSERT_FALSE(unreachable.ok());
  EXPECT_EQ(unreachable.error().code, "channel_unreachable");
  EXPECT_EQ(unreachable.error().message.find(kToken), std::string::npos);

  EXPECT_EQ(logs.text().find(kToken), std::string::npos) << logs.text();
  EXPECT_EQ(logs.text().find("AAHfakeTokenForTests"), std::string::npos);
}

}  // namespace
}  // namespace polycopy::notify
