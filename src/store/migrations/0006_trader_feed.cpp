// The trader feed: where each followed trader's trade feed stopped, so a restart resumes
// after the newest stored trade instead of missing or repeating trades.
#include "store/migrations/migration.hpp"

namespace polycopy::store::migrations {

Migration trader_feed() {
  return {6, "trader_feed", R"sql(
CREATE TABLE trader_feed_cursors (
  trader_address  TEXT PRIMARY KEY REFERENCES traders (address) ON DELETE CASCADE,
  -- the newest trade seen: its time, then tx hash and token to break ties within one time
  traded_at       BIGINT NOT NULL,
  tx_hash         TEXT NOT NULL,
  token_id        TEXT NOT NULL,
  updated_at      BIGINT NOT NULL,
  CONSTRAINT ck_trader_feed_cursors_traded_at CHECK (traded_at >= 0),
  CONSTRAINT ck_trader_feed_cursors_tx_hash CHECK (length(tx_hash) = 66
    AND substr(tx_hash, 1, 2) = '0x' AND ltrim(substr(tx_hash, 3), '0123456789abcdef') = ''),
  CONSTRAINT ck_trader_feed_cursors_token_id
    CHECK (length(token_id) BETWEEN 1 AND 78 AND ltrim(token_id, '0123456789') = '')
);

-- the evaluator's restart query walks source trades oldest first
CREATE INDEX ix_source_trades_traded_at ON source_trades (traded_at, id);
)sql"};
}

}  // namespace polycopy::store::migrations
