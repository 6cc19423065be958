// Forward testing: paper strategies, whom and what they follow, and their paper positions.
#include "store/migrations/migration.hpp"

namespace polycopy::store::migrations {

Migration forward_testing() {
  return {3, "forward_testing", R"sql(
CREATE TABLE ft_strategies (
  id                             TEXT PRIMARY KEY,
  user_id                        TEXT NOT NULL REFERENCES users (id),
  name                           TEXT NOT NULL,
  description                    TEXT NOT NULL DEFAULT '',
  starting_cash_micros           BIGINT NOT NULL,
  max_trade_age_seconds          BIGINT NOT NULL,
  live_markets_only              INTEGER NOT NULL,
  discover_month_pnl             INTEGER NOT NULL,
  discover_month_volume          INTEGER NOT NULL,
  discover_week_pnl              INTEGER NOT NULL,
  discover_top_n                 BIGINT NOT NULL,
  min_trader_resolved_count      BIGINT NOT NULL,
  price_min_micros               BIGINT NOT NULL,
  price_max_micros               BIGINT NOT NULL,
  min_trader_win_rate_micros     BIGINT,
  max_trader_win_rate_micros     BIGINT,
  min_edge_micros                BIGINT,
  max_edge_micros                BIGINT,
  min_conviction_micros          BIGINT,
  max_conviction_micros          BIGINT,
  min_original_trade_usd_micros  BIGINT,
  max_original_trade_usd_micros  BIGINT,
  model_threshold_micros         BIGINT,
  allow_adding                   INTEGER NOT NULL,
  slippage_micros                BIGINT NOT NULL,
  sizing_mode                    TEXT NOT NULL,
  bet_size_micros                BIGINT NOT NULL,
  kelly_fraction_micros          BIGINT NOT NULL,
  min_bet_micros                 BIGINT NOT NULL,
  max_bet_micros                 BIGINT NOT NULL,
  paused                         INTEGER NOT NULL,
  created_at                     BIGINT NOT NULL,
  updated_at                     BIGINT NOT NULL,
  CONSTRAINT uq_ft_strategies_owner_name UNIQUE (user_id, name),
  -- target of composite foreign keys that keep an LT strategy with its twin's owner
  CONSTRAINT uq_ft_strategies_id_owner UNIQUE (id, user_id),
  CONSTRAINT ck_ft_strategies_name CHECK (length(name) BETWEEN 1 AND 128),
  CONSTRAINT ck_ft_strategies_flags CHECK (live_markets_only IN (0, 1)
    AND discover_month_pnl IN (0, 1) AND discover_month_volume IN (0, 1)
    AND discover_week_pnl IN (0, 1) AND allow_adding IN (0, 1) AND paused IN (0, 1)),
  CONSTRAINT ck_ft_strategies_starting_cash CHECK (starting_cash_micros >= 0),
  CONSTRAINT ck_ft_strategies_trade_age CHECK (max_trade_age_seconds > 0),
  CONSTRAINT ck_ft_strategies_discovery
    CHECK (discover_top_n > 0 AND min_trader_resolved_count >= 0),
  CONSTRAINT ck_ft_strategies_price_range CHECK (price_min_micros >= 0
    AND price_max_micros <= 1000000 AND price_min_micros <= price_max_micros),
  CONSTRAINT ck_ft_strategies_win_rate_range
    CHECK ((min_trader_win_rate_micros IS NULL OR min_trader_win_rate_micros BETWEEN 0 AND 1000000)
       AND (max_trader_win_rate_micros IS NULL OR max_trader_win_rate_micros BETWEEN 0 AND 1000000)
       AND (min_trader_win_rate_micros IS NULL OR max_trader_win_rate_micros IS NULL
            OR min_trader_win_rate_micros <= max_trader_win_rate_micros)),
  CONSTRAINT ck_ft_strategies_edge_range CHECK (min_edge_micros IS NULL
    OR max_edge_micros IS NULL OR min_edge_micros <= max_edge_micros),
  CONSTRAINT ck_ft_strategies_conviction_range
    CHECK ((min_conviction_micros IS NULL OR min_conviction_micros >= 0)
       AND (min_conviction_micros IS NULL OR max_conviction_micros IS NULL
            OR min_conviction_micros <= max_conviction_micros)),
  CONSTRAINT ck_ft_strategies_original_usd_range
    CHECK ((min_original_trade_usd_micros IS NULL OR min_original_trade_usd_micros >= 0)
       AND (min_original_trade_usd_micros IS NULL OR max_original_trade_usd_micros IS NULL
            OR min_original_trade_usd_micros <= max_original_trade_usd_micros)),
  CONSTRAINT ck_ft_strategies_model_threshold
    CHECK (model_threshold_micros IS NULL OR model_threshold_micros BETWEEN 0 AND 1000000),
  CONSTRAINT ck_ft_strategies_slippage CHECK (slippage_micros BETWEEN 0 AND 1000000),
  CONSTRAINT ck_ft_strategies_sizing_mode CHECK (sizing_mode IN
    ('fixed', 'kelly', 'edge_scaled', 'tiered', 'conviction', 'confidence')),
  CONSTRAINT ck_ft_strategies_bets CHECK (bet_size_micros > 0 AND kelly_fraction_micros >= 0
    AND min_bet_micros >= 0 AND min_bet_micros <= max_bet_micros),
  CONSTRAINT ck_ft_strategies_timestamps CHECK (updated_at >= created_at)
);

CREATE TABLE ft_strategy_traders (
  ft_strategy_id  TEXT NOT NULL REFERENCES ft_strategies (id) ON DELETE CASCADE,
  trader_address  TEXT NOT NULL REFERENCES traders (address),
  list_index      INTEGER NOT NULL,
  PRIMARY KEY (ft_strategy_id, trader_address),
  CONSTRAINT ck_ft_strategy_traders_list_index CHECK (list_index >= 0)
);
-- "which strategies follow this trader?" on every source trade
CREATE INDEX ix_ft_strategy_traders_trader ON ft_strategy_traders (trader_address);

CREATE TABLE ft_strategy_categories (
  ft_strategy_id  TEXT NOT NULL REFERENCES ft_strategies (id) ON DELETE CASCADE,
  category        TEXT NOT NULL,
  list_index      INTEGER NOT NULL,
  PRIMARY KEY (ft_strategy_id, category),
  CONSTRAINT ck_ft_strategy_categories_category CHECK (length(category) BETWEEN 1 AND 64),
  CONSTRAINT ck_ft_strategy_categories_list_index CHECK (list_index >= 0)
);

CREATE TABLE paper_positions (
  id                   TEXT PRIMARY KEY,
  ft_strategy_id       TEXT NOT NULL REFERENCES ft_strategies (id),
  source_trade_id      TEXT NOT NULL REFERENCES source_trades (id),
  condition_id         TEXT NOT NULL REFERENCES markets (condition_id),
  token_id             TEXT NOT NULL REFERENCES outcome_tokens (token_id),
  outcome_index        INTEGER NOT NULL,
  entry_price_micros   BIGINT NOT NULL,
  shares_micros        BIGINT NOT NULL,
  cost_usd_micros      BIGINT NOT NULL,
  status               TEXT NOT NULL,
  payout_usd_micros    BIGINT,
  pnl_usd_micros       BIGINT,
  opened_at            BIGINT NOT NULL,
  resolved_at          BIGINT,
  CONSTRAINT uq_paper_positions_strategy_trade UNIQUE (ft_strategy_id, source_trade_id),
  CONSTRAINT ck_paper_positions_outcome_index CHECK (outcome_index IN (0, 1)),
  CONSTRAINT ck_paper_positions_entry_price
    CHECK (entry_price_micros > 0 AND entry_price_micros < 1000000),
  CONSTRAINT ck_paper_positions_amounts CHECK (shares_micros > 0 AND cost_usd_micros > 0),
  CONSTRAINT ck_paper_positions_payout CHECK (payout_usd_micros IS NULL OR payout_usd_micros >= 0),
  CONSTRAINT ck_paper_positions_status CHECK (
       (status = 'open' AND resolved_at IS NULL AND pnl_usd_micros IS NULL)
    OR (status = 'resolved' AND resolved_at IS NOT NULL AND payout_usd_micros IS NOT NULL
        AND pnl_usd_micros IS NOT NULL))
);
CREATE INDEX ix_paper_positions_strategy_status ON paper_positions (ft_strategy_id, status);
CREATE INDEX ix_paper_positions_condition ON paper_positions (condition_id, status);
)sql"};
}

}  // namespace polycopy::store::migrations
