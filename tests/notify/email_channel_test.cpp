// The e-mail channel against a loopback SMTP sink: envelope, message, AUTH, refusals and
// failures to connect.
#include "notify/email_channel.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "net/raw_http_server.hpp"
#include "notify/request_parts.hpp"
#include "notify/smtp_sink.hpp"

namespace polycopy::notify {
namespace {

using std::chrono::milliseconds;
using testing::sample_notice;
using testing::SmtpSink;
using testing::SmtpSinkOptions;

const std::string kPassword = "s3cr3t-smtp-Pa55";

EmailSettings settings_for(const std::string& url) {
  EmailSettings settings;
  settings.url = url;
  settings.from = "alerts@polycopy.example";
  settings.to = {"ops@example.com", "alice@example.com"};
  settings.timeout = milliseconds(3000);
  return settings;
}

// A header's value from a recorded message, "" when absent.
std::string header(const std::string& message, const std::string& name) {
  const std::string head = message.substr(0, message.find("\r\n\r\n"));
  const std::string wanted = name + ": ";
  const auto at = head.starts_with(wanted) ? 0 : head.find("\r\n" + wanted);
  if (at == std::string::npos) return {};
  const auto start = at == 0 ? wanted.size() : at + 2 + wanted.size();
  return head.substr(start, head.find("\r\n", start) - start);
}

std::string body_of(const std::string& message) {
  const auto end = message.find("\r\n\r\n");
  return end == std::string::npos ? std::string() : message.substr(end + 4);
}

TEST(EmailChannel, DeliversTheEnvelopeAndAnRfc5322Message) {
  SmtpSink sink;
  core::ManualClock clock(core::from_unix_ms(1'704'164'645'000));  // Tue 2024-01-02 03:04:05
  EmailChannel channel(settings_for(sink.url()), clock);
  EXPECT_EQ(channel.kind(), "email");
  AlertNotice notice = sample_notice();
  notice.message = "first line\n.a line starting with a dot\nlast line";

  const core::Status status = channel.send(notice);
  ASSERT_TRUE(status.ok()) << status.error().to_string();
  const auto sessions = sink.sessions();
  ASSERT_EQ(sessions.size(), 1u);
  const auto& session = sessions[0];
  EXPECT_EQ(session.mail_from, "alerts@polycopy.example");
  EXPECT_EQ(session.rcpt_to, (std::vector<std::string>{"ops@example.com", "alice@example.com"}));
  EXPECT_TRUE(session.auth_user.empty());  // no credentials configured

  const std::string& message = session.data;
  EXPECT_EQ(header(message, "From"), "alerts@polycopy.example");
  EXPECT_EQ(header(message, "To"), "ops@example.com, alice@example.com");
  EXPECT_EQ(header(message, "Subject"), "[polycopy] CRITICAL circuit_breaker_open");
  EXPECT_EQ(header(message, "Date"), "Tue, 02 Jan 2024 03:04:05 +0000");
  EXPECT_EQ(header(message, "Message-ID"), "<alr_7f3a9c.3@polycopy.example>");
  EXPECT_EQ(header(message, "Content-Type"), "text/plain; charset=utf-8");
  const std::string body = body_of(message);
  EXPECT_NE(body.find("first line\r\n"), std::string::npos) << body;
  // libcurl dot-stuffs, the sink un-stuffs: the line arrives whole.
  EXPECT_NE(body.find("\r\n.a line starting with a dot\r\n"), std::string::npos) << body;
  EXPECT_NE(body.find("last line"), std::string::npos);
  EXPECT_NE(body.find("lt_s1"), std::string::npos);
  EXPECT_NE(body.find("alr_7f3a9c"), std::string::npos);
}

TEST(EmailChannel, SendsTheCredentialsWhenConfigured) {
  SmtpSinkOptions options;
  options.advertise_auth = true;
  SmtpSink sink(options);
  core::ManualClock clock;
  EmailSettings settings = settings_for(sink.url());
  settings.username = "alerts-user";
  settings.password = kPassword;
  EmailChannel channel(settings, clock);
  const core::Status status = channel.send(sample_notice());
  ASSERT_TRUE(status.ok()) << status.error().to_string();
  const auto sessions = sink.sessions();
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_FALSE(sessions[0].auth_mechanism.empty());
  EXPECT_EQ(sessions[0].auth_user, "alerts-user");
  EXPECT_EQ(sessions[0].auth_password, kPassword);
  EXPECT_FALSE(sessions[0].data.empty());
}

TEST(EmailChannel, ARefusedRecipientIsRefusedWithTheSmtpCodeAndWithoutThePassword) {
  SmtpSinkOptions options;
  options.advertise_auth = true;
  options.rcpt_reply = "550 5.1.1 no such user here";
  SmtpSink sink(options);
  core::ManualClock clock;
  EmailSettings settings = settings_for(sink.url());
  settings.to = {"nobody@example.com"};
  settings.username = "alerts-user";
  settings.password = kPassword;
  EmailChannel channel(settings, clock);
  const core::Status status = channel.send(sample_notice());
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, "channel_refused");
  EXPECT_NE(status.error().message.find("550"), std::string::npos) << status.error().message;
  EXPECT_NE(status.error().message.find("no such user here"), std::string::npos)
      << status.error().message;
  EXPECT_EQ(status.error().message.find(kPassword), std::string::npos);
  ASSERT_EQ(sink.sessions().size(), 1u);
  EXPECT_TRUE(sink.sessions()[0].data.empty());  // nothing was delivered
}

TEST(EmailChannel, AClosedPortIsUnreachable) {
  core::ManualClock clock;
  EmailChannel channel(
      settings_for("smtp://127.0.0.1:" + std::to_string(net::testing::closed_port())), clock);
  const core::Status status = channel.send(sample_notice());
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, "channel_unreachable") << status.error().message;
}

TEST(EmailChannel, AServerThatNeverGreetsIsUnreachableWithinTheTimeout) {
  SmtpSinkOptions options;
  options.greet = false;
  SmtpSink sink(options);
  core::ManualClock clock;
  EmailSettings settings = settings_for(sink.url());
  settings.timeout = milliseconds(300);
  EmailChannel channel(settings, clock);
  const auto started = std::chrono::steady_clock::now();
  const core::Status status = channel.send(sample_notice());
  const auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, "channel_unreachable") << status.error().message;
  EXPECT_GE(elapsed, milliseconds(250));
  EXPECT_LT(elapsed, milliseconds(2'000));
}

TEST(EmailChannel, RequiredStartTlsThatTheServerLacksIsRefused) {
  SmtpSink sink;  // offers no STARTTLS
  core::ManualClock clock;
  EmailSettings settings = settings_for(sink.url());
  settings.use_starttls = true;
  settings.username = "alerts-user";
  settings.password = kPassword;
  EmailChannel channel(settings, clock);
  const core::Status status = channel.send(sample_notice());
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, "channel_refused") << status.error().message;
  EXPECT_EQ(status.error().message.find(kPassword), std::string::npos);
  for (const auto& session : sink.sessions()) {  // no credentials in clear text
    EXPECT_TRUE(session.auth_user.empty());
    for (const auto& command : session.commands) EXPECT_FALSE(command.starts_with("AUTH"));
  }
}

}  // namespace
}  // namespace polycopy::notify
