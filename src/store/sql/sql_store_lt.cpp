// LT strategies: the strategy row, its 1:1 risk_rules row and, on insert, its risk_state row.
#include <string>

#include "store/sql/money_columns.hpp"
#include "store/sql/query.hpp"
#include "store/sql/row_reader.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sql/statement_error.hpp"

namespace polycopy::store::sql {
namespace {

using core::from_unix_ms;
using core::Ratio;
using core::to_unix_ms;
using core::Usd;

constexpr std::string_view kSelect =
    "SELECT s.id, s.user_id, s.name, s.ft_strategy_id, s.wallet_id, s.order_type, "
    "s.order_expiry_seconds, s.time_zone, s.starting_equity_micros, s.paused, s.pause_reason, "
    "s.created_at, s.updated_at, r.daily_budget_usd_micros, r.weekly_budget_usd_micros, "
    "r.monthly_budget_usd_micros, r.max_position_usd_micros, r.max_total_exposure_usd_micros, "
    "r.max_open_positions, r.max_positions_per_market, r.max_drawdown_micros, "
    "r.consecutive_loss_limit, r.max_slippage_micros, r.min_order_book_depth_usd_micros "
    "FROM lt_strategies s JOIN risk_rules r ON r.lt_strategy_id = s.id WHERE ";

Params risk_values(const RiskRules& risk) {
  return {micros_value(risk.daily_budget_usd),           micros_value(risk.weekly_budget_usd),
          micros_value(risk.monthly_budget_usd),         micros_value(risk.max_position_usd),
          micros_value(risk.max_total_exposure_usd),     optional_value(risk.max_open_positions),
          optional_value(risk.max_positions_per_market), micros_value(risk.max_drawdown_pct),
          optional_value(risk.consecutive_loss_limit),   micros_value(risk.max_slippage_pct),
          micros_value(risk.min_order_book_depth_usd)};
}

constexpr std::string_view kRiskColumns =
    "daily_budget_usd_micros, weekly_budget_usd_micros, monthly_budget_usd_micros, "
    "max_position_usd_micros, max_total_exposure_usd_micros, max_open_positions, "
    "max_positions_per_market, max_drawdown_micros, consecutive_loss_limit, "
    "max_slippage_micros, min_order_book_depth_usd_micros";

constexpr std::string_view kRiskAssignments =
    "daily_budget_usd_micros = ?, weekly_budget_usd_micros = ?, monthly_budget_usd_micros = ?, "
    "max_position_usd_micros = ?, max_total_exposure_usd_micros = ?, max_open_positions = ?, "
    "max_positions_per_market = ?, max_drawdown_micros = ?, consecutive_loss_limit = ?, "
    "max_slippage_micros = ?, min_order_book_depth_usd_micros = ?";

Value text_of(OrderType type) {
  return std::string(to_string(type));
}

LtStrategy read_strategy(const Row& row) {
  RowReader r(row);
  LtStrategy s;
  s.id = r.text();
  s.user_id = r.text();
  s.params.name = r.text();
  s.params.ft_strategy_id = r.text();
  s.params.wallet_id = r.optional_text();
  const std::string type = r.text();
  const auto order_type = order_type_from_string(type);
  if (!order_type) throw core::Failure("db_error", "stored order type '" + type + "' is unknown");
  s.params.order_type = *order_type;
  s.params.order_expiry_seconds = r.int64();
  s.params.time_zone = r.text();
  s.params.starting_equity = Usd::from_micros(r.int64());
  s.paused = r.boolean();
  s.pause_reason = r.optional_text();
  s.created_at = from_unix_ms(r.int64());
  s.updated_at = from_unix_ms(r.int64());
  RiskRules& risk = s.params.risk;
  risk.daily_budget_usd = optional_fixed<Usd>(r.optional_int64());
  risk.weekly_budget_usd = optional_fixed<Usd>(r.optional_int64());
  risk.monthly_budget_usd = optional_fixed<Usd>(r.optional_int64());
  risk.max_position_usd = optional_fixed<Usd>(r.optional_int64());
  risk.max_total_exposure_usd = optional_fixed<Usd>(r.optional_int64());
  risk.max_open_positions = r.optional_int64();
  risk.max_positions_per_market = r.optional_int64();
  risk.max_drawdown_pct = optional_fixed<Ratio>(r.optional_int64());
  risk.consecutive_loss_limit = r.optional_int64();
  risk.max_slippage_pct = optional_fixed<Ratio>(r.optional_int64());
  risk.min_order_book_depth_usd = optional_fixed<Usd>(r.optional_int64());
  return s;
}

std::vector<LtStrategy> load_strategies(Connection& connection, std::string_view where,
                                        const Params& params) {
  std::vector<LtStrategy> out;
  const std::string sql =
      std::string(kSelect) + std::string(where) + " ORDER BY s.created_at, s.id";
  for (const auto& row : require(query(connection, sql, params), "load lt"))
    out.push_back(read_strategy(row));
  return out;
}

}  // namespace

Status SqlStore::insert_lt_strategy(const LtStrategy& strategy) {
  constexpr std::string_view op = "insert_lt_strategy";
  return transact(TransactionMode::write, [&]() -> Status {
    const auto& p = strategy.params;
    require(execute(*connection_,
                    "INSERT INTO lt_strategies (id, user_id, name, ft_strategy_id, wallet_id, "
                    "order_type, order_expiry_seconds, time_zone, starting_equity_micros, paused, "
                    "pause_reason, created_at, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    {strategy.id, strategy.user_id, p.name, p.ft_strategy_id,
                     optional_value(p.wallet_id), text_of(p.order_type), p.order_expiry_seconds,
                     p.time_zone, micros_value(p.starting_equity),
                     std::int64_t{strategy.paused ? 1 : 0}, optional_value(strategy.pause_reason),
                     to_unix_ms(strategy.created_at), to_unix_ms(strategy.updated_at)}),
            op);
    Params risk{strategy.id};
    for (auto& value : risk_values(p.risk)) risk.push_back(std::move(value));
    require(execute(*connection_,
                    "INSERT INTO risk_rules (lt_strategy_id, " + std::string(kRiskColumns) +
                        ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    risk),
            op);
    // Fresh state: nothing spent (window starts at the epoch, so the first check rolls them),
    // equity and peak at the starting equity, breaker closed.
    const std::int64_t equity = p.starting_equity.micros();
    require(execute(*connection_,
                    "INSERT INTO risk_state (lt_strategy_id, day_window_start, "
                    "day_spent_usd_micros, week_window_start, week_spent_usd_micros, "
                    "month_window_start, month_spent_usd_micros, reserved_usd_micros, "
                    "exposure_usd_micros, open_positions, realised_pnl_usd_micros, "
                    "equity_usd_micros, peak_equity_usd_micros, consecutive_losses, "
                    "breaker_state, updated_at) "
                    "VALUES (?, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ?, ?, 0, 'closed', ?)",
                    {strategy.id, equity, equity, to_unix_ms(strategy.created_at)}),
            op);
    return {};
  });
}

Result<std::vector<LtStrategy>> SqlStore::list_lt_strategies(const std::string& user_id) {
  return transact(TransactionMode::read, [&]() -> Result<std::vector<LtStrategy>> {
    return load_strategies(*connection_, "s.user_id = ?", {user_id});
  });
}

Result<std::optional<LtStrategy>> SqlStore::get_lt_strategy(const std::string& user_id,
                                                            const std::string& id) {
  return transact(TransactionMode::read, [&]() -> Result<std::optional<LtStrategy>> {
    auto found = load_strategies(*connection_, "s.user_id = ? AND s.id = ?", {user_id, id});
    if (found.empty()) return std::optional<LtStrategy>{};
    return std::optional<LtStrategy>{std::move(found.front())};
  });
}

Status SqlStore::update_lt_strategy(const LtStrategy& strategy,
                                    const std::vector<RuleChange>& changes) {
  constexpr std::string_view op = "update_lt_strategy";
  return transact(TransactionMode::write, [&]() -> Status {
    const auto& p = strategy.params;
    // The pause is left alone: the breaker may have paused the strategy since it was read.
    const auto changed = require(
        execute(*connection_,
                "UPDATE lt_strategies SET name = ?, ft_strategy_id = ?, wallet_id = ?, "
                "order_type = ?, order_expiry_seconds = ?, time_zone = ?, "
                "starting_equity_micros = ?, updated_at = ? WHERE id = ? AND user_id = ?",
                {p.name, p.ft_strategy_id, optional_value(p.wallet_id), text_of(p.order_type),
                 p.order_expiry_seconds, p.time_zone, micros_value(p.starting_equity),
                 to_unix_ms(strategy.updated_at), strategy.id, strategy.user_id}),
        op);
    if (changed == 0)
      return core::Error{"not_found",
                         std::string(op) + ": no LT strategy '" + strategy.id + "' for this user"};
    Params risk = risk_values(p.risk);
    risk.push_back(strategy.id);
    require(execute(*connection_,
                    "UPDATE risk_rules SET " + std::string(kRiskAssignments) +
                        " WHERE lt_strategy_id = ?",
                    risk),
            op);
    for (const auto& change : changes) insert_rule_change(*connection_, change);
    return {};
  });
}

Result<LtStrategy> SqlStore::set_lt_paused(const std::string& user_id, const std::string& id,
                                           bool paused, const std::optional<std::string>& reason,
                                           const RuleChange& change) {
  constexpr std::string_view op = "set_lt_paused";
  return transact(TransactionMode::write, [&]() -> Result<LtStrategy> {
    auto found = load_strategies(*connection_, "s.user_id = ? AND s.id = ?", {user_id, id});
    if (found.empty())
      return core::Error{"not_found", std::string(op) + ": no LT strategy '" + id + "'"};
    LtStrategy strategy = std::move(found.front());
    if (strategy.paused == paused) return strategy;
    if (!paused) {
      const auto breaker = require(
          query(*connection_,
                "SELECT breaker_state, breaker_reason FROM risk_state WHERE lt_strategy_id = ?",
                {id}),
          op);
      if (!breaker.empty()) {
        RowReader r(breaker.front());
        const std::string state = r.text();
        const auto why = r.optional_text();
        if (state == "open")
          return core::Error{"circuit_breaker_open", "the circuit breaker is open (" +
                                                         why.value_or("no reason") +
                                                         "): reset the breaker to resume"};
      }
    }
    strategy.paused = paused;
    strategy.pause_reason = paused ? reason : std::nullopt;
    strategy.updated_at = change.changed_at;
    require(execute(*connection_,
                    "UPDATE lt_strategies SET paused = ?, pause_reason = ?, updated_at = ? "
                    "WHERE id = ?",
                    {std::int64_t{paused ? 1 : 0}, optional_value(strategy.pause_reason),
                     to_unix_ms(strategy.updated_at), id}),
            op);
    insert_rule_change(*connection_, change);
    return strategy;
  });
}

Result<std::vector<LtStrategy>> SqlStore::list_active_lt_strategies() {
  return transact(TransactionMode::read, [&]() -> Result<std::vector<LtStrategy>> {
    return load_strategies(*connection_, "s.paused = 0 AND s.wallet_id IS NOT NULL", {});
  });
}

Result<std::vector<LtStrategy>> SqlStore::list_wallet_lt_strategies() {
  return transact(TransactionMode::read, [&]() -> Result<std::vector<LtStrategy>> {
    return load_strategies(*connection_, "s.wallet_id IS NOT NULL", {});
  });
}

std::optional<LtStrategy> load_lt_strategy(Connection& connection, const std::string& id) {
  auto found = load_strategies(connection, "s.id = ?", {id});
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

}  // namespace polycopy::store::sql
