// The cron routes' shared secret: from POLYCOPY_CRON_SECRET first, else the first line of
// secrets.cron_secret_file; none leaves the routes off; short or unreadable ones are refused.
#include <gtest/gtest.h>

#include <fstream>

#include "app/wallet_key.hpp"
#include "cli_runner.hpp"

namespace polycopy::app {
namespace {

TEST(CronSecret, TheEnvironmentWinsOverTheFile) {
  test::TempDir dir;
  std::ofstream(dir.file("cron")) << "from-the-file-0123456789\n";
  Config config;
  config.secrets.cron_secret_file = dir.file("cron");
  EXPECT_EQ(load_cron_secret(config, {}).value(), "from-the-file-0123456789");
  EXPECT_EQ(load_cron_secret(config, {{kCronSecretVariable, "from-the-environment-42"}}).value(),
            "from-the-environment-42");
}

TEST(CronSecret, NoneConfiguredLeavesTheRoutesOff) {
  EXPECT_FALSE(load_cron_secret(Config{}, {}).value().has_value());
  EXPECT_FALSE(load_cron_secret(Config{}, {{kCronSecretVariable, ""}}).value().has_value());
}

TEST(CronSecret, ShortOrUnreadableSecretsAreRefused) {
  EXPECT_EQ(load_cron_secret(Config{}, {{kCronSecretVariable, "short"}}).error().code,
            "cron_secret_weak");
  Config config;
  config.secrets.cron_secret_file = "/nonexistent/cron-secret";
  EXPECT_EQ(load_cron_secret(config, {}).error().code, "cron_secret_unreadable");
  test::TempDir dir;
  std::ofstream(dir.file("empty")) << "";
  config.secrets.cron_secret_file = dir.file("empty");
  EXPECT_EQ(load_cron_secret(config, {}).error().code, "cron_secret_unreadable");
}

}  // namespace
}  // namespace polycopy::app
