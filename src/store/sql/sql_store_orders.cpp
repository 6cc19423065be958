// Live orders: the write-ahead intent (bound to its budget reservation), the venue's id,
// fills stored once by venue trade id, and the end of the order.
#include <string>

#include "store/sql/money_columns.hpp"
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
    "id, lt_strategy_id, source_trade_id, idempotency_key, venue_order_id, state, side, "
    "token_id, limit_price_micros, size_micros, filled_size_micros, order_type, "
    "signal_price_micros, salt, signature, venue_message, expires_at, created_at, submitted_at, "
    "updated_at, order_hash";

OrderRecord read_order(const Row& row) {
  RowReader r(row);
  OrderRecord o;
  o.id = r.text();
  o.lt_strategy_id = r.text();
  o.source_trade_id = r.optional_text();
  o.idempotency_key = r.text();
  o.venue_order_id = r.optional_text();
  const std::string state = r.text();
  const auto parsed_state = order_state_from_string(state);
  if (!parsed_state) throw core::Failure("db_error", "stored order state '" + state + "'");
  o.state = *parsed_state;
  o.side = r.text();
  o.token_id = r.text();
  o.limit_price = price_column(r.int64());
  o.size = Shares::from_micros(r.int64());
  o.filled_size = Shares::from_micros(r.int64());
  const std::string type = r.text();
  const auto parsed_type = order_type_from_string(type);
  if (!parsed_type) throw core::Failure("db_error", "stored order type '" + type + "'");
  o.order_type = *parsed_type;
  if (const auto signal = r.optional_int64()) o.signal_price = price_column(*signal);
  o.salt = r.optional_text();
  o.signature = r.optional_text();
  o.venue_message = r.optional_text();
  o.expires_at = optional_time(r.optional_int64());
  o.created_at = from_unix_ms(r.int64());
  o.submitted_at = optional_time(r.optional_int64());
  o.updated_at = from_unix_ms(r.int64());
  o.order_hash = r.optional_text();
  return o;
}

std::optional<OrderRecord> load_order(Connection& connection, std::string_view where,
                                      const Params& params) {
  const auto rows = require(
      query(connection,
            "SELECT " + std::string(kColumns) + " FROM orders WHERE " + std::string(where), params),
      "load order");
  if (rows.empty()) return std::nullopt;
  return read_order(rows.front());
}

OrderRecord require_order(Connection& connection, const std::string& id) {
  auto order = load_order(connection, "id = ?", {id});
  if (!order) throw core::Failure("not_found", "no order '" + id + "'");
  return std::move(*order);
}

void write_progress(Connection& connection, const OrderRecord& o, std::string_view op) {
  const auto before = require(
      query(connection, "SELECT state, filled_size_micros FROM orders WHERE id = ?", {o.id}), op);
  if (!before.empty()) {
    RowReader r(before.front());
    const auto state = r.text();
    const auto filled = r.int64();
    if (state != to_string(o.state) || filled != o.filled_size.micros())
      insert_order_audit(connection, o, state, op);
  }
  require(execute(connection,
                  "UPDATE orders SET venue_order_id = ?, state = ?, filled_size_micros = ?, "
                  "venue_message = ?, submitted_at = ?, updated_at = ? WHERE id = ?",
                  {optional_value(o.venue_order_id), std::string(to_string(o.state)),
                   micros_value(o.filled_size), optional_value(o.venue_message),
                   optional_time_value(o.submitted_at), to_unix_ms(o.updated_at), o.id}),
          op);
}

}  // namespace

void insert_intent_row(Connection& connection, const OrderRecord& o, std::string_view op) {
  require(execute(connection,
                  "INSERT INTO orders (" + std::string(kColumns) +
                      ") VALUES (?, ?, ?, ?, NULL, 'intent', ?, ?, ?, ?, 0, ?, ?, ?, ?, NULL, ?, "
                      "?, NULL, ?, ?)",
                  {o.id, o.lt_strategy_id, optional_value(o.source_trade_id), o.idempotency_key,
                   o.side, o.token_id, micros_value(o.limit_price), micros_value(o.size),
                   std::string(to_string(o.order_type)), micros_value(o.signal_price),
                   optional_value(o.salt), optional_value(o.signature),
                   optional_time_value(o.expires_at), to_unix_ms(o.created_at),
                   to_unix_ms(o.created_at), optional_value(o.order_hash)}),
          op);
  insert_order_audit(connection, o, std::nullopt, op);
}

std::optional<OrderRecord> order_with_key(Connection& connection, const std::string& key) {
  return load_order(connection, "idempotency_key = ?", {key});
}

Result<std::pair<OrderRecord, bool>> SqlStore::insert_order_intent(
    const OrderRecord& o, const std::string& reservation_id) {
  constexpr std::string_view op = "insert_order_intent";
  return transact(TransactionMode::write, [&]() -> Result<std::pair<OrderRecord, bool>> {
    if (auto existing = order_with_key(*connection_, o.idempotency_key))
      return std::pair{std::move(*existing), false};
    insert_intent_row(*connection_, o, op);
    const auto bound = require(
        execute(*connection_,
                "UPDATE budget_reservations SET order_id = ?, updated_at = ? WHERE id = ? AND "
                "lt_strategy_id = ? AND state = 'reserved' AND order_id IS NULL",
                {o.id, to_unix_ms(o.created_at), reservation_id, o.lt_strategy_id}),
        op);
    if (bound == 0)
      return core::Error{"reservation_not_live", "reservation " + reservation_id +
                                                     " is not a live, unbound reservation of " +
                                                     o.lt_strategy_id};
    return std::pair{require_order(*connection_, o.id), true};
  });
}

Result<std::optional<OrderRecord>> SqlStore::find_order(const std::string& id) {
  return transact(TransactionMode::read, [&]() -> Result<std::optional<OrderRecord>> {
    return load_order(*connection_, "id = ?", {id});
  });
}

Result<std::optional<OrderRecord>> SqlStore::find_order_by_key(const std::string& key) {
  return transact(TransactionMode::read, [&]() -> Result<std::optional<OrderRecord>> {
    return order_with_key(*connection_, key);
  });
}

Result<std::optional<OrderRecord>> SqlStore::find_order_by_venue_id(
    const std::string& venue_order_id) {
  return transact(TransactionMode::read, [&]() -> Result<std::optional<OrderRecord>> {
    // Both columns are unique: at most one order answers each.
    if (auto found = load_order(*connection_, "venue_order_id = ?", {venue_order_id})) return found;
    return load_order(*connection_, "order_hash = ?", {venue_order_id});
  });
}

Result<OrderRecord> SqlStore::mark_order_submitted(const std::string& order_id,
                                                   const std::string& venue_order_id,
                                                   core::Timestamp at) {
  return transact(TransactionMode::write, [&]() -> Result<OrderRecord> {
    OrderRecord o = require_order(*connection_, order_id);
    if (o.venue_order_id == venue_order_id) return o;
    if (o.venue_order_id || o.state != OrderState::intent)
      return core::Error{"conflict", "order " + order_id + " is " +
                                         std::string(to_string(o.state)) +
                                         (o.venue_order_id ? " with venue id " + *o.venue_order_id
                                                           : std::string(" without a venue id"))};
    o.venue_order_id = venue_order_id;
    o.state = OrderState::submitted;
    o.submitted_at = o.updated_at = at;
    write_progress(*connection_, o, "mark_order_submitted");
    return o;
  });
}

Result<FillOutcome> SqlStore::record_order_fill(const std::string& order_id, const VenueFill& fill,
                                                core::Timestamp at) {
  constexpr std::string_view op = "record_order_fill";
  return transact(TransactionMode::write, [&]() -> Result<FillOutcome> {
    OrderRecord o = require_order(*connection_, order_id);
    const auto seen =
        require(query(*connection_, "SELECT order_id FROM fills WHERE venue_trade_id = ?",
                      {fill.venue_trade_id}),
                op);
    if (!seen.empty()) {
      if (RowReader(seen.front()).text() != order_id)
        return core::Error{"conflict",
                           "venue trade " + fill.venue_trade_id + " is stored for another order"};
      return FillOutcome{false, std::move(o)};
    }
    if (fill.size <= Shares{} || o.filled_size + fill.size > o.size)
      return core::Error{"fill_exceeds_order", "a fill of " + fill.size.to_string() + " on order " +
                                                   order_id + " (" + o.filled_size.to_string() +
                                                   " of " + o.size.to_string() +
                                                   " filled) is not possible"};
    require(execute(*connection_,
                    "INSERT INTO fills (id, order_id, venue_trade_id, price_micros, size_micros, "
                    "fee_usd_micros, filled_at, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    {fill.id, order_id, fill.venue_trade_id, micros_value(fill.price),
                     micros_value(fill.size), micros_value(fill.fee), to_unix_ms(fill.filled_at),
                     to_unix_ms(at)}),
            op);
    // The position grows with the fill or not at all (a settled one refuses it).
    add_fill_to_lt_position(*connection_, o, fill);
    o.filled_size += fill.size;
    if (!is_final(o.state))
      o.state = o.filled_size == o.size ? OrderState::filled : OrderState::partially_filled;
    o.updated_at = at;
    write_progress(*connection_, o, op);
    return FillOutcome{true, std::move(o)};
  });
}

Result<OrderRecord> SqlStore::end_order(const std::string& order_id, OrderState end,
                                        const std::optional<std::string>& message,
                                        core::Timestamp at) {
  return transact(TransactionMode::write, [&]() -> Result<OrderRecord> {
    if (end != OrderState::cancelled && end != OrderState::expired && end != OrderState::rejected)
      return core::Error{"invalid_argument", "an order ends cancelled, expired or rejected"};
    OrderRecord o = require_order(*connection_, order_id);
    if (is_final(o.state)) return o;
    o.state = end;
    o.venue_message = message;
    o.updated_at = at;
    write_progress(*connection_, o, "end_order");
    return o;
  });
}

Result<std::vector<OrderRecord>> SqlStore::list_orders(const std::string& lt_strategy_id,
                                                       const std::vector<OrderState>& states) {
  return transact(TransactionMode::read, [&]() -> Result<std::vector<OrderRecord>> {
    std::string sql = "SELECT " + std::string(kColumns) + " FROM orders WHERE lt_strategy_id = ?";
    Params params{lt_strategy_id};
    if (!states.empty()) {
      sql += " AND state IN (";
      for (std::size_t i = 0; i < states.size(); ++i) {
        sql += i == 0 ? "?" : ", ?";
        params.push_back(std::string(to_string(states[i])));
      }
      sql += ")";
    }
    sql += " ORDER BY created_at, id";
    std::vector<OrderRecord> out;
    for (const auto& row : require(query(*connection_, sql, params), "list_orders"))
      out.push_back(read_order(row));
    return out;
  });
}

Result<std::vector<VenueFill>> SqlStore::list_order_fills(const std::string& order_id) {
  return transact(TransactionMode::read, [&]() -> Result<std::vector<VenueFill>> {
    std::vector<VenueFill> out;
    const auto rows = require(query(*connection_,
                                    "SELECT id, venue_trade_id, price_micros, size_micros, "
                                    "fee_usd_micros, filled_at, venue_failed_at FROM fills "
                                    "WHERE order_id = ? "
                                    "ORDER BY filled_at, id",
                                    {order_id}),
                              "list_order_fills");
    for (const auto& row : rows) {
      RowReader r(row);
      VenueFill fill;
      fill.id = r.text();
      fill.venue_trade_id = r.text();
      fill.price = price_column(r.int64());
      fill.size = Shares::from_micros(r.int64());
      fill.fee = Usd::from_micros(r.int64());
      fill.filled_at = from_unix_ms(r.int64());
      fill.venue_failed_at = optional_time(r.optional_int64());
      out.push_back(std::move(fill));
    }
    return out;
  });
}

Result<bool> SqlStore::mark_fill_failed(const std::string& venue_trade_id, core::Timestamp at) {
  constexpr std::string_view op = "mark_fill_failed";
  return transact(TransactionMode::write, [&]() -> Result<bool> {
    const auto marked = require(execute(*connection_,
                                        "UPDATE fills SET venue_failed_at = ? WHERE "
                                        "venue_trade_id = ? AND venue_failed_at IS NULL",
                                        {to_unix_ms(at), venue_trade_id}),
                                op);
    if (marked > 0) return true;
    const auto found = require(
        query(*connection_, "SELECT 1 FROM fills WHERE venue_trade_id = ?", {venue_trade_id}), op);
    if (found.empty()) return core::Error{"not_found", "no fill '" + venue_trade_id + "'"};
    return false;
  });
}

}  // namespace polycopy::store::sql
