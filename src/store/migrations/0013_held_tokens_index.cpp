// An LT strategy's book reads the tokens of its live reservations and open positions on
// every pass: an index holding the token beside (strategy, state, position) answers that from
// the index alone, as two range reads, whatever the strategy's history. It replaces the index
// it extends.
#include "store/migrations/migration.hpp"

namespace polycopy::store::migrations {

Migration held_tokens_index() {
  return {13, "held_tokens_index", R"sql(
CREATE INDEX ix_budget_reservations_held
  ON budget_reservations (lt_strategy_id, state, position_open, token_id);
DROP INDEX ix_budget_reservations_strategy_state;
)sql"};
}

}  // namespace polycopy::store::migrations
