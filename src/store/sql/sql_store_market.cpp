// Market data: traders, source trades with per-trader feed cursors, markets with their
// outcome tokens, and resolutions. Inputs are validated before any SQL runs (the table CHECKs
// are the last line of defence, not the first), so a refused batch touches nothing.
#include <algorithm>
#include <set>
#include <string>
#include <unordered_set>

#include "store/sql/money_columns.hpp"
#include "store/sql/query.hpp"
#include "store/sql/row_reader.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sql/statement_error.hpp"
#include "store/sql/time_columns.hpp"

namespace polycopy::store::sql {
namespace {

using core::Error;
using core::from_unix_ms;
using core::to_unix_ms;

// ---- validation ----

bool is_lower_hex(const std::string& text, std::size_t digits) {
  if (text.size() != digits + 2 || text[0] != '0' || text[1] != 'x') return false;
  return std::all_of(text.begin() + 2, text.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}
bool is_address(const std::string& text) {
  return is_lower_hex(text, 40);
}
bool is_bytes32(const std::string& text) {
  return is_lower_hex(text, 64);
}
// A uint256 in decimal.
bool is_token_id(const std::string& text) {
  return !text.empty() && text.size() <= 78 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Status invalid(std::string code, const std::string& what, const std::string& value) {
  return Error{std::move(code), what + " '" + value + "' is malformed"};
}

Status check_trader_address(const std::string& address) {
  if (!is_address(address)) return invalid("invalid_address", "trader address", address);
  return {};
}

Status check_trade(const SourceTradeRecord& t) {
  if (auto ok = check_trader_address(t.trader_address); !ok) return ok;
  if (!is_bytes32(t.tx_hash)) return invalid("invalid_tx_hash", "tx hash", t.tx_hash);
  if (!is_bytes32(t.condition_id))
    return invalid("invalid_condition_id", "condition id", t.condition_id);
  if (!is_token_id(t.token_id)) return invalid("invalid_token_id", "token id", t.token_id);
  if (t.id != source_trade_id(t.tx_hash, t.token_id, t.trader_address))
    return Error{"invalid_trade_id", "trade id '" + t.id + "' is not tx_hash:token_id:trader"};
  if (t.outcome_index && *t.outcome_index != 0 && *t.outcome_index != 1)
    return Error{"invalid_outcome_index", "outcome index must be 0 or 1"};
  if (t.size.micros() <= 0) return Error{"invalid_size", "trade size must be positive"};
  if (t.usd.micros() < 0) return Error{"invalid_usd", "trade USD value must not be negative"};
  return {};
}

Status check_trades(const std::vector<SourceTradeRecord>& trades) {
  for (std::size_t i = 0; i < trades.size(); ++i) {
    if (auto ok = check_trade(trades[i]); !ok)
      return Error{ok.error().code, "trade " + std::to_string(i) + ": " + ok.error().message};
  }
  return {};
}

Status check_cursor(const FeedCursor& c) {
  if (auto ok = check_trader_address(c.trader_address); !ok) return ok;
  if (!is_bytes32(c.tx_hash)) return invalid("invalid_tx_hash", "cursor tx hash", c.tx_hash);
  if (!is_token_id(c.token_id)) return invalid("invalid_token_id", "cursor token id", c.token_id);
  if (to_unix_ms(c.traded_at) < 0) return Error{"invalid_time", "cursor time is before 1970"};
  return {};
}

Status check_market(const MarketRecord& m, const std::vector<OutcomeTokenRecord>& tokens) {
  if (!is_bytes32(m.condition_id))
    return invalid("invalid_condition_id", "condition id", m.condition_id);
  if (m.tick_size.micros() <= 0 || m.tick_size.micros() >= core::kMicrosPerUnit)
    return Error{"invalid_tick_size", "tick size must be in (0, 1)"};
  if (m.min_order_size.micros() < 0)
    return Error{"invalid_min_order_size", "minimum order size must not be negative"};
  if (tokens.empty()) return {};  // fields only: the stored tokens stay
  if (tokens.size() != 2 || tokens[0].outcome_index == tokens[1].outcome_index)
    return Error{"invalid_tokens", "a market has exactly two tokens, outcome indexes 0 and 1"};
  for (const auto& token : tokens) {
    if (!is_token_id(token.token_id))
      return invalid("invalid_token_id", "token id", token.token_id);
    if (token.condition_id != m.condition_id)
      return Error{"invalid_tokens", "token " + token.token_id + " names another market"};
    if (token.outcome_index != 0 && token.outcome_index != 1)
      return Error{"invalid_tokens", "outcome index must be 0 or 1"};
  }
  return {};
}

Status check_resolution(const ResolutionRecord& r) {
  if (!is_bytes32(r.condition_id))
    return invalid("invalid_condition_id", "condition id", r.condition_id);
  const bool payouts_ok = r.payout_numerator_0 >= 0 && r.payout_numerator_1 >= 0 &&
                          r.payout_denominator > 0 &&
                          r.payout_numerator_0 + r.payout_numerator_1 == r.payout_denominator;
  const auto& w = r.winning_outcome_index;
  const bool winner_ok =
      !w || (*w == 0 && r.payout_numerator_1 == 0) || (*w == 1 && r.payout_numerator_0 == 0);
  if (!payouts_ok || !winner_ok)
    return Error{"invalid_resolution", "payouts of " + r.condition_id +
                                           " do not sum to the denominator or match the winner"};
  return {};
}

// ---- source trades ----

constexpr std::string_view kTradeColumns =
    "id, trader_address, tx_hash, condition_id, token_id, outcome, outcome_index, side, "
    "price_micros, size_micros, usd_micros, traded_at, received_at, seq";
constexpr std::size_t kTradeColumnCount = 14;
// Rows per multi-row INSERT: one statement per feed page, well under the parameter limits.
constexpr std::size_t kTradesPerStatement = 100;

std::string_view side_text(TradeSide side) {
  return side == TradeSide::buy ? "BUY" : "SELL";
}

void append_trade_values(Params& values, const SourceTradeRecord& t, std::int64_t seq) {
  values.emplace_back(t.id);
  values.emplace_back(t.trader_address);
  values.emplace_back(t.tx_hash);
  values.emplace_back(t.condition_id);
  values.emplace_back(t.token_id);
  values.push_back(optional_value(t.outcome));
  values.push_back(optional_value(t.outcome_index));
  values.emplace_back(side_text(t.side));
  values.push_back(micros_value(t.price));
  values.push_back(micros_value(t.size));
  values.push_back(micros_value(t.usd));
  values.emplace_back(to_unix_ms(t.traded_at));
  values.emplace_back(to_unix_ms(t.received_at));
  values.emplace_back(seq);
}

std::string insert_trades_sql(std::size_t rows) {
  std::string sql = "INSERT INTO source_trades (" + std::string(kTradeColumns) + ") VALUES ";
  const std::string row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  for (std::size_t i = 0; i < rows; ++i) sql += (i == 0 ? "" : ", ") + row;
  return sql + " ON CONFLICT (trader_address, tx_hash, token_id) DO NOTHING RETURNING id";
}

SourceTradeRecord read_trade(RowReader& r) {
  SourceTradeRecord t;
  t.id = r.text();
  t.trader_address = r.text();
  t.tx_hash = r.text();
  t.condition_id = r.text();
  t.token_id = r.text();
  t.outcome = r.optional_text();
  t.outcome_index = r.optional_int64();
  const std::string side = r.text();
  if (side != "BUY" && side != "SELL")
    throw core::Failure("db_error", "stored trade side '" + side + "' is unknown");
  t.side = side == "BUY" ? TradeSide::buy : TradeSide::sell;
  t.price = price_column(r.int64());
  t.size = core::Shares::from_micros(r.int64());
  t.usd = core::Usd::from_micros(r.int64());
  t.traded_at = from_unix_ms(r.int64());
  t.received_at = from_unix_ms(r.int64());
  t.seq = r.int64();
  return t;
}

void ensure_trader(Connection& connection, const std::string& address, core::Timestamp now) {
  require(execute(connection,
                  "INSERT INTO traders (address, first_seen_at, updated_at) VALUES (?, ?, ?) "
                  "ON CONFLICT (address) DO NOTHING",
                  {address, to_unix_ms(now), to_unix_ms(now)}),
          "ensure trader");
}

// Inserts the trades (traders first, for the foreign key); returns the ids new to the table,
// in input order. Runs inside the caller's transaction.
std::vector<std::string> store_trades(Connection& connection,
                                      const std::vector<SourceTradeRecord>& trades) {
  std::set<std::string> traders;
  for (const auto& t : trades) {
    if (traders.insert(t.trader_address).second)
      ensure_trader(connection, t.trader_address, t.received_at);
  }
  static const std::string full_chunk_sql = insert_trades_sql(kTradesPerStatement);
  // Storage order: past every seq stored so far (a row skipped as a repeat leaves a gap).
  const std::int64_t last_seq =
      RowReader(require(query(connection, "SELECT COALESCE(MAX(seq), 0) FROM source_trades"),
                        "insert source trades")
                    .front())
          .int64();
  std::unordered_set<std::string> inserted;
  Params values;
  for (std::size_t begin = 0; begin < trades.size(); begin += kTradesPerStatement) {
    const std::size_t end = std::min(trades.size(), begin + kTradesPerStatement);
    values.clear();
    values.reserve((end - begin) * kTradeColumnCount);
    for (std::size_t i = begin; i < end; ++i) {
      append_trade_values(values, trades[i], last_seq + 1 + static_cast<std::int64_t>(i));
    }
    const std::string sql =
        end - begin == kTradesPerStatement ? full_chunk_sql : insert_trades_sql(end - begin);
    for (const auto& row : require(query(connection, sql, values), "insert source trades"))
      inserted.insert(RowReader(row).text());
  }
  std::vector<std::string> ids;
  ids.reserve(inserted.size());
  for (const auto& t : trades) {
    if (inserted.erase(t.id) == 1) ids.push_back(t.id);  // a repeat within the batch: once
  }
  return ids;
}

void write_cursor(Connection& connection, const FeedCursor& c) {
  ensure_trader(connection, c.trader_address, c.updated_at);
  require(execute(connection,
                  "INSERT INTO trader_feed_cursors (trader_address, traded_at, tx_hash, token_id, "
                  "updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (trader_address) DO UPDATE SET "
                  "traded_at = excluded.traded_at, tx_hash = excluded.tx_hash, "
                  "token_id = excluded.token_id, updated_at = excluded.updated_at",
                  {c.trader_address, to_unix_ms(c.traded_at), c.tx_hash, c.token_id,
                   to_unix_ms(c.updated_at)}),
          "set feed cursor");
}

// ---- markets ----

Value flag(bool value) {
  return std::int64_t{value ? 1 : 0};
}

std::optional<MarketWithTokens> load_market(Connection& connection,
                                            const std::string& condition_id) {
  const auto rows = require(query(connection,
                                  "SELECT condition_id, question, slug, category, end_at, is_live, "
                                  "closed, neg_risk, tick_size_micros, min_order_size_micros, "
                                  "updated_at, game_start_at FROM markets WHERE condition_id = ?",
                                  {condition_id}),
                            "load market");
  if (rows.empty()) return std::nullopt;
  MarketWithTokens out;
  RowReader r(rows.front());
  auto& m = out.market;
  m.condition_id = r.text();
  m.question = r.text();
  m.slug = r.optional_text();
  m.category = r.optional_text();
  m.end_at = optional_time(r.optional_int64());
  m.is_live = r.boolean();
  m.closed = r.boolean();
  m.neg_risk = r.boolean();
  m.tick_size = price_column(r.int64());
  m.min_order_size = core::Shares::from_micros(r.int64());
  m.updated_at = from_unix_ms(r.int64());
  m.game_start_at = optional_time(r.optional_int64());
  for (const auto& row :
       require(query(connection,
                     "SELECT token_id, condition_id, outcome_index, outcome FROM "
                     "outcome_tokens WHERE condition_id = ? ORDER BY outcome_index",
                     {condition_id}),
               "load outcome tokens")) {
    RowReader t(row);
    OutcomeTokenRecord token;
    token.token_id = t.text();
    token.condition_id = t.text();
    token.outcome_index = t.int64();
    token.outcome = t.text();
    out.tokens.push_back(std::move(token));
  }
  return out;
}

std::optional<ResolutionRecord> load_resolution(Connection& connection,
                                                const std::string& condition_id) {
  const auto rows =
      require(query(connection,
                    "SELECT condition_id, winning_outcome_index, payout_numerator_0, "
                    "payout_numerator_1, payout_denominator, resolved_at, recorded_at "
                    "FROM resolutions WHERE condition_id = ?",
                    {condition_id}),
              "load resolution");
  if (rows.empty()) return std::nullopt;
  RowReader r(rows.front());
  ResolutionRecord out;
  out.condition_id = r.text();
  out.winning_outcome_index = r.optional_int64();
  out.payout_numerator_0 = r.int64();
  out.payout_numerator_1 = r.int64();
  out.payout_denominator = r.int64();
  out.resolved_at = from_unix_ms(r.int64());
  out.recorded_at = from_unix_ms(r.int64());
  return out;
}

bool same_outcome(const ResolutionRecord& a, const ResolutionRecord& b) {
  return a.winning_outcome_index == b.winning_outcome_index &&
         a.payout_numerator_0 == b.payout_numerator_0 &&
         a.payout_numerator_1 == b.payout_numerator_1 &&
         a.payout_denominator == b.payout_denominator;
}

}  // namespace

Status SqlStore::upsert_trader(const std::string& address,
                               const std::optional<std::string>& display_name,
                               core::Timestamp now) {
  if (auto ok = check_trader_address(address); !ok) return ok;
  return transact(TransactionMode::write, [&]() -> Status {
    require(execute(*connection_,
                    "INSERT INTO traders (address, display_name, first_seen_at, updated_at) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT (address) DO UPDATE SET "
                    "display_name = COALESCE(excluded.display_name, traders.display_name), "
                    "updated_at = excluded.updated_at",
                    {address, optional_value(display_name), to_unix_ms(now), to_unix_ms(now)}),
            "upsert_trader");
    return {};
  });
}

Result<std::optional<TraderRecord>> SqlStore::get_trader(const std::string& address) {
  return transact(TransactionMode::read, [&]() -> Result<std::optional<TraderRecord>> {
    const auto rows = require(query(*connection_,
                                    "SELECT address, display_name, first_seen_at, updated_at "
                                    "FROM traders WHERE address = ?",
                                    {address}),
                              "get_trader");
    if (rows.empty()) return std::optional<TraderRecord>{};
    RowReader r(rows.front());
    TraderRecord t;
    t.address = r.text();
    t.display_name = r.optional_text();
    t.first_seen_at = from_unix_ms(r.int64());
    t.updated_at = from_unix_ms(r.int64());
    return std::optional<TraderRecord>{std::move(t)};
  });
}

Result<std::vector<std::string>> SqlStore::insert_source_trades(
    const std::vector<SourceTradeRecord>& trades) {
  if (auto ok = check_trades(trades); !ok) return ok.error();
  return transact(TransactionMode::write, [&]() -> Result<std::vector<std::string>> {
    auto ids = store_trades(*connection_, trades);
    count_new_source_trades(*connection_, trades, ids);
    return ids;
  });
}

Result<std::vector<std::string>> SqlStore::ingest_trader_trades(
    const std::vector<SourceTradeRecord>& trades, const FeedCursor& advance_to) {
  if (auto ok = check_cursor(advance_to); !ok) return ok.error();
  if (auto ok = check_trades(trades); !ok) return ok.error();
  for (const auto& t : trades) {
    if (t.trader_address != advance_to.trader_address)
      return Error{"trader_mismatch", "trade " + t.id + " is not by " + advance_to.trader_address};
  }
  return transact(TransactionMode::write, [&]() -> Result<std::vector<std::string>> {
    auto ids = store_trades(*connection_, trades);
    count_new_source_trades(*connection_, trades, ids);
    write_cursor(*connection_, advance_to);
    return ids;
  });
}

Result<std::optional<FeedCursor>> SqlStore::get_feed_cursor(const std::string& trader_address) {
  return transact(TransactionMode::read, [&]() -> Result<std::optional<FeedCursor>> {
    const auto rows = require(query(*connection_,
                                    "SELECT trader_address, traded_at, tx_hash, token_id, "
                                    "updated_at FROM trader_feed_cursors WHERE trader_address = ?",
                                    {trader_address}),
                              "get_feed_cursor");
    if (rows.empty()) return std::optional<FeedCursor>{};
    RowReader r(rows.front());
    FeedCursor c;
    c.trader_address = r.text();
    c.traded_at = from_unix_ms(r.int64());
    c.tx_hash = r.text();
    c.token_id = r.text();
    c.updated_at = from_unix_ms(r.int64());
    return std::optional<FeedCursor>{std::move(c)};
  });
}

Status SqlStore::set_feed_cursor(const FeedCursor& cursor) {
  if (auto ok = check_cursor(cursor); !ok) return ok;
  return transact(TransactionMode::write, [&]() -> Status {
    write_cursor(*connection_, cursor);
    return {};
  });
}

namespace {

// FT and LT strategies keep their signals and evaluation mark in the same shape: the column
// of strategy_signals naming the strategy, and the strategy's table.
struct EvaluatorTables {
  std::string_view signal_column;   // ft_strategy_id | lt_strategy_id
  std::string_view strategy_table;  // ft_strategies | lt_strategies
  std::string_view op;
};
constexpr EvaluatorTables kFtEvaluator{"ft_strategy_id", "ft_strategies",
                                       "unprocessed_source_trades_for_ft"};
constexpr EvaluatorTables kLtEvaluator{"lt_strategy_id", "lt_strategies",
                                       "unprocessed_source_trades_for_lt"};

std::vector<SourceTradeRecord> unprocessed_source_trades(
    Connection& connection, const EvaluatorTables& tables, const std::string& strategy_id,
    std::int64_t limit, const std::optional<SourceTradeKey>& after) {
  std::string sql = "SELECT " + std::string(kTradeColumns) +
                    " FROM source_trades st WHERE NOT EXISTS (SELECT 1 FROM "
                    "strategy_signals s WHERE s." +
                    std::string(tables.signal_column) +
                    " = ? AND s.source_trade_id = st.id) AND st.seq > (SELECT "
                    "evaluated_through_seq FROM " +
                    std::string(tables.strategy_table) + " WHERE id = ?)";
  std::vector<Value> params{strategy_id, strategy_id};
  if (after) {
    // Past the key in (traded_at, id) order: the index on (traded_at, id) starts there.
    sql += " AND (st.traded_at > ? OR (st.traded_at = ? AND st.id > ?))";
    params.insert(params.end(),
                  {to_unix_ms(after->traded_at), to_unix_ms(after->traded_at), after->id});
  }
  // Few trades since the mark (every pass after the first): read them by the seq index and
  // sort them; "+traded_at" keeps the planner off the traded_at index, which would walk every
  // trade ever stored. A large backlog (a new strategy) is walked in traded_at order instead,
  // from the batch key on, without sorting it again for every batch.
  const auto since = require(query(connection,
                                   "SELECT (SELECT COALESCE(MAX(seq), 0) FROM source_trades) - "
                                   "(SELECT evaluated_through_seq FROM " +
                                       std::string(tables.strategy_table) + " WHERE id = ?)",
                                   {strategy_id}),
                             tables.op);
  const Value& delta = since.front().front();
  const bool few = delta.is_integer() && delta.integer() <= 4 * limit;
  sql += few ? " ORDER BY +st.traded_at, st.id LIMIT ?" : " ORDER BY st.traded_at, st.id LIMIT ?";
  params.emplace_back(limit);
  std::vector<SourceTradeRecord> out;
  for (const auto& row : require(query(connection, sql, params), tables.op)) {
    RowReader r(row);
    out.push_back(read_trade(r));
  }
  return out;
}

Status mark_evaluated_through(Connection& connection, const EvaluatorTables& tables,
                              const std::string& strategy_id, std::int64_t seq) {
  const std::string table(tables.strategy_table);
  const auto changed = require(
      execute(connection,
              "UPDATE " + table +
                  " SET evaluated_through_seq = CASE WHEN ? > "
                  "evaluated_through_seq THEN ? ELSE evaluated_through_seq END WHERE id = ?",
              {seq, seq, strategy_id}),
      "mark_evaluated_through");
  if (changed == 0)
    return Error{"not_found",
                 "mark_evaluated_through: no strategy '" + strategy_id + "' in " + table};
  return {};
}

}  // namespace

Result<std::vector<SourceTradeRecord>> SqlStore::unprocessed_source_trades_for_ft(
    const std::string& ft_strategy_id, std::int64_t limit,
    const std::optional<SourceTradeKey>& after) {
  if (limit <= 0) return Error{"invalid_limit", "limit must be positive"};
  return transact(TransactionMode::read, [&]() -> Result<std::vector<SourceTradeRecord>> {
    return unprocessed_source_trades(*connection_, kFtEvaluator, ft_strategy_id, limit, after);
  });
}

Result<std::vector<SourceTradeRecord>> SqlStore::unprocessed_source_trades_for_lt(
    const std::string& lt_strategy_id, std::int64_t limit,
    const std::optional<SourceTradeKey>& after) {
  if (limit <= 0) return Error{"invalid_limit", "limit must be positive"};
  return transact(TransactionMode::read, [&]() -> Result<std::vector<SourceTradeRecord>> {
    return unprocessed_source_trades(*connection_, kLtEvaluator, lt_strategy_id, limit, after);
  });
}

Result<std::int64_t> SqlStore::latest_source_trade_seq() {
  return transact(TransactionMode::read, [&]() -> Result<std::int64_t> {
    return RowReader(require(query(*connection_, "SELECT COALESCE(MAX(seq), 0) FROM source_trades"),
                             "latest_source_trade_seq")
                         .front())
        .int64();
  });
}

Status SqlStore::mark_ft_evaluated_through(const std::string& ft_strategy_id, std::int64_t seq) {
  return transact(TransactionMode::write, [&]() -> Status {
    return mark_evaluated_through(*connection_, kFtEvaluator, ft_strategy_id, seq);
  });
}

Status SqlStore::mark_lt_evaluated_through(const std::string& lt_strategy_id, std::int64_t seq) {
  return transact(TransactionMode::write, [&]() -> Status {
    return mark_evaluated_through(*connection_, kLtEvaluator, lt_strategy_id, seq);
  });
}

Status SqlStore::upsert_market(const MarketRecord& m,
                               const std::vector<OutcomeTokenRecord>& tokens) {
  if (auto ok = check_market(m, tokens); !ok) return ok;
  return transact(TransactionMode::write, [&]() -> Status {
    Value end_at = optional_time_value(m.end_at);
    Value game_start_at = optional_time_value(m.game_start_at);
    require(
        execute(
            *connection_,
            "INSERT INTO markets (condition_id, question, slug, category, end_at, is_live, "
            "closed, neg_risk, tick_size_micros, min_order_size_micros, updated_at, "
            "game_start_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (condition_id) DO UPDATE "
            "SET question = excluded.question, slug = excluded.slug, "
            "category = excluded.category, end_at = excluded.end_at, "
            "is_live = excluded.is_live, closed = excluded.closed, "
            "neg_risk = excluded.neg_risk, tick_size_micros = excluded.tick_size_micros, "
            "min_order_size_micros = excluded.min_order_size_micros, "
            "updated_at = excluded.updated_at, game_start_at = excluded.game_start_at",
            {m.condition_id, m.question, optional_value(m.slug), optional_value(m.category), end_at,
             flag(m.is_live), flag(m.closed), flag(m.neg_risk), micros_value(m.tick_size),
             micros_value(m.min_order_size), to_unix_ms(m.updated_at), game_start_at}),
        "upsert_market");
    for (const auto& token : tokens) {
      // A known token may only be renamed, never moved to another market or index.
      const auto changed = require(
          execute(*connection_,
                  "INSERT INTO outcome_tokens (token_id, condition_id, outcome_index, outcome) "
                  "VALUES (?, ?, ?, ?) ON CONFLICT (token_id) DO UPDATE SET outcome = "
                  "excluded.outcome WHERE outcome_tokens.condition_id = excluded.condition_id "
                  "AND outcome_tokens.outcome_index = excluded.outcome_index",
                  {token.token_id, token.condition_id, token.outcome_index, token.outcome}),
          "upsert_market");
      if (changed == 0)
        return Error{"conflict", "upsert_market: token " + token.token_id +
                                     " already belongs to another market or outcome"};
    }
    return {};
  });
}

Result<std::optional<MarketWithTokens>> SqlStore::get_market(const std::string& condition_id) {
  return transact(TransactionMode::read, [&]() -> Result<std::optional<MarketWithTokens>> {
    return load_market(*connection_, condition_id);
  });
}

Result<std::optional<MarketWithTokens>> SqlStore::get_market_by_token(const std::string& token_id) {
  return transact(TransactionMode::read, [&]() -> Result<std::optional<MarketWithTokens>> {
    const auto rows =
        require(query(*connection_, "SELECT condition_id FROM outcome_tokens WHERE token_id = ?",
                      {token_id}),
                "get_market_by_token");
    if (rows.empty()) return std::optional<MarketWithTokens>{};
    return load_market(*connection_, RowReader(rows.front()).text());
  });
}

Status SqlStore::record_resolution(const ResolutionRecord& resolution) {
  if (auto ok = check_resolution(resolution); !ok) return ok;
  return transact(TransactionMode::write, [&]() -> Status {
    if (auto known = load_resolution(*connection_, resolution.condition_id)) {
      if (same_outcome(*known, resolution)) return {};  // a repeat: keep the first record
      return Error{"resolution_conflict",
                   "market " + resolution.condition_id + " is already resolved differently"};
    }
    require(execute(*connection_,
                    "INSERT INTO resolutions (condition_id, winning_outcome_index, "
                    "payout_numerator_0, payout_numerator_1, payout_denominator, resolved_at, "
                    "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    {resolution.condition_id, optional_value(resolution.winning_outcome_index),
                     resolution.payout_numerator_0, resolution.payout_numerator_1,
                     resolution.payout_denominator, to_unix_ms(resolution.resolved_at),
                     to_unix_ms(resolution.recorded_at)}),
            "record_resolution");
    count_resolved_market(*connection_, resolution);  // new resolutions only: counted once
    return {};
  });
}

Result<std::optional<ResolutionRecord>> SqlStore::get_resolution(const std::string& condition_id) {
  return transact(TransactionMode::read, [&]() -> Result<std::optional<ResolutionRecord>> {
    return load_resolution(*connection_, condition_id);
  });
}

Result<std::vector<std::string>> SqlStore::unknown_trade_conditions(std::int64_t limit) {
  if (limit <= 0) return Error{"invalid_limit", "limit must be positive"};
  return transact(TransactionMode::read, [&]() -> Result<std::vector<std::string>> {
    std::vector<std::string> out;
    for (const auto& row :
         require(query(*connection_,
                       "SELECT DISTINCT st.condition_id FROM source_trades st WHERE NOT EXISTS "
                       "(SELECT 1 FROM markets m WHERE m.condition_id = st.condition_id) "
                       "ORDER BY st.condition_id LIMIT ?",
                       {limit}),
                 "unknown_trade_conditions"))
      out.push_back(RowReader(row).text());
    return out;
  });
}

Result<std::vector<std::string>> SqlStore::open_market_conditions() {
  return transact(TransactionMode::read, [&]() -> Result<std::vector<std::string>> {
    std::vector<std::string> out;
    for (const auto& row :
         require(query(*connection_,
                       "SELECT m.condition_id FROM markets m WHERE m.closed = 0 OR NOT EXISTS "
                       "(SELECT 1 FROM resolutions r WHERE r.condition_id = m.condition_id) "
                       "ORDER BY m.condition_id"),
                 "open_market_conditions"))
      out.push_back(RowReader(row).text());
    return out;
  });
}

}  // namespace polycopy::store::sql
