// On-chain transactions: the next nonce of a sender, transactions written ahead of their
// broadcast, fee-bump replacements (old hashes kept) and their final state.
#include <string>

#include "store/sql/query.hpp"
#include "store/sql/row_reader.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sql/statement_error.hpp"
#include "store/sql/time_columns.hpp"

namespace polycopy::store::sql {
namespace {

using core::from_unix_ms;
using core::to_unix_ms;

constexpr std::string_view kColumns =
    "id, chain_id, from_address, nonce, purpose, to_address, data, value_wei, gas, "
    "max_fee_per_gas, max_priority_fee_per_gas, state, tx_hash, raw, broadcasts, block_number, "
    "error, created_at, updated_at, sent_at";

std::int64_t signed64(std::uint64_t value) {
  return static_cast<std::int64_t>(value);
}

ChainTransaction read_tx(Connection& connection, const Row& row) {
  RowReader r(row);
  ChainTransaction tx;
  tx.id = r.text();
  tx.chain_id = static_cast<std::uint64_t>(r.int64());
  tx.from_address = r.text();
  tx.nonce = static_cast<std::uint64_t>(r.int64());
  tx.purpose = r.text();
  tx.to_address = r.text();
  tx.data = r.text();
  tx.value = r.text();
  tx.gas = static_cast<std::uint64_t>(r.int64());
  tx.max_fee_per_gas = r.text();
  tx.max_priority_fee_per_gas = r.text();
  const std::string state = r.text();
  const auto parsed = chain_tx_state_from_string(state);
  if (!parsed) throw core::Failure("db_error", "stored chain transaction state '" + state + "'");
  tx.state = *parsed;
  tx.tx_hash = r.text();
  tx.raw = r.text();
  tx.broadcasts = r.int64();
  if (const auto block = r.optional_int64()) tx.block_number = static_cast<std::uint64_t>(*block);
  tx.error = r.optional_text();
  tx.created_at = from_unix_ms(r.int64());
  tx.updated_at = from_unix_ms(r.int64());
  tx.sent_at = optional_time(r.optional_int64());
  for (const auto& hash :
       require(query(connection,
                     "SELECT tx_hash FROM chain_transaction_hashes WHERE chain_tx_id = ? "
                     "ORDER BY replaced_at, tx_hash",
                     {tx.id}),
               "read chain transaction"))
    tx.previous_hashes.push_back(RowReader(hash).text());
  return tx;
}

std::optional<ChainTransaction> load_tx(Connection& connection, std::string_view where,
                                        const Params& params) {
  const auto rows = require(query(connection,
                                  "SELECT " + std::string(kColumns) +
                                      " FROM chain_transactions WHERE " + std::string(where),
                                  params),
                            "load chain transaction");
  if (rows.empty()) return std::nullopt;
  return read_tx(connection, rows.front());
}

ChainTransaction require_tx(Connection& connection, const std::string& id) {
  auto tx = load_tx(connection, "id = ?", {id});
  if (!tx) throw core::Failure("not_found", "no chain transaction '" + id + "'");
  return std::move(*tx);
}

constexpr std::string_view kLive = "state IN ('signed', 'sent', 'confirmed')";

}  // namespace

Result<std::uint64_t> SqlStore::next_nonce(std::uint64_t chain_id, const std::string& address,
                                           std::uint64_t chain_next_nonce) {
  return transact(TransactionMode::read, [&]() -> Result<std::uint64_t> {
    const auto rows = require(query(*connection_,
                                    "SELECT MAX(nonce) FROM chain_transactions WHERE chain_id = ? "
                                    "AND from_address = ?",
                                    {signed64(chain_id), address}),
                              "next_nonce");
    std::uint64_t nonce = chain_next_nonce;
    if (!rows.empty() && !rows.front().front().is_null())
      nonce = std::max(nonce, static_cast<std::uint64_t>(RowReader(rows.front()).int64()) + 1);
    return nonce;
  });
}

Status SqlStore::insert_chain_transaction(const ChainTransaction& tx) {
  constexpr std::string_view op = "insert_chain_transaction";
  return transact(TransactionMode::write, [&]() -> Status {
    if (load_tx(*connection_, std::string(kLive) + " AND purpose = ?", {tx.purpose}))
      return core::Error{"conflict", "a live transaction for " + tx.purpose + " exists"};
    if (load_tx(*connection_, "chain_id = ? AND from_address = ? AND nonce = ?",
                {signed64(tx.chain_id), tx.from_address, signed64(tx.nonce)}))
      return core::Error{"nonce_taken", "nonce " + std::to_string(tx.nonce) + " of " +
                                            tx.from_address + " is taken"};
    require(execute(*connection_,
                    "INSERT INTO chain_transactions (" + std::string(kColumns) +
                        ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, NULL, ?, ?, "
                        "NULL)",
                    {tx.id, signed64(tx.chain_id), tx.from_address, signed64(tx.nonce), tx.purpose,
                     tx.to_address, tx.data, tx.value, signed64(tx.gas), tx.max_fee_per_gas,
                     tx.max_priority_fee_per_gas, std::string(to_string(ChainTxState::signed_)),
                     tx.tx_hash, tx.raw, to_unix_ms(tx.created_at), to_unix_ms(tx.created_at)}),
            op);
    return {};
  });
}

Result<std::optional<ChainTransaction>> SqlStore::find_chain_transaction(const std::string& id) {
  return transact(TransactionMode::read, [&]() -> Result<std::optional<ChainTransaction>> {
    return load_tx(*connection_, "id = ?", {id});
  });
}

Result<std::optional<ChainTransaction>> SqlStore::find_live_chain_transaction(
    const std::string& purpose) {
  return transact(TransactionMode::read, [&]() -> Result<std::optional<ChainTransaction>> {
    return load_tx(*connection_, std::string(kLive) + " AND purpose = ?", {purpose});
  });
}

Result<std::vector<ChainTransaction>> SqlStore::list_unfinished_chain_transactions() {
  return transact(TransactionMode::read, [&]() -> Result<std::vector<ChainTransaction>> {
    std::vector<ChainTransaction> out;
    for (const auto& row : require(
             query(*connection_, "SELECT " + std::string(kColumns) +
                                     " FROM chain_transactions WHERE state IN ('signed', 'sent') "
                                     "ORDER BY created_at, id"),
             "list_unfinished_chain_transactions"))
      out.push_back(read_tx(*connection_, row));
    return out;
  });
}

Status SqlStore::mark_chain_transaction_sent(const std::string& id, core::Timestamp at) {
  constexpr std::string_view op = "mark_chain_transaction_sent";
  return transact(TransactionMode::write, [&]() -> Status {
    const auto tx = require_tx(*connection_, id);
    if (tx.state != ChainTxState::signed_ && tx.state != ChainTxState::sent)
      return core::Error{"conflict",
                         "chain transaction " + id + " is " + std::string(to_string(tx.state))};
    require(execute(*connection_,
                    "UPDATE chain_transactions SET state = 'sent', broadcasts = broadcasts + 1, "
                    "sent_at = ?, updated_at = ? WHERE id = ?",
                    {to_unix_ms(at), to_unix_ms(at), id}),
            op);
    return {};
  });
}

Status SqlStore::replace_chain_broadcast(const std::string& id, const std::string& tx_hash,
                                         const std::string& raw, const std::string& max_fee,
                                         const std::string& max_priority_fee, core::Timestamp at) {
  constexpr std::string_view op = "replace_chain_broadcast";
  return transact(TransactionMode::write, [&]() -> Status {
    const auto tx = require_tx(*connection_, id);
    if (tx.state != ChainTxState::signed_ && tx.state != ChainTxState::sent)
      return core::Error{"conflict",
                         "chain transaction " + id + " is " + std::string(to_string(tx.state))};
    if (tx.tx_hash == tx_hash) return {};
    require(execute(*connection_,
                    "INSERT INTO chain_transaction_hashes (tx_hash, chain_tx_id, replaced_at) "
                    "VALUES (?, ?, ?)",
                    {tx.tx_hash, id, to_unix_ms(at)}),
            op);
    require(execute(*connection_,
                    "UPDATE chain_transactions SET tx_hash = ?, raw = ?, max_fee_per_gas = ?, "
                    "max_priority_fee_per_gas = ?, state = 'signed', updated_at = ? WHERE id = ?",
                    {tx_hash, raw, max_fee, max_priority_fee, to_unix_ms(at), id}),
            op);
    return {};
  });
}

Status SqlStore::finish_chain_transaction(const std::string& id, ChainTxState state,
                                          const std::string& tx_hash,
                                          std::optional<std::uint64_t> block_number,
                                          const std::optional<std::string>& error,
                                          core::Timestamp at) {
  constexpr std::string_view op = "finish_chain_transaction";
  if (state != ChainTxState::confirmed && state != ChainTxState::failed)
    return core::Error{"invalid_argument", "a chain transaction finishes confirmed or failed"};
  return transact(TransactionMode::write, [&]() -> Status {
    const auto tx = require_tx(*connection_, id);
    if (tx.state == state) return {};
    if (tx.state == ChainTxState::confirmed || tx.state == ChainTxState::failed)
      return core::Error{"conflict", "chain transaction " + id + " is " +
                                         std::string(to_string(tx.state)) + " already"};
    // The hash that was mined may be an earlier broadcast's (a bump that lost the race).
    require(execute(*connection_,
                    "UPDATE chain_transactions SET state = ?, tx_hash = ?, block_number = ?, "
                    "error = ?, updated_at = ? WHERE id = ?",
                    {std::string(to_string(state)), tx_hash,
                     block_number ? Value(signed64(*block_number)) : Value(), optional_value(error),
                     to_unix_ms(at), id}),
            op);
    return {};
  });
}

}  // namespace polycopy::store::sql
