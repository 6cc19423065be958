// What the venue tells us: traders and their statistics, markets and their outcome tokens,
// source trades (the fills we copy) and market resolutions.
#include "store/migrations/migration.hpp"

namespace polycopy::store::migrations {

Migration market_data() {
  return {2, "market_data", R"sql(
CREATE TABLE traders (
  address        TEXT PRIMARY KEY,
  display_name   TEXT,
  first_seen_at  BIGINT NOT NULL,
  updated_at     BIGINT NOT NULL,
  -- a proxy wallet: lower-case 0x + 40 hex
  CONSTRAINT ck_traders_address CHECK (length(address) = 42 AND substr(address, 1, 2) = '0x'
    AND ltrim(substr(address, 3), '0123456789abcdef') = '')
);

CREATE TABLE trader_stats (
  trader_address           TEXT PRIMARY KEY REFERENCES traders (address) ON DELETE CASCADE,
  resolved_count           BIGINT NOT NULL,
  win_count                BIGINT NOT NULL,
  win_rate_micros          BIGINT,
  resolved_count_30d       BIGINT NOT NULL DEFAULT 0,
  win_rate_30d_micros      BIGINT,
  avg_trade_usd_micros     BIGINT,
  realised_pnl_usd_micros  BIGINT NOT NULL DEFAULT 0,
  refreshed_at             BIGINT NOT NULL,
  CONSTRAINT ck_trader_stats_counts CHECK (resolved_count >= 0 AND win_count >= 0
    AND win_count <= resolved_count AND resolved_count_30d >= 0),
  CONSTRAINT ck_trader_stats_win_rate
    CHECK (win_rate_micros IS NULL OR win_rate_micros BETWEEN 0 AND 1000000),
  CONSTRAINT ck_trader_stats_win_rate_30d
    CHECK (win_rate_30d_micros IS NULL OR win_rate_30d_micros BETWEEN 0 AND 1000000),
  CONSTRAINT ck_trader_stats_avg_trade
    CHECK (avg_trade_usd_micros IS NULL OR avg_trade_usd_micros >= 0)
);

CREATE TABLE markets (
  condition_id            TEXT PRIMARY KEY,
  question                TEXT NOT NULL,
  slug                    TEXT,
  category                TEXT,
  end_at                  BIGINT,
  is_live                 INTEGER NOT NULL DEFAULT 0,
  closed                  INTEGER NOT NULL DEFAULT 0,
  neg_risk                INTEGER NOT NULL DEFAULT 0,
  tick_size_micros        BIGINT NOT NULL DEFAULT 10000,
  min_order_size_micros   BIGINT NOT NULL DEFAULT 0,
  updated_at              BIGINT NOT NULL,
  CONSTRAINT ck_markets_condition_id CHECK (length(condition_id) = 66
    AND substr(condition_id, 1, 2) = '0x'
    AND ltrim(substr(condition_id, 3), '0123456789abcdef') = ''),
  CONSTRAINT ck_markets_flags CHECK (is_live IN (0, 1) AND closed IN (0, 1) AND neg_risk IN (0, 1)),
  CONSTRAINT ck_markets_tick_size CHECK (tick_size_micros > 0 AND tick_size_micros < 1000000),
  CONSTRAINT ck_markets_min_order_size CHECK (min_order_size_micros >= 0)
);
CREATE INDEX ix_markets_open ON markets (closed, end_at);

CREATE TABLE outcome_tokens (
  token_id       TEXT PRIMARY KEY,
  condition_id   TEXT NOT NULL REFERENCES markets (condition_id),
  outcome_index  INTEGER NOT NULL,
  outcome        TEXT NOT NULL,
  CONSTRAINT uq_outcome_tokens_market_index UNIQUE (condition_id, outcome_index),
  -- a uint256 in decimal: never a condition id
  CONSTRAINT ck_outcome_tokens_token_id
    CHECK (length(token_id) BETWEEN 1 AND 78 AND ltrim(token_id, '0123456789') = ''),
  CONSTRAINT ck_outcome_tokens_index CHECK (outcome_index IN (0, 1))
);

CREATE TABLE source_trades (
  id                TEXT PRIMARY KEY,
  trader_address    TEXT NOT NULL REFERENCES traders (address),
  tx_hash           TEXT NOT NULL,
  -- the market may be unknown when the trade arrives (rejected as market_not_found), so
  -- condition and token are checked for shape, not referenced
  condition_id      TEXT NOT NULL,
  token_id          TEXT NOT NULL,
  outcome           TEXT,
  outcome_index     INTEGER,
  side              TEXT NOT NULL,
  price_micros      BIGINT NOT NULL,
  size_micros       BIGINT NOT NULL,
  usd_micros        BIGINT NOT NULL,
  traded_at         BIGINT NOT NULL,
  received_at       BIGINT NOT NULL,
  CONSTRAINT uq_source_trades_trader_tx_asset UNIQUE (trader_address, tx_hash, token_id),
  CONSTRAINT ck_source_trades_tx_hash CHECK (length(tx_hash) = 66 AND substr(tx_hash, 1, 2) = '0x'
    AND ltrim(substr(tx_hash, 3), '0123456789abcdef') = ''),
  CONSTRAINT ck_source_trades_condition_id CHECK (length(condition_id) = 66
    AND substr(condition_id, 1, 2) = '0x'
    AND ltrim(substr(condition_id, 3), '0123456789abcdef') = ''),
  CONSTRAINT ck_source_trades_token_id
    CHECK (length(token_id) BETWEEN 1 AND 78 AND ltrim(token_id, '0123456789') = ''),
  CONSTRAINT ck_source_trades_outcome_index CHECK (outcome_index IS NULL OR outcome_index IN (0, 1)),
  CONSTRAINT ck_source_trades_side CHECK (side IN ('BUY', 'SELL')),
  CONSTRAINT ck_source_trades_price CHECK (price_micros BETWEEN 0 AND 1000000),
  CONSTRAINT ck_source_trades_size CHECK (size_micros > 0),
  CONSTRAINT ck_source_trades_usd CHECK (usd_micros >= 0)
);
CREATE INDEX ix_source_trades_trader_time ON source_trades (trader_address, traded_at);
CREATE INDEX ix_source_trades_condition ON source_trades (condition_id);
CREATE INDEX ix_source_trades_received ON source_trades (received_at);

CREATE TABLE resolutions (
  condition_id          TEXT PRIMARY KEY REFERENCES markets (condition_id),
  -- NULL when both outcomes pay (a 50/50 resolution)
  winning_outcome_index INTEGER,
  payout_numerator_0    BIGINT NOT NULL,
  payout_numerator_1    BIGINT NOT NULL,
  payout_denominator    BIGINT NOT NULL,
  resolved_at           BIGINT NOT NULL,
  recorded_at           BIGINT NOT NULL,
  CONSTRAINT ck_resolutions_winner
    CHECK (winning_outcome_index IS NULL OR winning_outcome_index IN (0, 1)),
  CONSTRAINT ck_resolutions_payouts CHECK (payout_numerator_0 >= 0 AND payout_numerator_1 >= 0
    AND payout_denominator > 0
    AND payout_numerator_0 + payout_numerator_1 = payout_denominator),
  CONSTRAINT ck_resolutions_winner_matches CHECK (winning_outcome_index IS NULL
    OR (winning_outcome_index = 0 AND payout_numerator_1 = 0)
    OR (winning_outcome_index = 1 AND payout_numerator_0 = 0))
);
)sql"};
}

}  // namespace polycopy::store::migrations
