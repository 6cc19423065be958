// Live trading: LT strategies with risk rules and state, evaluation outcomes (FT and LT),
// budget reservations, orders, fills, execution quality, live positions and redemptions.
#include "store/migrations/migration.hpp"

namespace polycopy::store::migrations {

Migration live_trading() {
  return {4, "live_trading", R"sql(
CREATE TABLE lt_strategies (
  id                     TEXT PRIMARY KEY,
  user_id                TEXT NOT NULL REFERENCES users (id),
  ft_strategy_id         TEXT NOT NULL,
  wallet_id              TEXT,
  name                   TEXT NOT NULL,
  order_type             TEXT NOT NULL,
  order_expiry_seconds   BIGINT NOT NULL,
  time_zone              TEXT NOT NULL,
  starting_equity_micros BIGINT NOT NULL,
  paused                 INTEGER NOT NULL,
  pause_reason           TEXT,
  created_at             BIGINT NOT NULL,
  updated_at             BIGINT NOT NULL,
  -- the twin and the wallet belong to the same user as the strategy
  CONSTRAINT fk_lt_strategies_ft FOREIGN KEY (ft_strategy_id, user_id)
    REFERENCES ft_strategies (id, user_id),
  CONSTRAINT fk_lt_strategies_wallet FOREIGN KEY (wallet_id, user_id)
    REFERENCES wallets (id, user_id),
  CONSTRAINT uq_lt_strategies_owner_name UNIQUE (user_id, name),
  CONSTRAINT ck_lt_strategies_name CHECK (length(name) BETWEEN 1 AND 128),
  CONSTRAINT ck_lt_strategies_order_type CHECK (order_type IN ('GTC', 'FOK', 'FAK')),
  CONSTRAINT ck_lt_strategies_expiry CHECK (order_expiry_seconds > 0),
  CONSTRAINT ck_lt_strategies_time_zone CHECK (length(time_zone) > 0),
  CONSTRAINT ck_lt_strategies_starting_equity CHECK (starting_equity_micros >= 0),
  CONSTRAINT ck_lt_strategies_paused CHECK (paused IN (0, 1)),
  CONSTRAINT ck_lt_strategies_timestamps CHECK (updated_at >= created_at)
);
CREATE INDEX ix_lt_strategies_user ON lt_strategies (user_id);
CREATE INDEX ix_lt_strategies_ft ON lt_strategies (ft_strategy_id);

CREATE TABLE risk_rules (
  lt_strategy_id                TEXT PRIMARY KEY REFERENCES lt_strategies (id) ON DELETE CASCADE,
  daily_budget_usd_micros       BIGINT,
  weekly_budget_usd_micros      BIGINT,
  monthly_budget_usd_micros     BIGINT,
  max_position_usd_micros       BIGINT,
  max_total_exposure_usd_micros BIGINT,
  max_open_positions            BIGINT,
  max_positions_per_market      BIGINT,
  max_drawdown_micros           BIGINT,
  consecutive_loss_limit        BIGINT,
  max_slippage_micros           BIGINT,
  min_order_book_depth_usd_micros BIGINT,
  CONSTRAINT ck_risk_rules_non_negative CHECK (
        (daily_budget_usd_micros IS NULL OR daily_budget_usd_micros >= 0)
    AND (weekly_budget_usd_micros IS NULL OR weekly_budget_usd_micros >= 0)
    AND (monthly_budget_usd_micros IS NULL OR monthly_budget_usd_micros >= 0)
    AND (max_position_usd_micros IS NULL OR max_position_usd_micros >= 0)
    AND (max_total_exposure_usd_micros IS NULL OR max_total_exposure_usd_micros >= 0)
    AND (max_open_positions IS NULL OR max_open_positions >= 0)
    AND (max_positions_per_market IS NULL OR max_positions_per_market >= 0)
    AND (consecutive_loss_limit IS NULL OR consecutive_loss_limit >= 0)
    AND (min_order_book_depth_usd_micros IS NULL OR min_order_book_depth_usd_micros >= 0)),
  CONSTRAINT ck_risk_rules_fractions CHECK (
        (max_drawdown_micros IS NULL OR max_drawdown_micros BETWEEN 0 AND 1000000)
    AND (max_slippage_micros IS NULL OR max_slippage_micros BETWEEN 0 AND 1000000)),
  CONSTRAINT ck_risk_rules_budget_order CHECK (
        (daily_budget_usd_micros IS NULL OR weekly_budget_usd_micros IS NULL
         OR daily_budget_usd_micros <= weekly_budget_usd_micros)
    AND (weekly_budget_usd_micros IS NULL OR monthly_budget_usd_micros IS NULL
         OR weekly_budget_usd_micros <= monthly_budget_usd_micros)
    AND (daily_budget_usd_micros IS NULL OR monthly_budget_usd_micros IS NULL
         OR daily_budget_usd_micros <= monthly_budget_usd_micros))
);

CREATE TABLE risk_state (
  lt_strategy_id           TEXT PRIMARY KEY REFERENCES lt_strategies (id) ON DELETE CASCADE,
  day_window_start         BIGINT NOT NULL,
  day_spent_usd_micros     BIGINT NOT NULL,
  week_window_start        BIGINT NOT NULL,
  week_spent_usd_micros    BIGINT NOT NULL,
  month_window_start       BIGINT NOT NULL,
  month_spent_usd_micros   BIGINT NOT NULL,
  reserved_usd_micros      BIGINT NOT NULL,
  exposure_usd_micros      BIGINT NOT NULL,
  open_positions           BIGINT NOT NULL,
  realised_pnl_usd_micros  BIGINT NOT NULL,
  equity_usd_micros        BIGINT NOT NULL,
  peak_equity_usd_micros   BIGINT NOT NULL,
  consecutive_losses       BIGINT NOT NULL,
  breaker_state            TEXT NOT NULL,
  breaker_reason           TEXT,
  breaker_tripped_at       BIGINT,
  updated_at               BIGINT NOT NULL,
  CONSTRAINT ck_risk_state_amounts CHECK (day_spent_usd_micros >= 0
    AND week_spent_usd_micros >= 0 AND month_spent_usd_micros >= 0 AND reserved_usd_micros >= 0
    AND exposure_usd_micros >= 0 AND open_positions >= 0 AND consecutive_losses >= 0),
  CONSTRAINT ck_risk_state_peak CHECK (peak_equity_usd_micros >= equity_usd_micros),
  CONSTRAINT ck_risk_state_breaker CHECK (
       (breaker_state = 'closed' AND breaker_tripped_at IS NULL)
    OR (breaker_state = 'open' AND breaker_reason IS NOT NULL AND breaker_tripped_at IS NOT NULL))
);

-- The evaluation outcome of one source trade for one strategy (FT or LT): accepted, or the
-- reason code of the first failed check. Each trade is evaluated at most once per strategy.
CREATE TABLE strategy_signals (
  id                  TEXT PRIMARY KEY,
  ft_strategy_id      TEXT REFERENCES ft_strategies (id) ON DELETE CASCADE,
  lt_strategy_id      TEXT REFERENCES lt_strategies (id) ON DELETE CASCADE,
  source_trade_id     TEXT NOT NULL REFERENCES source_trades (id),
  accepted            INTEGER NOT NULL,
  reason_code         TEXT,
  detail              TEXT,
  entry_price_micros  BIGINT,
  bet_usd_micros      BIGINT,
  edge_micros         BIGINT,
  conviction_micros   BIGINT,
  evaluated_at        BIGINT NOT NULL,
  CONSTRAINT uq_strategy_signals_ft_trade UNIQUE (ft_strategy_id, source_trade_id),
  CONSTRAINT uq_strategy_signals_lt_trade UNIQUE (lt_strategy_id, source_trade_id),
  CONSTRAINT ck_strategy_signals_one_strategy CHECK (
       (ft_strategy_id IS NOT NULL AND lt_strategy_id IS NULL)
    OR (ft_strategy_id IS NULL AND lt_strategy_id IS NOT NULL)),
  CONSTRAINT ck_strategy_signals_outcome CHECK (
       (accepted = 1 AND reason_code IS NULL)
    OR (accepted = 0 AND reason_code IS NOT NULL AND length(reason_code) > 0)),
  CONSTRAINT ck_strategy_signals_entry_price CHECK (entry_price_micros IS NULL
    OR (entry_price_micros > 0 AND entry_price_micros < 1000000)),
  CONSTRAINT ck_strategy_signals_bet CHECK (bet_usd_micros IS NULL OR bet_usd_micros >= 0)
);
CREATE INDEX ix_strategy_signals_trade ON strategy_signals (source_trade_id);

CREATE TABLE orders (
  id                   TEXT PRIMARY KEY,
  lt_strategy_id       TEXT NOT NULL REFERENCES lt_strategies (id),
  source_trade_id      TEXT REFERENCES source_trades (id),
  idempotency_key      TEXT NOT NULL,
  venue_order_id       TEXT,
  state                TEXT NOT NULL,
  side                 TEXT NOT NULL,
  token_id             TEXT NOT NULL REFERENCES outcome_tokens (token_id),
  limit_price_micros   BIGINT NOT NULL,
  size_micros          BIGINT NOT NULL,
  filled_size_micros   BIGINT NOT NULL DEFAULT 0,
  order_type           TEXT NOT NULL,
  signal_price_micros  BIGINT,
  salt                 TEXT,
  signature            TEXT,
  venue_message        TEXT,
  expires_at           BIGINT,
  created_at           BIGINT NOT NULL,
  submitted_at         BIGINT,
  updated_at           BIGINT NOT NULL,
  CONSTRAINT uq_orders_idempotency_key UNIQUE (idempotency_key),
  -- NULLs are distinct in both SQLite and PostgreSQL: many intents may lack a venue id
  CONSTRAINT uq_orders_venue_order_id UNIQUE (venue_order_id),
  CONSTRAINT ck_orders_state CHECK (state IN ('intent', 'submitted', 'partially_filled',
    'filled', 'cancelled', 'expired', 'rejected')),
  CONSTRAINT ck_orders_side CHECK (side IN ('BUY', 'SELL')),
  CONSTRAINT ck_orders_limit_price CHECK (limit_price_micros > 0 AND limit_price_micros < 1000000),
  CONSTRAINT ck_orders_size CHECK (size_micros > 0),
  CONSTRAINT ck_orders_filled_size
    CHECK (filled_size_micros >= 0 AND filled_size_micros <= size_micros),
  CONSTRAINT ck_orders_order_type CHECK (order_type IN ('GTC', 'FOK', 'FAK')),
  CONSTRAINT ck_orders_signal_price CHECK (signal_price_micros IS NULL
    OR signal_price_micros BETWEEN 0 AND 1000000),
  -- an intent that never reached the venue may still end cancelled, expired or rejected
  CONSTRAINT ck_orders_venue_id_known
    CHECK (state NOT IN ('submitted', 'partially_filled', 'filled') OR venue_order_id IS NOT NULL),
  CONSTRAINT ck_orders_key CHECK (length(idempotency_key) > 0)
);
CREATE INDEX ix_orders_strategy_state ON orders (lt_strategy_id, state);
CREATE INDEX ix_orders_state ON orders (state, updated_at);

CREATE TABLE fills (
  id               TEXT PRIMARY KEY,
  order_id         TEXT NOT NULL REFERENCES orders (id),
  venue_trade_id   TEXT NOT NULL,
  price_micros     BIGINT NOT NULL,
  size_micros      BIGINT NOT NULL,
  fee_usd_micros   BIGINT NOT NULL DEFAULT 0,
  filled_at        BIGINT NOT NULL,
  recorded_at      BIGINT NOT NULL,
  CONSTRAINT uq_fills_venue_trade_id UNIQUE (venue_trade_id),
  CONSTRAINT ck_fills_price CHECK (price_micros > 0 AND price_micros <= 1000000),
  CONSTRAINT ck_fills_size CHECK (size_micros > 0),
  CONSTRAINT ck_fills_fee CHECK (fee_usd_micros >= 0)
);
CREATE INDEX ix_fills_order ON fills (order_id);

CREATE TABLE execution_quality (
  order_id                TEXT PRIMARY KEY REFERENCES orders (id),
  signal_price_micros     BIGINT NOT NULL,
  avg_fill_price_micros   BIGINT,
  filled_size_micros      BIGINT NOT NULL,
  fill_rate_micros        BIGINT NOT NULL,
  -- signed: average fill price minus signal price
  slippage_micros         BIGINT,
  signal_at               BIGINT NOT NULL,
  first_fill_at           BIGINT,
  updated_at              BIGINT NOT NULL,
  CONSTRAINT ck_execution_quality_prices CHECK (signal_price_micros BETWEEN 0 AND 1000000
    AND (avg_fill_price_micros IS NULL OR avg_fill_price_micros BETWEEN 0 AND 1000000)),
  CONSTRAINT ck_execution_quality_fill CHECK (filled_size_micros >= 0
    AND fill_rate_micros BETWEEN 0 AND 1000000),
  CONSTRAINT ck_execution_quality_first_fill
    CHECK (first_fill_at IS NULL OR first_fill_at >= signal_at)
);

CREATE TABLE budget_reservations (
  id                  TEXT PRIMARY KEY,
  lt_strategy_id      TEXT NOT NULL REFERENCES lt_strategies (id),
  order_id            TEXT REFERENCES orders (id),
  state               TEXT NOT NULL,
  amount_usd_micros   BIGINT NOT NULL,
  settled_usd_micros  BIGINT NOT NULL DEFAULT 0,
  day_window_start    BIGINT NOT NULL,
  week_window_start   BIGINT NOT NULL,
  month_window_start  BIGINT NOT NULL,
  created_at          BIGINT NOT NULL,
  updated_at          BIGINT NOT NULL,
  CONSTRAINT uq_budget_reservations_order UNIQUE (order_id),
  CONSTRAINT ck_budget_reservations_state CHECK (state IN ('reserved', 'settled', 'released')),
  CONSTRAINT ck_budget_reservations_amount CHECK (amount_usd_micros > 0),
  CONSTRAINT ck_budget_reservations_settled
    CHECK (settled_usd_micros >= 0 AND settled_usd_micros <= amount_usd_micros)
);
CREATE INDEX ix_budget_reservations_strategy_state ON budget_reservations (lt_strategy_id, state);

CREATE TABLE lt_positions (
  id                     TEXT PRIMARY KEY,
  lt_strategy_id         TEXT NOT NULL REFERENCES lt_strategies (id),
  order_id               TEXT NOT NULL REFERENCES orders (id),
  condition_id           TEXT NOT NULL REFERENCES markets (condition_id),
  token_id               TEXT NOT NULL REFERENCES outcome_tokens (token_id),
  outcome_index          INTEGER NOT NULL,
  shares_micros          BIGINT NOT NULL,
  cost_usd_micros        BIGINT NOT NULL,
  fees_usd_micros        BIGINT NOT NULL DEFAULT 0,
  status                 TEXT NOT NULL,
  payout_usd_micros      BIGINT,
  pnl_usd_micros         BIGINT,
  -- the paper twin's result for the same source trade, for live vs paper comparison
  ft_position_id         TEXT REFERENCES paper_positions (id),
  ft_cost_usd_micros     BIGINT,
  ft_pnl_usd_micros      BIGINT,
  opened_at              BIGINT NOT NULL,
  resolved_at            BIGINT,
  CONSTRAINT uq_lt_positions_order UNIQUE (order_id),
  CONSTRAINT ck_lt_positions_outcome_index CHECK (outcome_index IN (0, 1)),
  CONSTRAINT ck_lt_positions_amounts CHECK (shares_micros >= 0 AND cost_usd_micros >= 0
    AND fees_usd_micros >= 0 AND (payout_usd_micros IS NULL OR payout_usd_micros >= 0)
    AND (ft_cost_usd_micros IS NULL OR ft_cost_usd_micros >= 0)),
  CONSTRAINT ck_lt_positions_status CHECK (
       (status = 'open' AND resolved_at IS NULL AND pnl_usd_micros IS NULL)
    OR (status IN ('resolved', 'closed') AND resolved_at IS NOT NULL
        AND payout_usd_micros IS NOT NULL AND pnl_usd_micros IS NOT NULL))
);
CREATE INDEX ix_lt_positions_strategy_status ON lt_positions (lt_strategy_id, status);
CREATE INDEX ix_lt_positions_condition ON lt_positions (condition_id, status);

CREATE TABLE redemptions (
  id                  TEXT PRIMARY KEY,
  lt_position_id      TEXT NOT NULL REFERENCES lt_positions (id),
  wallet_id           TEXT REFERENCES wallets (id),
  condition_id        TEXT NOT NULL REFERENCES markets (condition_id),
  state               TEXT NOT NULL,
  expected_usd_micros BIGINT NOT NULL,
  tx_hash             TEXT,
  attempts            BIGINT NOT NULL DEFAULT 0,
  next_attempt_at     BIGINT,
  last_error          TEXT,
  created_at          BIGINT NOT NULL,
  updated_at          BIGINT NOT NULL,
  -- never redeemed twice for the same position
  CONSTRAINT uq_redemptions_position UNIQUE (lt_position_id),
  CONSTRAINT ck_redemptions_state
    CHECK (state IN ('pending', 'submitted', 'confirmed', 'failed', 'closed')),
  CONSTRAINT ck_redemptions_tx_hash CHECK (tx_hash IS NULL OR (length(tx_hash) = 66
    AND substr(tx_hash, 1, 2) = '0x' AND ltrim(substr(tx_hash, 3), '0123456789abcdef') = '')),
  CONSTRAINT ck_redemptions_tx_known
    CHECK (state NOT IN ('submitted', 'confirmed') OR tx_hash IS NOT NULL),
  CONSTRAINT ck_redemptions_amounts CHECK (expected_usd_micros >= 0 AND attempts >= 0)
);
CREATE INDEX ix_redemptions_due ON redemptions (state, next_attempt_at);
-- one redeemPositions call may settle several positions of a market: tx hashes repeat
CREATE INDEX ix_redemptions_tx_hash ON redemptions (tx_hash);
)sql"};
}

}  // namespace polycopy::store::migrations
