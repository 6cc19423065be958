// The generic webhook against a loopback receiver: the exact JSON fields, a signature that
// verifies with the secret only, and the two failure codes.
#include "notify/webhook_channel.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <set>

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

const std::string kSecret = "whsec_test_5f1e0c2d";

// Computed here with OpenSSL directly, not with the code under test.
std::string expected_signature(const std::string& secret, const std::string& timestamp,
                               const std::string& body) {
  const std::string message = timestamp + "." + body;
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &size);
  std::string hex;
  char byte[3];
  for (unsigned int i = 0; i < size; ++i) {
    std::snprintf(byte, sizeof byte, "%02x", mac[i]);
    hex += byte;
  }
  return "sha256=" + hex;
}

WebhookSettings settings_for(const std::string& url) {
  WebhookSettings settings;
  settings.url = url;
  settings.secret = kSecret;
  settings.timeout = milliseconds(2000);
  return settings;
}

RawReply answer(int status, const std::string& body = "") {
  return RawReply{http_response(status, body), milliseconds(0), false};
}

TEST(WebhookChannel, PostsExactlyTheNoticeFieldsSignedWithTheSecret) {
  RawHttpServer server([](int, const std::string&) { return answer(204); });
  core::ManualClock clock(core::from_unix_ms(1'700'000'200'999));
  WebhookChannel channel(settings_for(server.url("/hooks/polycopy")), clock);
  EXPECT_EQ(channel.kind(), "webhook");

  const core::Status status = channel.send(sample_notice());
  ASSERT_TRUE(status.ok()) << status.error().to_string();
  ASSERT_EQ(server.requests(), 1);
  const std::string raw = server.received()[0];
  EXPECT_EQ(request_line(raw), "POST /hooks/polycopy HTTP/1.1");
  EXPECT_EQ(request_header(raw, "Content-Type"), "application/json");
  EXPECT_EQ(request_header(raw, "X-Polycopy-Timestamp"), "1700000200");

  const std::string body = request_body(raw);
  const auto json = nlohmann::json::parse(body);
  std::set<std::string> keys;
  for (const auto& [key, value] : json.items()) keys.insert(key);
  EXPECT_EQ(keys, (std::set<std::string>{"alert_id", "severity", "code", "message", "user_id",
                                         "lt_strategy_id", "occurrences", "raised_at"}));
  EXPECT_EQ(json["alert_id"], "alr_7f3a9c");
  EXPECT_EQ(json["severity"], "critical");
  EXPECT_EQ(json["code"], "circuit_breaker_open");
  EXPECT_EQ(json["message"], "drawdown 31% over the 25% limit");
  EXPECT_EQ(json["user_id"], "usr_alice");
  EXPECT_EQ(json["lt_strategy_id"], "lt_s1");
  EXPECT_EQ(json["occurrences"], 3);
  EXPECT_EQ(json["raised_at"], "2023-11-14T22:15:23.456Z");

  const std::string signature = request_header(raw, "X-Polycopy-Signature");
  EXPECT_EQ(signature, expected_signature(kSecret, "1700000200", body));
  EXPECT_NE(signature, expected_signature("another-secret", "1700000200", body));
  EXPECT_NE(signature, expected_signature(kSecret, "1700000201", body));  // bound to the time
}

TEST(WebhookChannel, MissingIdsAreJsonNulls) {
  RawHttpServer server([](int, const std::string&) { return answer(200, "{}"); });
  core::ManualClock clock;
  WebhookChannel channel(settings_for(server.url("/h")), clock);
  AlertNotice notice = sample_notice();
  notice.user_id.reset();
  notice.lt_strategy_id.reset();
  ASSERT_TRUE(channel.send(notice).ok());
  const auto json = nlohmann::json::parse(request_body(server.received().at(0)));
  EXPECT_TRUE(json.at("user_id").is_null());
  EXPECT_TRUE(json.at("lt_strategy_id").is_null());
}

TEST(WebhookChannel, ATimestampFromTheInjectedClockMovesWithIt) {
  RawHttpServer server([](int, const std::string&) { return answer(200); });
  core::ManualClock clock(core::from_unix_ms(1'000'000));
  WebhookChannel channel(settings_for(server.url("/h")), clock);
  ASSERT_TRUE(channel.send(sample_notice()).ok());
  clock.advance(milliseconds(61'000));
  ASSERT_TRUE(channel.send(sample_notice()).ok());
  const auto received = server.received();
  ASSERT_EQ(received.size(), 2u);
  EXPECT_EQ(request_header(received[0], "X-Polycopy-Timestamp"), "1000");
  EXPECT_EQ(request_header(received[1], "X-Polycopy-Timestamp"), "1061");
}

TEST(WebhookChannel, AFailureStatusIsRefusedWithoutTheSecret) {
  // A receiver that echoes the secret back must not get it into the error.
  RawHttpServer server(
      [](int, const std::string&) { return answer(500, "boom, secret was " + kSecret); });
  core::ManualClock clock;
  WebhookChannel channel(settings_for(server.url("/h")), clock);
  const core::Status status = channel.send(sample_notice());
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, "channel_refused");
  EXPECT_NE(status.error().message.find("500"), std::string::npos) << status.error().message;
  EXPECT_NE(status.error().message.find("boom"), std::string::npos);
  EXPECT_EQ(status.error().message.find(kSecret), std::string::npos) << status.error().message;
  EXPECT_EQ(server.requests(), 1);  // one attempt: the dispatcher retries
}

TEST(WebhookChannel, AClosedPortIsUnreachable) {
  core::ManualClock clock;
  WebhookChannel channel(settings_for("http://127.0.0.1:" + std::to_string(closed_port()) + "/h"),
                         clock);
  const core::Status status = channel.send(sample_notice());
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, "channel_unreachable") << status.error().message;
}

TEST(WebhookChannel, AReceiverThatNeverAnswersIsUnreachableWithinTheTimeout) {
  RawHttpServer server([](int, const std::string&) {
    return RawReply{"", milliseconds(10'000), false};  // reads the request, says nothing
  });
  core::ManualClock clock;
  WebhookSettings settings = settings_for(server.url("/h"));
  settings.timeout = milliseconds(300);
  WebhookChannel channel(settings, clock);
  const auto started = std::chrono::steady_clock::now();
  const core::Status status = channel.send(sample_notice());
  const auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, "channel_unreachable") << status.error().message;
  EXPECT_GE(elapsed, milliseconds(250));
  EXPECT_LT(elapsed, milliseconds(2'000));
  EXPECT_EQ(server.requests(), 1);
}

TEST(WebhookChannel, InvalidUtf8InTheMessageStillGoesOut) {
  RawHttpServer server([](int, const std::string&) { return answer(200); });
  core::ManualClock clock;
  WebhookChannel channel(settings_for(server.url("/h")), clock);
  AlertNotice notice = sample_notice();
  notice.message = "bad byte \xff here";
  ASSERT_TRUE(channel.send(notice).ok());
  const auto json = nlohmann::json::parse(request_body(server.received().at(0)));
  EXPECT_NE(json["message"].get<std::string>().find("here"), std::string::npos);
}

}  // namespace
}  // namespace polycopy::notify
