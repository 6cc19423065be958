// LT evaluation, engine side: storing an LT strategy's signals (a batch at once or not at
// all) and the book its evaluation runs on (cash and held tokens from its risk state and
// reservations). The strategies to run and the unevaluated trades live beside their FT
// counterparts (sql_store_lt.cpp, sql_store_market.cpp).
#include <algorithm>
#include <string>

#include "store/sql/query.hpp"
#include "store/sql/row_reader.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sql/statement_error.hpp"

namespace polycopy::store::sql {
namespace {

Status check_signal(std::size_t i, const LtSignalRecord& record) {
  const auto invalid = [i](const std::string& why) -> Status {
    return core::Error{"invalid_outcome", "LT signal " + std::to_string(i) + ": " + why};
  };
  const auto& s = record.outcome;
  if (record.lt_strategy_id.empty()) return invalid("it names no LT strategy");
  if (s.id.empty()) return invalid("it has no id");
  if (s.accepted && s.reason_code) return invalid("an accepted signal has a reason code");
  if (!s.accepted && (!s.reason_code || s.reason_code->empty()))
    return invalid("a rejected signal needs a reason code");
  return {};
}

}  // namespace

Status SqlStore::record_lt_signals(const std::vector<LtSignalRecord>& signals) {
  for (std::size_t i = 0; i < signals.size(); ++i)
    if (auto ok = check_signal(i, signals[i]); !ok) return ok;
  if (signals.empty()) return {};
  return transact(TransactionMode::write, [&]() -> Status {
    // The unique key (lt_strategy_id, source_trade_id) refuses a second evaluation.
    for (const auto& s : signals)
      insert_strategy_signal(*connection_, s.outcome, s.lt_strategy_id, "record_lt_signals");
    return {};
  });
}

Result<LtBook> SqlStore::get_lt_book(const std::string& lt_strategy_id,
                                     const std::vector<std::string>& token_ids) {
  constexpr std::string_view op = "get_lt_book";
  return transact(TransactionMode::read, [&]() -> Result<LtBook> {
    const auto state = require(query(*connection_,
                                     "SELECT equity_usd_micros, exposure_usd_micros, "
                                     "reserved_usd_micros FROM risk_state WHERE lt_strategy_id = ?",
                                     {lt_strategy_id}),
                               op);
    if (state.empty())
      return core::Error{"not_found", "get_lt_book: no LT strategy '" + lt_strategy_id + "'"};
    RowReader r(state.front());
    const auto equity = core::Usd::from_micros(r.int64());
    const auto exposure = core::Usd::from_micros(r.int64());
    const auto reserved = core::Usd::from_micros(r.int64());
    LtBook book;
    book.cash = equity - exposure - reserved;
    // Each token: a seek per (state, position_open) pair of the held-tokens index.
    std::vector<std::string> tokens = token_ids;
    std::sort(tokens.begin(), tokens.end());
    tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
    for (const auto& token : tokens) {
      const auto held = require(
          query(*connection_,
                // Two exact seeks (one OR'd condition would range over the strategy).
                "SELECT EXISTS (SELECT 1 FROM budget_reservations WHERE lt_strategy_id = ? AND "
                "state = 'reserved' AND position_open IN (0, 1) AND token_id = ?) OR EXISTS "
                "(SELECT 1 FROM budget_reservations WHERE lt_strategy_id = ? AND state = "
                "'settled' AND position_open = 1 AND token_id = ?)",
                {lt_strategy_id, token, lt_strategy_id, token}),
          op);
      if (!held.empty() && RowReader(held.front()).int64() != 0)
        book.open_token_ids.push_back(token);
    }
    return book;
  });
}

}  // namespace polycopy::store::sql
