// The order source trades were stored in (seq), and per FT strategy the seq up to which every
// trade has been evaluated: the evaluator then looks only at trades stored since, instead of
// walking the whole history on every pass. Markets also keep their game start time, which
// makes a sports market in play.
#include "store/migrations/migration.hpp"

namespace polycopy::store::migrations {

Migration evaluation_watermark() {
  return {8, "evaluation_watermark", R"sql(
ALTER TABLE source_trades ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
UPDATE source_trades SET seq = numbered.n
  FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY received_at, id) AS n FROM source_trades) AS numbered
  WHERE numbered.id = source_trades.id;
CREATE INDEX ix_source_trades_seq ON source_trades (seq);

ALTER TABLE ft_strategies ADD COLUMN evaluated_through_seq BIGINT NOT NULL DEFAULT 0;

-- a sports market is in play from its game start until its end (live_markets_only)
ALTER TABLE markets ADD COLUMN game_start_at BIGINT;
)sql"};
}

}  // namespace polycopy::store::migrations
