// Wallets keep their CLOB API credentials (derived once with L1 auth): the key, and the
// secret and passphrase sealed like the private key.
#include "store/migrations/migration.hpp"

namespace polycopy::store::migrations {

Migration wallet_credentials() {
  return {10, "wallet_credentials", R"sql(
ALTER TABLE wallets ADD COLUMN api_key TEXT;
ALTER TABLE wallets ADD COLUMN api_secret_sealed TEXT;
ALTER TABLE wallets ADD COLUMN api_passphrase_sealed TEXT;
ALTER TABLE wallets ADD COLUMN api_credentials_at BIGINT;
)sql"};
}

}  // namespace polycopy::store::migrations
