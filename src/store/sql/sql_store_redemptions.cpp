// Redemptions, engine side: what the redeemer still has to act on, and the records' moves
// pending -> submitted -> confirmed (the risk manager books what was paid) / failed, and
// failed -> submitted again when its retry is due.
#include <string>

#include "store/sql/money_columns.hpp"
#include "store/sql/query.hpp"
#include "store/sql/row_reader.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sql/statement_error.hpp"

namespace polycopy::store::sql {
namespace {

using core::to_unix_ms;

RedemptionRecord require_redemption(Connection& connection, const std::string& id,
                                    std::string_view op) {
  const auto rows = require(
      query(connection,
            "SELECT " + std::string(kRedemptionColumns) + " FROM redemptions r WHERE r.id = ?",
            {id}),
      op);
  if (rows.empty()) throw core::Failure("not_found", "no redemption '" + id + "'");
  RowReader r(rows.front());
  return read_redemption(r);
}

}  // namespace

Result<std::optional<LtStrategy>> SqlStore::find_lt_strategy(const std::string& id) {
  return transact(TransactionMode::read, [&]() -> Result<std::optional<LtStrategy>> {
    return load_lt_strategy(*connection_, id);
  });
}

Result<std::vector<RedemptionDue>> SqlStore::list_redemptions_due(
    const std::optional<std::string>& lt_strategy_id, core::Timestamp now) {
  return transact(TransactionMode::read, [&]() -> Result<std::vector<RedemptionDue>> {
    std::string sql = "SELECT " + std::string(kRedemptionColumns) +
                      ", p.lt_strategy_id FROM redemptions r JOIN lt_positions p ON p.id = "
                      "r.lt_position_id WHERE (r.state IN ('pending', 'submitted') OR (r.state = "
                      "'failed' AND r.next_attempt_at <= ?))";
    Params params{to_unix_ms(now)};
    if (lt_strategy_id) {
      // Every record one redemption call settles: those of the wallet and condition.
      sql +=
          " AND EXISTS (SELECT 1 FROM redemptions o JOIN lt_positions op ON op.id = "
          "o.lt_position_id WHERE op.lt_strategy_id = ? AND o.wallet_id = r.wallet_id AND "
          "o.condition_id = r.condition_id)";
      params.push_back(*lt_strategy_id);
    }
    sql += " ORDER BY r.created_at, r.id";
    std::vector<RedemptionDue> out;
    for (const auto& row : require(query(*connection_, sql, params), "list_redemptions_due")) {
      RowReader r(row);
      RedemptionDue due;
      due.record = read_redemption(r);
      due.lt_strategy_id = r.text();
      out.push_back(std::move(due));
    }
    return out;
  });
}

Status SqlStore::mark_redemptions_submitted(const std::vector<std::string>& ids,
                                            const std::string& tx_hash, core::Timestamp at) {
  constexpr std::string_view op = "mark_redemptions_submitted";
  return transact(TransactionMode::write, [&]() -> Status {
    for (const auto& id : ids) {
      const auto record = require_redemption(*connection_, id, op);
      if (record.state == RedemptionState::submitted) {
        // The same transaction re-priced (a new hash, the same nonce): not another attempt.
        if (record.tx_hash != tx_hash)
          require(execute(*connection_,
                          "UPDATE redemptions SET tx_hash = ?, updated_at = ? WHERE id = ?",
                          {tx_hash, to_unix_ms(at), id}),
                  op);
        continue;
      }
      if (record.state != RedemptionState::pending && record.state != RedemptionState::failed)
        return core::Error{"conflict",
                           "redemption " + id + " is " + std::string(to_string(record.state))};
      require(execute(*connection_,
                      "UPDATE redemptions SET state = 'submitted', tx_hash = ?, attempts = "
                      "attempts + 1, next_attempt_at = NULL, last_error = NULL, updated_at = ? "
                      "WHERE id = ?",
                      {tx_hash, to_unix_ms(at), id}),
              op);
    }
    return {};
  });
}

Status SqlStore::fail_redemptions(const std::vector<std::string>& ids, const std::string& error,
                                  std::optional<core::Timestamp> retry_at, core::Timestamp at) {
  constexpr std::string_view op = "fail_redemptions";
  return transact(TransactionMode::write, [&]() -> Status {
    for (const auto& id : ids) {
      const auto record = require_redemption(*connection_, id, op);
      if (record.state == RedemptionState::confirmed || record.state == RedemptionState::closed)
        return core::Error{"conflict",
                           "redemption " + id + " is " + std::string(to_string(record.state))};
      require(
          execute(*connection_,
                  "UPDATE redemptions SET state = 'failed', last_error = ?, next_attempt_at = "
                  "?, updated_at = ? WHERE id = ?",
                  {error, retry_at ? Value(to_unix_ms(*retry_at)) : Value(), to_unix_ms(at), id}),
          op);
    }
    return {};
  });
}

Result<std::int64_t> SqlStore::retry_failed_redemptions(const std::string& lt_strategy_id,
                                                        core::Timestamp at) {
  return transact(TransactionMode::write, [&]() -> Result<std::int64_t> {
    return require(execute(*connection_,
                           "UPDATE redemptions SET next_attempt_at = ?, updated_at = ? WHERE state "
                           "= 'failed' AND lt_position_id IN (SELECT id FROM lt_positions WHERE "
                           "lt_strategy_id = ?)",
                           {to_unix_ms(at), to_unix_ms(at), lt_strategy_id}),
                   "retry_failed_redemptions");
  });
}

Status SqlStore::note_redemption_problem(const std::vector<std::string>& ids,
                                         const std::string& error, core::Timestamp at) {
  return transact(TransactionMode::write, [&]() -> Status {
    for (const auto& id : ids)
      require(execute(*connection_,
                      "UPDATE redemptions SET last_error = ?, updated_at = ? WHERE id = ? AND "
                      "state IN ('pending', 'failed')",
                      {error, to_unix_ms(at), id}),
              "note_redemption_problem");
    return {};
  });
}

}  // namespace polycopy::store::sql
