// Risk manager persistence: the snapshot a risk decision reads and the transition it writes,
// both inside one write transaction (BEGIN IMMEDIATE on SQLite), so concurrent writers,
// threads or processes, see each other's reservations.
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

constexpr std::string_view kStateColumns =
    "day_window_start, day_spent_usd_micros, day_reserved_usd_micros, week_window_start, "
    "week_spent_usd_micros, week_reserved_usd_micros, month_window_start, "
    "month_spent_usd_micros, month_reserved_usd_micros, reserved_usd_micros, "
    "exposure_usd_micros, open_positions, realised_pnl_usd_micros, equity_usd_micros, "
    "peak_equity_usd_micros, consecutive_losses, breaker_state, breaker_reason, "
    "breaker_tripped_at, updated_at";

constexpr std::string_view kReservationColumns =
    "id, lt_strategy_id, order_id, condition_id, token_id, limit_price_micros, size_micros, "
    "state, amount_usd_micros, settled_usd_micros, overspend_usd_micros, filled_size_micros, "
    "day_window_start, week_window_start, month_window_start, position_open, "
    "payout_usd_micros, fees_usd_micros, pnl_usd_micros, created_at, updated_at, resolved_at";

RiskState read_state(const Row& row) {
  RowReader r(row);
  RiskState s;
  s.day_window_start = from_unix_ms(r.int64());
  s.day_spent = Usd::from_micros(r.int64());
  s.day_reserved = Usd::from_micros(r.int64());
  s.week_window_start = from_unix_ms(r.int64());
  s.week_spent = Usd::from_micros(r.int64());
  s.week_reserved = Usd::from_micros(r.int64());
  s.month_window_start = from_unix_ms(r.int64());
  s.month_spent = Usd::from_micros(r.int64());
  s.month_reserved = Usd::from_micros(r.int64());
  s.reserved = Usd::from_micros(r.int64());
  s.exposure = Usd::from_micros(r.int64());
  s.open_positions = r.int64();
  s.realised_pnl = Usd::from_micros(r.int64());
  s.equity = Usd::from_micros(r.int64());
  s.peak_equity = Usd::from_micros(r.int64());
  s.consecutive_losses = r.int64();
  s.breaker_open = r.text() == "open";
  s.breaker_reason = r.optional_text();
  s.breaker_tripped_at = optional_time(r.optional_int64());
  s.updated_at = from_unix_ms(r.int64());
  return s;
}

Params state_values(const RiskState& s) {
  return {to_unix_ms(s.day_window_start),
          micros_value(s.day_spent),
          micros_value(s.day_reserved),
          to_unix_ms(s.week_window_start),
          micros_value(s.week_spent),
          micros_value(s.week_reserved),
          to_unix_ms(s.month_window_start),
          micros_value(s.month_spent),
          micros_value(s.month_reserved),
          micros_value(s.reserved),
          micros_value(s.exposure),
          s.open_positions,
          micros_value(s.realised_pnl),
          micros_value(s.equity),
          micros_value(s.peak_equity),
          s.consecutive_losses,
          std::string(s.breaker_open ? "open" : "closed"),
          optional_value(s.breaker_reason),
          optional_time_value(s.breaker_tripped_at),
          to_unix_ms(s.updated_at)};
}

BudgetReservation read_reservation(const Row& row) {
  RowReader r(row);
  BudgetReservation b;
  b.id = r.text();
  b.lt_strategy_id = r.text();
  b.order_id = r.optional_text();
  b.condition_id = r.text();
  b.token_id = r.text();
  b.limit_price = price_column(r.int64());
  b.size = Shares::from_micros(r.int64());
  const std::string state = r.text();
  const auto parsed = reservation_state_from_string(state);
  if (!parsed) throw core::Failure("db_error", "stored reservation state '" + state + "'");
  b.state = *parsed;
  b.amount = Usd::from_micros(r.int64());
  b.settled = Usd::from_micros(r.int64());
  b.overspend = Usd::from_micros(r.int64());
  b.filled = Shares::from_micros(r.int64());
  b.day_window_start = from_unix_ms(r.int64());
  b.week_window_start = from_unix_ms(r.int64());
  b.month_window_start = from_unix_ms(r.int64());
  b.position_open = r.boolean();
  b.payout = optional_fixed<Usd>(r.optional_int64());
  b.fees = optional_fixed<Usd>(r.optional_int64());
  b.pnl = optional_fixed<Usd>(r.optional_int64());
  b.created_at = from_unix_ms(r.int64());
  b.updated_at = from_unix_ms(r.int64());
  b.resolved_at = optional_time(r.optional_int64());
  return b;
}

Params reservation_values(const BudgetReservation& b) {
  return {b.id,
          b.lt_strategy_id,
          optional_value(b.order_id),
          b.condition_id,
          b.token_id,
          micros_value(b.limit_price),
          micros_value(b.size),
          std::string(to_string(b.state)),
          micros_value(b.amount),
          micros_value(b.settled),
          micros_value(b.overspend),
          micros_value(b.filled),
          to_unix_ms(b.day_window_start),
          to_unix_ms(b.week_window_start),
          to_unix_ms(b.month_window_start),
          std::int64_t{b.position_open ? 1 : 0},
          micros_value(b.payout),
          micros_value(b.fees),
          micros_value(b.pnl),
          to_unix_ms(b.created_at),
          to_unix_ms(b.updated_at),
          optional_time_value(b.resolved_at)};
}

std::string assignments(std::string_view columns) {
  std::string out;
  std::size_t start = 0;
  while (start < columns.size()) {
    auto end = columns.find(',', start);
    if (end == std::string_view::npos) end = columns.size();
    auto name = columns.substr(start, end - start);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    if (!out.empty()) out += ", ";
    out += std::string(name) + " = ?";
    start = end + 1;
  }
  return out;
}

std::int64_t count(Connection& connection, std::string_view sql, const Params& params) {
  const auto rows = require(query(connection, sql, params), "count open positions");
  return rows.empty() ? 0 : RowReader(rows.front()).int64();
}

// Live orders plus filled positions not yet resolved, as two index range counts (an OR
// would scan every reservation the strategy ever made). A released reservation never holds
// a position.
std::string open_slots(std::string_view market_filter) {
  const std::string base = "SELECT COUNT(*) FROM budget_reservations WHERE lt_strategy_id = ?" +
                           std::string(market_filter);
  return "SELECT (" + base + " AND state = 'reserved') + (" + base +
         " AND state = 'settled' AND position_open = 1)";
}

// The reservation whose `column` (its id, or the order it is bound to) is `value`.
std::optional<BudgetReservation> load_reservation(Connection& connection, const std::string& value,
                                                  std::string_view column = "id") {
  const auto rows =
      require(query(connection,
                    "SELECT " + std::string(kReservationColumns) +
                        " FROM budget_reservations WHERE " + std::string(column) + " = ?",
                    {value}),
              "load reservation");
  if (rows.empty()) return std::nullopt;
  return read_reservation(rows.front());
}

// The snapshot of scope, or a not_found error.
Result<RiskSnapshot> load_snapshot(Connection& connection, const RiskEventScope& scope) {
  RiskSnapshot snapshot;
  snapshot.now = scope.now;
  auto strategy = load_lt_strategy(connection, scope.lt_strategy_id);
  if (!strategy) return core::Error{"not_found", "no LT strategy '" + scope.lt_strategy_id + "'"};
  snapshot.strategy = std::move(*strategy);
  const auto state_rows = require(
      query(connection,
            "SELECT " + std::string(kStateColumns) + " FROM risk_state WHERE lt_strategy_id = ?",
            {scope.lt_strategy_id}),
      "load risk state");
  if (state_rows.empty())
    throw core::Failure("db_error", "LT strategy '" + scope.lt_strategy_id + "' has no risk state");
  snapshot.state = read_state(state_rows.front());
  snapshot.open_positions =
      count(connection, open_slots(""), {scope.lt_strategy_id, scope.lt_strategy_id});
  if (scope.condition_id)
    snapshot.open_positions_in_market = count(
        connection, open_slots(" AND condition_id = ?"),
        {scope.lt_strategy_id, *scope.condition_id, scope.lt_strategy_id, *scope.condition_id});
  if (scope.reservation_id) {
    auto reservation = load_reservation(connection, *scope.reservation_id);
    if (!reservation || reservation->lt_strategy_id != scope.lt_strategy_id)
      return core::Error{"not_found", "no reservation '" + *scope.reservation_id +
                                          "' for LT strategy '" + scope.lt_strategy_id + "'"};
    snapshot.reservation = std::move(reservation);
  }
  if (scope.redemption_id) {
    const auto rows = require(
        query(connection,
              "SELECT " + std::string(kRedemptionColumns) +
                  " FROM redemptions r JOIN lt_positions p ON p.id = r.lt_position_id WHERE r.id "
                  "= ? AND p.lt_strategy_id = ?",
              {*scope.redemption_id, scope.lt_strategy_id}),
        "load redemption");
    if (rows.empty())
      return core::Error{"not_found", "no redemption '" + *scope.redemption_id +
                                          "' for LT strategy '" + scope.lt_strategy_id + "'"};
    RowReader r(rows.front());
    snapshot.redemption = read_redemption(r);
  }
  if (scope.fill_key)
    snapshot.fill_already_applied =
        count(connection, "SELECT COUNT(*) FROM reservation_fills WHERE fill_key = ?",
              {*scope.fill_key}) > 0;
  return snapshot;
}

void write_transition(Connection& connection, const RiskSnapshot& snapshot,
                      const RiskTransition& t) {
  constexpr std::string_view op = "apply_risk_event";
  const std::string& id = snapshot.strategy.id;
  if (t.intent) insert_intent_row(connection, *t.intent, op);  // before the row naming it
  Params state = state_values(t.state);
  state.push_back(id);
  require(
      execute(connection,
              "UPDATE risk_state SET " + assignments(kStateColumns) + " WHERE lt_strategy_id = ?",
              state),
      op);
  if (t.reservation) {
    const auto values = reservation_values(*t.reservation);
    Params update(values.begin() + 1, values.end());
    update.push_back(t.reservation->id);
    const auto changed = require(
        execute(connection,
                "UPDATE budget_reservations SET " +
                    assignments(std::string_view(kReservationColumns).substr(4)) + " WHERE id = ?",
                update),
        op);
    if (changed == 0)
      require(execute(connection,
                      "INSERT INTO budget_reservations (" + std::string(kReservationColumns) +
                          ") VALUES (" + placeholders(values.size()) + ")",
                      values),
              op);
  }
  if (t.fill)
    require(execute(connection,
                    "INSERT INTO reservation_fills (fill_key, reservation_id, size_micros, "
                    "cost_usd_micros, filled_at) VALUES (?, ?, ?, ?, ?)",
                    {t.fill->fill_key, t.fill->reservation_id, micros_value(t.fill->shares),
                     micros_value(t.fill->cost), to_unix_ms(t.fill->filled_at)}),
            op);
  if (t.pause_reason || t.resume)
    require(execute(connection,
                    "UPDATE lt_strategies SET paused = ?, pause_reason = ?, updated_at = ? "
                    "WHERE id = ?",
                    {std::int64_t{t.pause_reason ? 1 : 0}, optional_value(t.pause_reason),
                     to_unix_ms(snapshot.now), id}),
            op);
  if (t.redemption_paid)
    require(execute(connection,
                    "UPDATE redemptions SET state = 'confirmed', paid_usd_micros = ?, last_error = "
                    "?, next_attempt_at = NULL, updated_at = ? WHERE id = ?",
                    {micros_value(t.redemption_paid->paid), optional_value(t.redemption_paid->note),
                     to_unix_ms(snapshot.now), t.redemption_paid->redemption_id}),
            op);
  if (t.alert) raise_alert(connection, snapshot.strategy.user_id, id, *t.alert, snapshot.now);
  if (t.change) insert_rule_change(connection, *t.change);
}

}  // namespace

Result<RiskDecision> SqlStore::apply_risk_event(const RiskEventScope& scope,
                                                const RiskDecider& decide) {
  return transact(TransactionMode::write, [&]() -> Result<RiskDecision> {
    auto snapshot = load_snapshot(*connection_, scope);
    if (!snapshot) return snapshot.error();
    RiskDecision decision = decide(*snapshot);
    if (decision.refusal || decision.no_op) return decision;
    if (const auto& intent = decision.transition.intent;
        intent && order_with_key(*connection_, intent->idempotency_key))
      return core::Error{"order_exists", "an order with the idempotency key of " + intent->id +
                                             " is stored already"};
    write_transition(*connection_, *snapshot, decision.transition);
    return decision;
  });
}

Result<std::optional<RiskSnapshot>> SqlStore::get_risk_snapshot(const std::string& user_id,
                                                                const std::string& lt_strategy_id,
                                                                core::Timestamp now) {
  return transact(TransactionMode::read, [&]() -> Result<std::optional<RiskSnapshot>> {
    auto snapshot =
        load_snapshot(*connection_, RiskEventScope{lt_strategy_id, now, {}, {}, {}, {}});
    if (!snapshot) {
      if (snapshot.error().code == "not_found") return std::optional<RiskSnapshot>{};
      return snapshot.error();
    }
    if (snapshot->strategy.user_id != user_id) return std::optional<RiskSnapshot>{};
    return std::optional<RiskSnapshot>{std::move(*snapshot)};
  });
}

Result<std::vector<BudgetReservation>> SqlStore::list_budget_reservations(
    const std::string& lt_strategy_id) {
  return transact(TransactionMode::read, [&]() -> Result<std::vector<BudgetReservation>> {
    std::vector<BudgetReservation> out;
    const auto rows = require(query(*connection_,
                                    "SELECT " + std::string(kReservationColumns) +
                                        " FROM budget_reservations WHERE lt_strategy_id = ? "
                                        "ORDER BY created_at, id",
                                    {lt_strategy_id}),
                              "list_budget_reservations");
    for (const auto& row : rows) out.push_back(read_reservation(row));
    return out;
  });
}

Result<std::optional<BudgetReservation>> SqlStore::find_reservation_by_order(
    const std::string& order_id) {
  return transact(TransactionMode::read, [&]() -> Result<std::optional<BudgetReservation>> {
    return load_reservation(*connection_, order_id, "order_id");
  });
}

Result<std::vector<BudgetReservation>> SqlStore::list_unbound_reservations(
    const std::string& lt_strategy_id, core::Timestamp before) {
  return transact(TransactionMode::read, [&]() -> Result<std::vector<BudgetReservation>> {
    std::vector<BudgetReservation> out;
    const auto rows = require(
        query(*connection_,
              "SELECT " + std::string(kReservationColumns) +
                  " FROM budget_reservations WHERE lt_strategy_id = ? AND state = 'reserved' AND "
                  "order_id IS NULL AND created_at < ? ORDER BY created_at, id",
              {lt_strategy_id, to_unix_ms(before)}),
        "list_unbound_reservations");
    for (const auto& row : rows) out.push_back(read_reservation(row));
    return out;
  });
}

Result<std::vector<BudgetReservation>> SqlStore::list_holds_of_ended_orders(
    const std::string& lt_strategy_id, core::Timestamp ended_by) {
  return transact(TransactionMode::read, [&]() -> Result<std::vector<BudgetReservation>> {
    std::vector<BudgetReservation> out;
    // The live range of the held-tokens index, then one primary-key look at each order.
    const auto rows = require(
        query(*connection_,
              "SELECT " + std::string(kReservationColumns) +
                  " FROM budget_reservations WHERE lt_strategy_id = ? AND state = 'reserved' AND "
                  "position_open IN (0, 1) AND EXISTS (SELECT 1 FROM orders WHERE orders.id = "
                  "budget_reservations.order_id AND orders.state IN ('filled', 'cancelled', "
                  "'expired', 'rejected') AND orders.updated_at <= ?) ORDER BY created_at, id",
              {lt_strategy_id, to_unix_ms(ended_by)}),
        "list_holds_of_ended_orders");
    for (const auto& row : rows) out.push_back(read_reservation(row));
    return out;
  });
}

}  // namespace polycopy::store::sql
