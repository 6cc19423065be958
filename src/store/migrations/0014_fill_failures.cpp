// A venue trade can be recorded at MATCHED and reported FAILED later (its settlement on
// chain failed): the fill stays as recorded, flagged with when the venue said so, and the
// flag makes the engine stop the strategy and alert once, not on every sighting.
#include "store/migrations/migration.hpp"

namespace polycopy::store::migrations {

Migration fill_failures() {
  return {14, "fill_failures", R"sql(
ALTER TABLE fills ADD COLUMN venue_failed_at BIGINT;
)sql"};
}

}  // namespace polycopy::store::migrations
