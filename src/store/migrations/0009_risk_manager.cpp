// Risk manager: a reservation now carries everything the checks count (market, token, limit
// price and size, filled cost, the position it became and its result), each window keeps
// its outstanding reservations beside its spend, and fills applied to reservations are keyed
// so each counts once. Nothing wrote budget_reservations before this version: it is rebuilt.
#include "store/migrations/migration.hpp"

namespace polycopy::store::migrations {

Migration risk_manager() {
  return {9, "risk_manager", R"sql(
DROP TABLE budget_reservations;
CREATE TABLE budget_reservations (
  id                  TEXT PRIMARY KEY,
  lt_strategy_id      TEXT NOT NULL REFERENCES lt_strategies (id) ON DELETE CASCADE,
  order_id            TEXT REFERENCES orders (id),
  condition_id        TEXT NOT NULL,
  token_id            TEXT NOT NULL,
  limit_price_micros  BIGINT NOT NULL,
  size_micros         BIGINT NOT NULL,
  state               TEXT NOT NULL,
  amount_usd_micros   BIGINT NOT NULL,
  settled_usd_micros  BIGINT NOT NULL DEFAULT 0,
  overspend_usd_micros BIGINT NOT NULL DEFAULT 0,
  filled_size_micros  BIGINT NOT NULL DEFAULT 0,
  day_window_start    BIGINT NOT NULL,
  week_window_start   BIGINT NOT NULL,
  month_window_start  BIGINT NOT NULL,
  position_open       INTEGER NOT NULL DEFAULT 0,
  payout_usd_micros   BIGINT,
  fees_usd_micros     BIGINT,
  pnl_usd_micros      BIGINT,
  created_at          BIGINT NOT NULL,
  updated_at          BIGINT NOT NULL,
  resolved_at         BIGINT,
  CONSTRAINT uq_budget_reservations_order UNIQUE (order_id),
  CONSTRAINT ck_budget_reservations_state CHECK (state IN ('reserved', 'settled', 'released')),
  CONSTRAINT ck_budget_reservations_amount CHECK (amount_usd_micros > 0),
  CONSTRAINT ck_budget_reservations_settled
    CHECK (settled_usd_micros >= 0 AND settled_usd_micros <= amount_usd_micros
      AND overspend_usd_micros >= 0 AND filled_size_micros >= 0),
  CONSTRAINT ck_budget_reservations_order_shape CHECK (limit_price_micros > 0
    AND limit_price_micros < 1000000 AND size_micros > 0),
  -- a released reservation filled nothing; a position exists only once something filled
  CONSTRAINT ck_budget_reservations_released CHECK (state <> 'released'
    OR (settled_usd_micros = 0 AND overspend_usd_micros = 0 AND position_open = 0)),
  CONSTRAINT ck_budget_reservations_position CHECK (position_open IN (0, 1)
    AND (position_open = 0 OR filled_size_micros > 0)),
  CONSTRAINT ck_budget_reservations_result CHECK (
       (resolved_at IS NULL AND pnl_usd_micros IS NULL)
    OR (resolved_at IS NOT NULL AND pnl_usd_micros IS NOT NULL AND payout_usd_micros >= 0
        AND fees_usd_micros >= 0 AND position_open = 0))
);
CREATE INDEX ix_budget_reservations_strategy_state
  ON budget_reservations (lt_strategy_id, state, position_open);
CREATE INDEX ix_budget_reservations_market
  ON budget_reservations (lt_strategy_id, condition_id, state, position_open);

-- A fill applied to a reservation, once per venue trade.
CREATE TABLE reservation_fills (
  fill_key        TEXT PRIMARY KEY,
  reservation_id  TEXT NOT NULL REFERENCES budget_reservations (id) ON DELETE CASCADE,
  size_micros     BIGINT NOT NULL,
  cost_usd_micros BIGINT NOT NULL,
  filled_at       BIGINT NOT NULL,
  CONSTRAINT ck_reservation_fills_amounts CHECK (size_micros > 0 AND cost_usd_micros > 0),
  CONSTRAINT ck_reservation_fills_key CHECK (length(fill_key) > 0)
);
CREATE INDEX ix_reservation_fills_reservation ON reservation_fills (reservation_id);

ALTER TABLE risk_state ADD COLUMN day_reserved_usd_micros BIGINT NOT NULL DEFAULT 0
  CHECK (day_reserved_usd_micros >= 0);
ALTER TABLE risk_state ADD COLUMN week_reserved_usd_micros BIGINT NOT NULL DEFAULT 0
  CHECK (week_reserved_usd_micros >= 0);
ALTER TABLE risk_state ADD COLUMN month_reserved_usd_micros BIGINT NOT NULL DEFAULT 0
  CHECK (month_reserved_usd_micros >= 0);
)sql"};
}

}  // namespace polycopy::store::migrations
