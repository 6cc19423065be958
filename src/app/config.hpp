#pragma once
// Configuration: built-in defaults, then a TOML file, then POLYCOPY_<SECTION>_<KEY>
// environment variables, then command-line flags. Every bad value is reported with its key
// and the reason; callers exit 2 before touching the database.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/log.hpp"

namespace polycopy::app {

struct Config {
  struct Database {
    std::string path = "polycopy.db";  // SQLite file (a PostgreSQL URL in a later version)
  } database;
  struct Server {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8787;
    int threads = 2;
    std::int64_t max_body_bytes = 1 << 20;
    // Bearer token GET /metrics requires; empty: /metrics is open (listen on loopback then).
    // A secret: never printed by to_toml.
    std::string metrics_token;
  } server;
  core::LogOptions log;
  struct Polymarket {
    std::string clob_url = "https://clob.polymarket.com";
    std::string gamma_url = "https://gamma-api.polymarket.com";
    std::string data_url = "https://data-api.polymarket.com";
    std::string ws_url = "wss://ws-subscriptions-clob.polymarket.com/ws";
  } polymarket;
  // The Polygon node(s) and contracts of on-chain redemption (protocol doc 10.1). Collateral
  // addresses are those positions were created with: USDC.e for binary markets (also after
  // the move to pUSD), the wrapped collateral for neg-risk ones.
  struct Chain {
    std::vector<std::string> rpc_urls = {"https://polygon-rpc.com"};  // failover in order
    std::uint64_t chain_id = 137;
    std::uint64_t confirmations = 3;
    std::string conditional_tokens = "0x4D97DCd97eC945f40cF65F87097ACe5EA0476045";
    std::string neg_risk_adapter = "0xd91E80cF2E7be2e162c6513ceD06f1dD0dA35296";
    std::string collateral = "0x2791Bca1f2de4661ED88A30C99A7a9449Aa84174";           // USDC.e
    std::string neg_risk_collateral = "0x3A3BD7bb9528E159577F7C2e685CC81A765002E2";  // wcol
    std::string pusd = "0xC011a7E12a19f7B1f670d46F03B03f3342E82DFB";  // "" to leave out
    // The V2 collateral adapter that redeems binary positions and pays pUSD (the protocol doc
    // reports 0xAdA100Db00Ca00073811820692005400218FcE1f, unverified): "" redeems on the CTF,
    // paid in USDC.e.
    std::string collateral_adapter;
    // The engine's lt-redemptions job redeems winners through the nodes; false leaves them
    // pending for `polycopy redeem`.
    bool auto_redeem = true;
  } chain;
  // Alert rules and the channels alerts go to (docs/operations.md). A channel is on when its
  // URL (or bot token) is set. Secrets here are never printed by to_toml; prefer the
  // environment for them (POLYCOPY_ALERTS_WEBHOOK_SECRET, …).
  struct Alerts {
    std::string webhook_url, webhook_secret, webhook_min_severity = "warning";
    std::string slack_webhook_url, slack_min_severity = "warning";
    std::string telegram_bot_token, telegram_chat_id, telegram_min_severity = "warning";
    std::string telegram_api_url = "https://api.telegram.org";
    std::string smtp_url, smtp_from, smtp_username, smtp_password;
    std::vector<std::string> smtp_to;
    bool smtp_starttls = false;
    std::string email_min_severity = "warning";
    std::int64_t per_channel_per_hour = 30;
    std::int64_t rejections_in_a_row = 3;
    std::int64_t fill_rate_floor_percent = 50;
    std::int64_t fill_rate_orders = 20;
    std::int64_t fill_rate_min_orders = 10;
    std::int64_t health_failing_minutes = 5;
  } alerts;
  struct Secrets {
    // A file holding the 64-hex-digit key that seals wallet secrets in the database (the
    // POLYCOPY_WALLET_KEY environment variable, when set, is used instead).
    std::string wallet_key_file;
    // A file holding the shared secret external schedulers send to /api/cron/* (the
    // POLYCOPY_CRON_SECRET environment variable, when set, is used instead). Unset: off.
    std::string cron_secret_file;
  } secrets;
};

// One problem with one key: "server.listen: expected HOST:PORT, got 'x'".
struct ConfigProblem {
  std::string key;     // "server.listen" (file) or "POLYCOPY_SERVER_LISTEN" (environment)
  std::string reason;  // why it was refused
};

using Environment = std::map<std::string, std::string>;
Environment current_environment();

struct ConfigSources {
  std::optional<std::string> file;  // --config FILE
  Environment environment;
};

// All problems are collected (not just the first). Error code "invalid_config"; the message
// lists every problem, one per line.
core::Result<Config> load_config(const ConfigSources& sources);
// The same checks on an in-memory TOML document (for tests and `polycopy config check`).
core::Result<Config> load_config_text(const std::string& toml_text, const Environment& environment,
                                      const std::string& origin = "<text>");

// Parses "HOST:PORT" (IPv6 as "[::1]:8787"); false with a reason when malformed.
bool parse_listen_address(const std::string& text, std::string& host, std::uint16_t& port,
                          std::string& reason);

// The effective configuration as TOML (for `polycopy config show`).
std::string to_toml(const Config& config);

}  // namespace polycopy::app
