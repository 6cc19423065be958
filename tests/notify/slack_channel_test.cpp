// The Slack channel against a loopback receiver standing in for hooks.slack.com.
#include "notify/slack_channel.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "net/raw_http_server.hpp"
#include "notify/request_parts.hpp"

namespace polycopy::notify {
namespace {

using net::testing::closed_port;
using net::testing::http_response;
using net::testing::RawHttpServer;
using net::testing::RawReply;
using std::chrono::milliseconds;
using testing::request_body;
using testing::request_header;
using testing::request_line;
using testing::sample_notice;

const std::string kPath = "/services/T0001/B0002/XyZsecretPart123";

SlackSettings settings_for(const std::string& url) {
  SlackSettings settings;
  settings.webhook_url = url;
  settings.timeout = milliseconds(2000);
  return settings;
}

RawReply answer(int status, const std::string& body) {
  return RawReply{http_response(status, body), milliseconds(0), false};
}

TEST(SlackChannel, PostsAOneLineTextWithSeverityCodeAndMessage) {
  RawHttpServer server([](int, const std::string&) { return answer(200, "ok"); });
  SlackChannel channel(settings_for(server.url(kPath)));
  EXPECT_EQ(channel.kind(), "slack");
  const core::Status status = channel.send(sample_notice());
  ASSERT_TRUE(status.ok()) << status.error().to_string();
  ASSERT_EQ(server.requests(), 1);
  const std::string raw = server.received()[0];
  EXPECT_EQ(request_line(raw), "POST " + kPath + " HTTP/1.1");
  EXPECT_EQ(request_header(raw, "Content-Type"), "application/json");
  const auto json = nlohmann::json::parse(request_body(raw));
  ASSERT_EQ(json.size(), 1u);
  EXPECT_EQ(json.at("text"),
            "[CRITICAL] circuit_breaker_open: drawdown 31% over the 25% limit (strategy lt_s1, "
            "\u00d73)");
}

TEST(SlackChannel, EscapesSlackMarkupSoAMessageCannotMentionEveryone) {
  RawHttpServer server([](int, const std::string&) { return answer(200, "ok"); });
  SlackChannel channel(settings_for(server.url(kPath)));
  AlertNotice notice = sample_notice();
  notice.message = "<!channel> R&D";
  notice.occurrences = 1;
  notice.lt_strategy_id.reset();
  ASSERT_TRUE(channel.send(notice).ok());
  const auto json = nlohmann::json::parse(request_body(server.received().at(0)));
  EXPECT_EQ(json.at("text"), "[CRITICAL] circuit_breaker_open: &lt;!channel&gt; R&amp;D");
}

TEST(SlackChannel, AnAnswerOtherThanOkIsRefused) {
  RawHttpServer server([](int index, const std::string&) {
    return index == 0 ? answer(200, "invalid_payload") : answer(404, "no_service");
  });
  SlackChannel channel(settings_for(server.url(kPath)));

  const core::Status not_ok = channel.send(sample_notice());
  ASSERT_FALSE(not_ok.ok());
  EXPECT_EQ(not_ok.error().code, "channel_refused");
  EXPECT_NE(not_ok.error().message.find("invalid_payload"), std::string::npos);

  const core::Status not_found = channel.send(sample_notice());
  ASSERT_FALSE(not_found.ok());
  EXPECT_EQ(not_found.error().code, "channel_refused");
  EXPECT_NE(not_found.error().message.find("404"), std::string::npos);
  EXPECT_NE(not_found.error().message.find("no_service"), std::string::npos);
  // The webhook URL is the credential.
  EXPECT_EQ(not_found.error().message.find("XyZsecretPart123"), std::string::npos)
      << not_found.error().message;
}

TEST(SlackChannel, AClosedPortIsUnreachableWithoutTheWebhookPath) {
  SlackChannel channel(settings_for("http://127.0.0.1:" + std::to_string(closed_port()) + kPath));
  const core::Status status = channel.send(sample_notice());
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, "channel_unreachable");
  EXPECT_EQ(status.error().message.find("XyZsecretPart123"), std::string::npos);
}

}  // namespace
}  // namespace polycopy::notify
