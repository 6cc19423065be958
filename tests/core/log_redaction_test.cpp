#include <gtest/gtest.h>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/log.hpp"

namespace polycopy::core {
namespace {

TEST(LogRedaction, RegisteredSecretsAreReplaced) {
  register_secret("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
  const std::string line =
      redact("loaded key 0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318 ok");
  EXPECT_EQ(line, "loaded key [REDACTED] ok");
}

TEST(LogRedaction, ShortValuesAreNotRegistered) {
  register_secret("a");
  EXPECT_EQ(redact("a cat"), "a cat");
}

TEST(LogRedaction, SecretShapesAreReplaced) {
  EXPECT_EQ(redact("Authorization: Bearer abc.def-123"), "Authorization: Bearer [REDACTED]");
  EXPECT_EQ(redact(R"({"secret":"c2VjcmV0","passphrase": "p4ss", "user":"bob"})"),
            R"({"secret":"[REDACTED]","passphrase": "[REDACTED]", "user":"bob"})");
  EXPECT_EQ(redact("private_key=deadbeefcafe rest"), "private_key=[REDACTED] rest");
  EXPECT_EQ(redact("key pc_0123456789abcdef0123456789abcdef issued"), "key pc_[REDACTED] issued");
}

TEST(LogRedaction, PublicIdentifiersStay) {
  const std::string condition =
      "condition 0xdd22472e552920b8438158ea7238bfadfa4f736aa4cee91a6b86c39ead110917";
  EXPECT_EQ(redact(condition), condition);
}

TEST(LogRedaction, SinkWritesRedactedJsonLines) {
  register_secret("super-secret-api-value");
  std::ostringstream captured;
  auto sink = make_redacting_sink(std::make_shared<spdlog::sinks::ostream_sink_mt>(captured), true);
  spdlog::logger logger("test", sink);
  logger.info("posting with super-secret-api-value and \"quotes\"");
  logger.flush();
  const auto line = nlohmann::json::parse(captured.str());
  EXPECT_EQ(line.at("msg"), "posting with [REDACTED] and \"quotes\"");
  EXPECT_EQ(line.at("level"), "info");
  EXPECT_EQ(line.at("logger"), "test");
  EXPECT_EQ(line.at("time").get<std::string>().size(), 24u);  // 2026-11-25T19:30:00.000Z
  EXPECT_EQ(captured.str().find("super-secret"), std::string::npos);
}

TEST(LogRedaction, SinkWritesRedactedText) {
  std::ostringstream captured;
  auto sink =
      make_redacting_sink(std::make_shared<spdlog::sinks::ostream_sink_mt>(captured), false);
  spdlog::logger logger("test", sink);
  logger.warn("header Bearer pc_abcdef0123456789abcdef");
  logger.flush();
  EXPECT_NE(captured.str().find("warn"), std::string::npos);
  EXPECT_NE(captured.str().find("Bearer [REDACTED]"), std::string::npos);
  EXPECT_EQ(captured.str().find("abcdef0123456789"), std::string::npos);
}

TEST(LogRedaction, InvalidLevelIsRefused) {
  auto status = init_logging({"loud", LogFormat::human});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, "invalid_log_level");
}

}  // namespace
}  // namespace polycopy::core
