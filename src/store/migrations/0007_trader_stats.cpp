// Trader statistics maintained incrementally: every stored BUY source trade adds to its
// trader's count and USD total, and a resolution adds the trades of its market to the
// resolved figures. trader_stats_daily keeps resolved and winning trades per trader and
// resolution day (the Unix day number of the market's resolved_at), so the 30-day figures are
// summed for any `now` instead of decaying in place. Existing data is backfilled here, so the
// incremental updates start from a consistent state.
#include "store/migrations/migration.hpp"

namespace polycopy::store::migrations {

Migration trader_stats() {
  return {7, "trader_stats", R"sql(
ALTER TABLE trader_stats ADD COLUMN trade_count BIGINT NOT NULL DEFAULT 0
  CONSTRAINT ck_trader_stats_trade_count CHECK (trade_count >= 0);
ALTER TABLE trader_stats ADD COLUMN total_trade_usd_micros BIGINT NOT NULL DEFAULT 0
  CONSTRAINT ck_trader_stats_total_trade_usd CHECK (total_trade_usd_micros >= 0);

CREATE TABLE trader_stats_daily (
  trader_address  TEXT NOT NULL REFERENCES traders (address) ON DELETE CASCADE,
  -- floor(resolved_at / 86400000): the UTC day the markets of these trades resolved
  day             BIGINT NOT NULL,
  resolved_count  BIGINT NOT NULL,
  win_count       BIGINT NOT NULL,
  PRIMARY KEY (trader_address, day),
  CONSTRAINT ck_trader_stats_daily_counts CHECK (resolved_count >= 0 AND win_count >= 0
    AND win_count <= resolved_count)
);

-- the signals report filters one FT strategy's signals by reason code
CREATE INDEX ix_strategy_signals_ft_reason ON strategy_signals (ft_strategy_id, reason_code);

-- Backfill from the stored history (no earlier version wrote trader_stats rows). A trade's
-- outcome is its own outcome_index, else that of its token; an unknown outcome pays nothing.
DELETE FROM trader_stats;
INSERT INTO trader_stats (trader_address, resolved_count, win_count, win_rate_micros,
  resolved_count_30d, win_rate_30d_micros, avg_trade_usd_micros, realised_pnl_usd_micros,
  refreshed_at, trade_count, total_trade_usd_micros)
SELECT b.trader_address, b.resolved, b.wins,
  CASE WHEN b.resolved > 0 THEN b.wins * 1000000 / b.resolved ELSE NULL END,
  0, NULL, b.total / b.trades, b.pnl, b.refreshed, b.trades, b.total
FROM (
  SELECT t.trader_address AS trader_address,
    CAST(COUNT(*) AS BIGINT) AS trades,
    CAST(SUM(t.usd_micros) AS BIGINT) AS total,
    CAST(SUM(CASE WHEN t.denominator IS NULL THEN 0 ELSE 1 END) AS BIGINT) AS resolved,
    CAST(SUM(CASE WHEN t.denominator IS NOT NULL AND t.numerator = t.denominator THEN 1 ELSE 0 END)
      AS BIGINT) AS wins,
    CAST(SUM(CASE WHEN t.denominator IS NULL THEN 0
      ELSE t.size_micros * t.numerator / t.denominator - t.usd_micros END) AS BIGINT) AS pnl,
    CAST(MAX(t.changed_at) AS BIGINT) AS refreshed
  FROM (
    SELECT st.trader_address, st.size_micros, st.usd_micros, r.payout_denominator AS denominator,
      CASE COALESCE(st.outcome_index, ot.outcome_index)
        WHEN 0 THEN r.payout_numerator_0 WHEN 1 THEN r.payout_numerator_1 ELSE 0 END AS numerator,
      CASE WHEN r.recorded_at IS NOT NULL AND r.recorded_at > st.received_at THEN r.recorded_at
        ELSE st.received_at END AS changed_at
    FROM source_trades st
    LEFT JOIN outcome_tokens ot ON ot.token_id = st.token_id AND ot.condition_id = st.condition_id
    LEFT JOIN resolutions r ON r.condition_id = st.condition_id
    WHERE st.side = 'BUY'
  ) t
  GROUP BY t.trader_address
) b;

INSERT INTO trader_stats_daily (trader_address, day, resolved_count, win_count)
SELECT t.trader_address, t.day, CAST(COUNT(*) AS BIGINT),
  CAST(SUM(CASE WHEN t.numerator = t.denominator THEN 1 ELSE 0 END) AS BIGINT)
FROM (
  SELECT st.trader_address, r.resolved_at / 86400000 AS day, r.payout_denominator AS denominator,
    CASE COALESCE(st.outcome_index, ot.outcome_index)
      WHEN 0 THEN r.payout_numerator_0 WHEN 1 THEN r.payout_numerator_1 ELSE 0 END AS numerator
  FROM source_trades st
  JOIN resolutions r ON r.condition_id = st.condition_id
  LEFT JOIN outcome_tokens ot ON ot.token_id = st.token_id AND ot.condition_id = st.condition_id
  WHERE st.side = 'BUY'
) t
GROUP BY t.trader_address, t.day;
)sql"};
}

}  // namespace polycopy::store::migrations
