// What each wallet's LT strategies hold in live budget reservations, for the wallet funds
// health check: one aggregate over lt_strategies and their risk_state rows.
#include <string>

#include "store/sql/query.hpp"
#include "store/sql/row_reader.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sql/statement_error.hpp"

namespace polycopy::store::sql {

Result<std::vector<WalletCommitments>> SqlStore::list_wallet_commitments() {
  return transact(TransactionMode::read, [&]() -> Result<std::vector<WalletCommitments>> {
    // Every LT strategy has its risk_state row from its insert; the LEFT JOIN still counts a
    // strategy without one (as holding nothing) rather than dropping its wallet.
    const auto rows =
        require(query(*connection_,
                      "SELECT s.wallet_id, COALESCE(SUM(r.reserved_usd_micros), 0), COUNT(*) "
                      "FROM lt_strategies s LEFT JOIN risk_state r ON r.lt_strategy_id = s.id "
                      "WHERE s.wallet_id IS NOT NULL GROUP BY s.wallet_id ORDER BY s.wallet_id",
                      {}),
                "list_wallet_commitments");
    std::vector<WalletCommitments> out;
    out.reserve(rows.size());
    for (const auto& row : rows) {
      RowReader r(row);
      WalletCommitments c;
      c.wallet_id = r.text();
      c.reserved = Usd::from_micros(r.int64());
      c.lt_strategies = r.int64();
      out.push_back(std::move(c));
    }
    return out;
  });
}

}  // namespace polycopy::store::sql
