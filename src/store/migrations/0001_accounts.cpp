// Users, their API keys and their trading wallets.
#include "store/migrations/migration.hpp"

namespace polycopy::store::migrations {

Migration accounts() {
  return {1, "accounts", R"sql(
CREATE TABLE users (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  created_at  BIGINT NOT NULL,
  CONSTRAINT uq_users_name UNIQUE (name),
  CONSTRAINT ck_users_name CHECK (length(name) BETWEEN 1 AND 64)
);

CREATE TABLE api_keys (
  id          TEXT PRIMARY KEY,
  user_id     TEXT NOT NULL REFERENCES users (id),
  key_hash    TEXT NOT NULL,
  label       TEXT NOT NULL,
  created_at  BIGINT NOT NULL,
  revoked_at  BIGINT,
  CONSTRAINT uq_api_keys_key_hash UNIQUE (key_hash),
  -- sha256 in lower-case hex
  CONSTRAINT ck_api_keys_key_hash
    CHECK (length(key_hash) = 64 AND ltrim(key_hash, '0123456789abcdef') = ''),
  CONSTRAINT ck_api_keys_revoked_at CHECK (revoked_at IS NULL OR revoked_at >= created_at)
);
CREATE INDEX ix_api_keys_user ON api_keys (user_id);

CREATE TABLE wallets (
  id                     TEXT PRIMARY KEY,
  user_id                TEXT NOT NULL REFERENCES users (id),
  address                TEXT NOT NULL,
  signature_type         INTEGER NOT NULL,
  funder                 TEXT,
  encrypted_private_key  TEXT,
  created_at             BIGINT NOT NULL,
  CONSTRAINT uq_wallets_owner_address UNIQUE (user_id, address),
  -- target of composite foreign keys that keep a strategy and its wallet with one owner
  CONSTRAINT uq_wallets_id_owner UNIQUE (id, user_id),
  CONSTRAINT ck_wallets_address CHECK (length(address) = 42 AND substr(address, 1, 2) = '0x'
    AND ltrim(substr(address, 3), '0123456789abcdef') = ''),
  CONSTRAINT ck_wallets_funder CHECK (funder IS NULL OR (length(funder) = 42
    AND substr(funder, 1, 2) = '0x' AND ltrim(substr(funder, 3), '0123456789abcdef') = '')),
  CONSTRAINT ck_wallets_signature_type CHECK (signature_type IN (0, 1, 2, 3)),
  CONSTRAINT ck_wallets_key_blob
    CHECK (encrypted_private_key IS NULL OR length(encrypted_private_key) > 0)
);
)sql"};
}

}  // namespace polycopy::store::migrations
