// Orders keep their EIP-712 hash from the moment the intent is written: it is the id the
// venue will know the order by, so an intent whose answer was lost can be looked up.
#include "store/migrations/migration.hpp"

namespace polycopy::store::migrations {

Migration order_hash() {
  return {11, "order_hash", R"sql(
ALTER TABLE orders ADD COLUMN order_hash TEXT;
CREATE UNIQUE INDEX uq_orders_order_hash ON orders (order_hash);
)sql"};
}

}  // namespace polycopy::store::migrations
