#pragma once
// Versioned schema migrations compiled into the binary. SQL here must run on SQLite and
// PostgreSQL alike: TEXT / BIGINT / INTEGER columns, app-generated TEXT ids, BIGINT unix
// milliseconds, INTEGER 0/1 booleans, BIGINT micro-unit money; no AUTOINCREMENT.
#include <span>
#include <string_view>

namespace polycopy::store::migrations {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

// All migrations, ordered by version (1, 2, 3, … without gaps).
std::span<const Migration> all();

Migration accounts();              // 0001
Migration market_data();           // 0002
Migration forward_testing();       // 0003
Migration live_trading();          // 0004
Migration operations();            // 0005
Migration trader_feed();           // 0006
Migration trader_stats();          // 0007
Migration evaluation_watermark();  // 0008
Migration risk_manager();          // 0009
Migration wallet_credentials();    // 0010
Migration order_hash();            // 0011
Migration lt_evaluation();         // 0012
Migration held_tokens_index();     // 0013
Migration fill_failures();         // 0014
Migration chain_transactions();    // 0015
Migration alert_delivery_audit();  // 0016

}  // namespace polycopy::store::migrations
