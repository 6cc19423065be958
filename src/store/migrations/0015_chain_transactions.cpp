// On-chain transactions (redemptions), each written ahead of its broadcast with its signed
// bytes, so that a restart resends the same transaction rather than building another. A
// sender's nonces are unique per chain (two instances racing for one: the second insert is
// refused and signs again with the next), and a partial unique index keeps one live
// transaction per purpose ("never two transactions for one position"). A redemption keeps
// what the chain paid for it beside what was expected.
#include "store/migrations/migration.hpp"

namespace polycopy::store::migrations {

Migration chain_transactions() {
  return {15, "chain_transactions", R"sql(
CREATE TABLE chain_transactions (
  id                        TEXT PRIMARY KEY,
  chain_id                  BIGINT NOT NULL,
  from_address              TEXT NOT NULL,
  nonce                     BIGINT NOT NULL,
  purpose                   TEXT NOT NULL,
  to_address                TEXT NOT NULL,
  data                      TEXT NOT NULL,
  value_wei                 TEXT NOT NULL,
  gas                       BIGINT NOT NULL,
  max_fee_per_gas           TEXT NOT NULL,
  max_priority_fee_per_gas  TEXT NOT NULL,
  state                     TEXT NOT NULL,
  tx_hash                   TEXT NOT NULL,
  raw                       TEXT NOT NULL,
  broadcasts                BIGINT NOT NULL DEFAULT 0,
  block_number              BIGINT,
  error                     TEXT,
  created_at                BIGINT NOT NULL,
  updated_at                BIGINT NOT NULL,
  sent_at                   BIGINT,
  CONSTRAINT uq_chain_transactions_nonce UNIQUE (chain_id, from_address, nonce),
  CONSTRAINT ck_chain_transactions_state CHECK (state IN ('signed', 'sent', 'confirmed', 'failed')),
  CONSTRAINT ck_chain_transactions_hash CHECK (length(tx_hash) = 66 AND substr(tx_hash, 1, 2) = '0x'),
  CONSTRAINT ck_chain_transactions_counts CHECK (nonce >= 0 AND gas > 0 AND broadcasts >= 0)
);
CREATE UNIQUE INDEX uq_chain_transactions_live_purpose ON chain_transactions (purpose)
  WHERE state IN ('signed', 'sent', 'confirmed');
CREATE INDEX ix_chain_transactions_unfinished ON chain_transactions (state, created_at);
CREATE TABLE chain_transaction_hashes (
  tx_hash      TEXT PRIMARY KEY,
  chain_tx_id  TEXT NOT NULL REFERENCES chain_transactions (id),
  replaced_at  BIGINT NOT NULL
);
CREATE INDEX ix_chain_transaction_hashes_tx ON chain_transaction_hashes (chain_tx_id);
ALTER TABLE redemptions ADD COLUMN paid_usd_micros BIGINT;
)sql"};
}

}  // namespace polycopy::store::migrations
