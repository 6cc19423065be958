#include "app/config.hpp"

#include <gtest/gtest.h>

namespace polycopy::app {
namespace {

Config load_ok(const std::string& text, const Environment& environment = {}) {
  auto config = load_config_text(text, environment);
  EXPECT_TRUE(config.ok()) << (config.ok() ? "" : config.error().message);
  return config.ok() ? *config : Config{};
}

std::string load_error(const std::string& text, const Environment& environment = {}) {
  auto config = load_config_text(text, environment);
  EXPECT_FALSE(config.ok());
  if (config.ok()) return {};
  EXPECT_EQ(config.error().code, "invalid_config");
  return config.error().message;
}

TEST(Config, DefaultsWithoutFile) {
  const Config config = load_ok("");
  EXPECT_EQ(config.database.path, "polycopy.db");
  EXPECT_EQ(config.server.host, "127.0.0.1");
  EXPECT_EQ(config.server.port, 8787);
  EXPECT_EQ(config.server.max_body_bytes, 1 << 20);
  EXPECT_EQ(config.log.level, "info");
}

TEST(Config, FileValuesApply) {
  const Config config = load_ok(R"(
[database]
path = "/var/lib/polycopy/main.db"
[server]
listen = "0.0.0.0:9000"
threads = 4
[log]
level = "debug"
format = "json"
[polymarket]
clob_url = "http://127.0.0.1:9100"
ws_url = "ws://127.0.0.1:9100/ws"
)");
  EXPECT_EQ(config.database.path, "/var/lib/polycopy/main.db");
  EXPECT_EQ(config.server.host, "0.0.0.0");
  EXPECT_EQ(config.server.port, 9000);
  EXPECT_EQ(config.server.threads, 4);
  EXPECT_EQ(config.log.level, "debug");
  EXPECT_EQ(config.log.format, core::LogFormat::json);
  EXPECT_EQ(config.polymarket.clob_url, "http://127.0.0.1:9100");
  EXPECT_EQ(config.polymarket.ws_url, "ws://127.0.0.1:9100/ws");
}

TEST(Config, EnvironmentOverridesFile) {
  const Config config = load_ok("[server]\nlisten = \"127.0.0.1:1000\"\nthreads = 3\n",
                                {{"POLYCOPY_SERVER_LISTEN", "[::1]:2000"},
                                 {"POLYCOPY_SERVER_THREADS", "8"},
                                 {"POLYCOPY_DATABASE_PATH", "env.db"}});
  EXPECT_EQ(config.server.host, "::1");
  EXPECT_EQ(config.server.port, 2000);
  EXPECT_EQ(config.server.threads, 8);
  EXPECT_EQ(config.database.path, "env.db");
}

struct BadCase {
  std::string toml;
  Environment environment;
  std::string expected_key;
  std::string expected_reason;
};

class BadConfig : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadConfig, NamesTheKeyAndTheReason) {
  const auto& param = GetParam();
  const std::string message = load_error(param.toml, param.environment);
  EXPECT_NE(message.find(param.expected_key + ": "), std::string::npos) << message;
  EXPECT_NE(message.find(param.expected_reason), std::string::npos) << message;
}

INSTANTIATE_TEST_SUITE_P(
    Table, BadConfig,
    ::testing::Values(
        BadCase{"[server]\nlisten = \"localhost\"\n", {}, "server.listen", "expected HOST:PORT"},
        BadCase{"[server]\nlisten = \"h:99999\"\n", {}, "server.listen", "port 0..65535"},
        BadCase{"[server]\nlisten = \":80\"\n", {}, "server.listen", "expected HOST:PORT"},
        BadCase{
            "[server]\nlisten = 8787\n", {}, "server.listen", "expected a string, got an integer"},
        BadCase{"[server]\nthreads = 0\n", {}, "server.threads", "between 1 and 64"},
        BadCase{"[server]\nthreads = \"two\"\n", {}, "server.threads", "expected an integer"},
        BadCase{"[server]\nthreads = 2.5\n", {}, "server.threads", "got a float"},
        BadCase{"[server]\nmax_body_bytes = 10\n", {}, "server.max_body_bytes", "between 1024"},
        BadCase{"[server]\nport = 1\n", {}, "server.port", "unknown key"},
        BadCase{"[sever]\nlisten = \"a:1\"\n", {}, "sever", "unknown section"},
        BadCase{"server = 3\n", {}, "server", "expected a table"},
        BadCase{"[log]\nlevel = \"loud\"\n", {}, "log.level", "unknown level 'loud'"},
        BadCase{"[log]\nformat = \"xml\"\n", {}, "log.format", "unknown format 'xml'"},
        BadCase{"[database]\npath = \"\"\n", {}, "database.path", "must not be empty"},
        BadCase{"[polymarket]\nclob_url = \"ftp://x\"\n",
                {},
                "polymarket.clob_url",
                "expected a URL starting with https:// or http://"},
        BadCase{"[polymarket]\nws_url = \"https://x\"\n", {}, "polymarket.ws_url", "wss://"},
        BadCase{"[server\n", {}, "<text>:1:8", "not valid TOML"},
        BadCase{"[chain]\nrpc_urls = \"https://a, ftp://b\"\n",
                {},
                "chain.rpc_urls",
                "expected comma-separated http(s):// URLs, got 'ftp://b'"},
        BadCase{"[chain]\nchain_id = 0\n", {}, "chain.chain_id", "between 1"},
        BadCase{"[chain]\nconfirmations = 0\n", {}, "chain.confirmations", "between 1 and 1000"},
        BadCase{"[chain]\ncollateral = \"0x123\"\n", {}, "chain.collateral", "expected an address"},
        BadCase{"[chain]\nconditional_tokens = \"\"\n",
                {},
                "chain.conditional_tokens",
                "expected an address"},
        BadCase{"[chain]\npusd = \"\"\ncollateral_adapter = "
                "\"0xAdA100Db00Ca00073811820692005400218FcE1f\"\n",
                {},
                "chain.collateral_adapter",
                "chain.pusd must be set too"},
        BadCase{"[chain]\nauto_redeem = \"yes\"\n",
                {},
                "chain.auto_redeem",
                "expected a boolean, got a string"},
        BadCase{"",
                {{"POLYCOPY_CHAIN_AUTO_REDEEM", "1"}},
                "POLYCOPY_CHAIN_AUTO_REDEEM",
                "expected true or false, got '1'"},
        BadCase{"",
                {{"POLYCOPY_SERVER_THREADS", "2x"}},
                "POLYCOPY_SERVER_THREADS",
                "expected an integer, got '2x'"},
        BadCase{"",
                {{"POLYCOPY_SERVER_LISTEN", "nope"}},
                "POLYCOPY_SERVER_LISTEN",
                "expected HOST:PORT"},
        BadCase{"", {{"POLYCOPY_SERVER_LISTN", "a:1"}}, "POLYCOPY_SERVER_LISTN", "unknown setting"},
        BadCase{"", {{"POLYCOPY_LOG_LEVEL", ""}}, "POLYCOPY_LOG_LEVEL", "unknown level"}));

TEST(Config, ChainSettingsApplyAndShowBack) {
  const Config defaults = load_ok("");
  EXPECT_EQ(defaults.chain.chain_id, 137u);
  EXPECT_EQ(defaults.chain.collateral, "0x2791Bca1f2de4661ED88A30C99A7a9449Aa84174");
  EXPECT_TRUE(defaults.chain.auto_redeem);
  EXPECT_FALSE(load_ok("", {{"POLYCOPY_CHAIN_AUTO_REDEEM", "false"}}).chain.auto_redeem);
  const Config config = load_ok(
      "[chain]\nrpc_urls = \"http://127.0.0.1:1, https://b.example/rpc\"\nchain_id = 1337\n"
      "pusd = \"\"\nauto_redeem = false\n",
      {{"POLYCOPY_CHAIN_CONFIRMATIONS", "5"}});
  EXPECT_EQ(config.chain.rpc_urls,
            (std::vector<std::string>{"http://127.0.0.1:1", "https://b.example/rpc"}));
  EXPECT_EQ(config.chain.chain_id, 1337u);
  EXPECT_EQ(config.chain.confirmations, 5u);
  EXPECT_TRUE(config.chain.pusd.empty());
  EXPECT_FALSE(config.chain.auto_redeem);
  EXPECT_TRUE(config.chain.collateral_adapter.empty());
  const Config adapted =
      load_ok("[chain]\ncollateral_adapter = \"0xAdA100Db00Ca00073811820692005400218FcE1f\"\n");
  EXPECT_EQ(adapted.chain.collateral_adapter, "0xAdA100Db00Ca00073811820692005400218FcE1f");
  EXPECT_EQ(to_toml(load_ok(to_toml(adapted))), to_toml(adapted));
  EXPECT_EQ(to_toml(load_ok(to_toml(config))), to_toml(config));
}

TEST(Config, AlertChannelsAndRulesApplyAndSecretsAreNeverShown) {
  const Config defaults = load_ok("");
  EXPECT_TRUE(defaults.alerts.webhook_url.empty());
  EXPECT_EQ(defaults.alerts.webhook_min_severity, "warning");
  EXPECT_EQ(defaults.alerts.rejections_in_a_row, 3);
  EXPECT_EQ(defaults.alerts.per_channel_per_hour, 30);
  const Config config = load_ok(
      "[alerts]\nwebhook_url = \"https://hooks.example/path-token-123\"\n"
      "webhook_min_severity = \"critical\"\nsmtp_url = \"smtps://mail.example:465\"\n"
      "smtp_to = \"ops@example.com, oncall@example.com\"\nsmtp_password = \"pw-secret-456\"\n"
      "telegram_bot_token = \"123:tg-secret-789\"\ntelegram_chat_id = \"-1001\"\n"
      "fill_rate_floor_percent = 40\nhealth_failing_minutes = 10\n",
      {{"POLYCOPY_ALERTS_WEBHOOK_SECRET", "hmac-secret-000"}});
  EXPECT_EQ(config.alerts.webhook_url, "https://hooks.example/path-token-123");
  EXPECT_EQ(config.alerts.webhook_secret, "hmac-secret-000");
  EXPECT_EQ(config.alerts.webhook_min_severity, "critical");
  EXPECT_EQ(config.alerts.smtp_to,
            (std::vector<std::string>{"ops@example.com", "oncall@example.com"}));
  EXPECT_EQ(config.alerts.fill_rate_floor_percent, 40);
  EXPECT_EQ(config.alerts.health_failing_minutes, 10);
  const auto shown = to_toml(config);
  for (const auto* secret : {"path-token-123", "hmac-secret-000", "pw-secret-456", "tg-secret-789"})
    EXPECT_EQ(shown.find(secret), std::string::npos) << secret << " in\n" << shown;
  EXPECT_NE(shown.find("webhook_url = '<set>'"), std::string::npos) << shown;
  EXPECT_NE(shown.find("ops@example.com,oncall@example.com"), std::string::npos) << shown;
}

TEST(Config, BadAlertSettingsAreRefusedWithoutEchoingAUrl) {
  const auto bad_url = load_error("[alerts]\nslack_webhook_url = \"ftp://hooks/secret-abc\"\n");
  EXPECT_NE(bad_url.find("alerts.slack_webhook_url: expected a URL starting with https://"),
            std::string::npos)
      << bad_url;
  EXPECT_EQ(bad_url.find("secret-abc"), std::string::npos) << bad_url;
  EXPECT_NE(load_error("[alerts]\nwebhook_min_severity = \"loud\"\n")
                .find("expected info, warning or critical, got 'loud'"),
            std::string::npos);
  EXPECT_NE(load_error("[alerts]\nsmtp_to = \"ops@example.com, nobody\"\n")
                .find("expected comma-separated e-mail addresses, got 'nobody'"),
            std::string::npos);
  EXPECT_NE(load_error("", {{"POLYCOPY_ALERTS_FILL_RATE_FLOOR_PERCENT", "101"}})
                .find("between 0 and 100"),
            std::string::npos);
}

TEST(Config, ReportsEveryProblemNotJustTheFirst) {
  const std::string message =
      load_error("[server]\nthreads = 0\nlisten = \"x\"\n[log]\nlevel = \"loud\"\n");
  EXPECT_NE(message.find("server.threads"), std::string::npos);
  EXPECT_NE(message.find("server.listen"), std::string::npos);
  EXPECT_NE(message.find("log.level"), std::string::npos);
}

TEST(Config, UnrelatedEnvironmentIsIgnored) {
  const Config config = load_ok("", {{"POLYCOPY_SHARED_DIR", "/x"}, {"POLYCOPY_TOKEN_FILE", "y"}});
  EXPECT_EQ(config.database.path, "polycopy.db");
}

TEST(Config, ShownConfigurationLoadsBackIdentically) {
  const Config config = load_ok("[server]\nlisten = \"[::1]:9\"\n[log]\nformat = \"human\"\n");
  const Config again = load_ok(to_toml(config));
  EXPECT_EQ(to_toml(again), to_toml(config));
  EXPECT_EQ(again.server.host, "::1");
  EXPECT_EQ(again.log.format, core::LogFormat::human);
}

TEST(Config, MissingFileIsAConfigError) {
  auto config = load_config({std::string("/nonexistent/polycopy.toml"), {}});
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().code, "invalid_config");
  EXPECT_NE(config.error().message.find("cannot read"), std::string::npos);
}

}  // namespace
}  // namespace polycopy::app
