// LT strategies evaluate source trades themselves (the same evaluate() as their FT twin, on
// their own book): like FT strategies they keep the seq up to which every stored trade has
// been evaluated, so the executor only looks at trades stored since.
#include "store/migrations/migration.hpp"

namespace polycopy::store::migrations {

Migration lt_evaluation() {
  return {12, "lt_evaluation", R"sql(
ALTER TABLE lt_strategies ADD COLUMN evaluated_through_seq BIGINT NOT NULL DEFAULT 0;
CREATE INDEX ix_strategy_signals_lt ON strategy_signals (lt_strategy_id, accepted);
)sql"};
}

}  // namespace polycopy::store::migrations
