// FT strategies: one row of params plus child rows for target traders and categories.
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

// Params columns, in the order of param_values() and read_params().
constexpr std::string_view kParamColumns[] = {
    "name",
    "description",
    "starting_cash_micros",
    "max_trade_age_seconds",
    "live_markets_only",
    "discover_month_pnl",
    "discover_month_volume",
    "discover_week_pnl",
    "discover_top_n",
    "min_trader_resolved_count",
    "price_min_micros",
    "price_max_micros",
    "min_trader_win_rate_micros",
    "max_trader_win_rate_micros",
    "min_edge_micros",
    "max_edge_micros",
    "min_conviction_micros",
    "max_conviction_micros",
    "min_original_trade_usd_micros",
    "max_original_trade_usd_micros",
    "model_threshold_micros",
    "allow_adding",
    "slippage_micros",
    "sizing_mode",
    "bet_size_micros",
    "kelly_fraction_micros",
    "min_bet_micros",
    "max_bet_micros",
};

Value flag(bool value) {
  return std::int64_t{value ? 1 : 0};
}

Params param_values(const FtStrategyParams& p) {
  Params v;
  v.reserve(std::size(kParamColumns));
  v.push_back(p.name);
  v.push_back(p.description);
  v.push_back(micros_value(p.starting_cash));
  v.push_back(p.max_trade_age_seconds);
  v.push_back(flag(p.live_markets_only));
  v.push_back(flag(p.discover_month_pnl));
  v.push_back(flag(p.discover_month_volume));
  v.push_back(flag(p.discover_week_pnl));
  v.push_back(p.discover_top_n);
  v.push_back(p.min_trader_resolved_count);
  v.push_back(micros_value(p.price_min));
  v.push_back(micros_value(p.price_max));
  v.push_back(micros_value(p.min_trader_win_rate));
  v.push_back(micros_value(p.max_trader_win_rate));
  v.push_back(micros_value(p.min_edge));
  v.push_back(micros_value(p.max_edge));
  v.push_back(micros_value(p.min_conviction));
  v.push_back(micros_value(p.max_conviction));
  v.push_back(micros_value(p.min_original_trade_usd));
  v.push_back(micros_value(p.max_original_trade_usd));
  v.push_back(micros_value(p.model_threshold));
  v.push_back(flag(p.allow_adding));
  v.push_back(micros_value(p.slippage));
  v.push_back(std::string(to_string(p.sizing_mode)));
  v.push_back(micros_value(p.bet_size));
  v.push_back(micros_value(p.kelly_fraction));
  v.push_back(micros_value(p.min_bet));
  v.push_back(micros_value(p.max_bet));
  return v;
}

FtStrategyParams read_params(RowReader& r) {
  FtStrategyParams p;
  p.name = r.text();
  p.description = r.text();
  p.starting_cash = Usd::from_micros(r.int64());
  p.max_trade_age_seconds = r.int64();
  p.live_markets_only = r.boolean();
  p.discover_month_pnl = r.boolean();
  p.discover_month_volume = r.boolean();
  p.discover_week_pnl = r.boolean();
  p.discover_top_n = r.int64();
  p.min_trader_resolved_count = r.int64();
  p.price_min = price_column(r.int64());
  p.price_max = price_column(r.int64());
  p.min_trader_win_rate = optional_fixed<Ratio>(r.optional_int64());
  p.max_trader_win_rate = optional_fixed<Ratio>(r.optional_int64());
  p.min_edge = optional_fixed<Ratio>(r.optional_int64());
  p.max_edge = optional_fixed<Ratio>(r.optional_int64());
  p.min_conviction = optional_fixed<Ratio>(r.optional_int64());
  p.max_conviction = optional_fixed<Ratio>(r.optional_int64());
  p.min_original_trade_usd = optional_fixed<Usd>(r.optional_int64());
  p.max_original_trade_usd = optional_fixed<Usd>(r.optional_int64());
  p.model_threshold = optional_fixed<Ratio>(r.optional_int64());
  p.allow_adding = r.boolean();
  p.slippage = Ratio::from_micros(r.int64());
  const std::string mode = r.text();
  const auto sizing_mode = sizing_mode_from_string(mode);
  if (!sizing_mode) throw core::Failure("db_error", "stored sizing mode '" + mode + "' is unknown");
  p.sizing_mode = *sizing_mode;
  p.bet_size = Usd::from_micros(r.int64());
  p.kelly_fraction = Ratio::from_micros(r.int64());
  p.min_bet = Usd::from_micros(r.int64());
  p.max_bet = Usd::from_micros(r.int64());
  return p;
}

std::string joined_param_columns(std::string_view suffix) {
  std::string out;
  for (const auto column : kParamColumns) {
    if (!out.empty()) out += ", ";
    out += column;
    out += suffix;
  }
  return out;
}

std::string select_sql(std::string_view where) {
  return "SELECT id, user_id, " + joined_param_columns("") +
         ", paused, created_at, updated_at FROM ft_strategies WHERE " + std::string(where) +
         " ORDER BY created_at, id";
}

std::vector<std::string> read_strings(Connection& connection, std::string_view sql,
                                      const std::string& strategy_id) {
  std::vector<std::string> out;
  for (const auto& row : require(query(connection, sql, {strategy_id}), "load strategy lists")) {
    RowReader r(row);
    out.push_back(r.text());
  }
  return out;
}

std::vector<FtStrategy> load_strategies(Connection& connection, std::string_view where,
                                        const Params& params) {
  std::vector<FtStrategy> out;
  for (const auto& row : require(query(connection, select_sql(where), params), "load ft")) {
    RowReader r(row);
    FtStrategy s;
    s.id = r.text();
    s.user_id = r.text();
    s.params = read_params(r);
    s.paused = r.boolean();
    s.created_at = from_unix_ms(r.int64());
    s.updated_at = from_unix_ms(r.int64());
    s.params.target_traders = read_strings(connection,
                                           "SELECT trader_address FROM ft_strategy_traders WHERE "
                                           "ft_strategy_id = ? ORDER BY list_index",
                                           s.id);
    s.params.categories = read_strings(
        connection,
        "SELECT category FROM ft_strategy_categories WHERE ft_strategy_id = ? ORDER BY list_index",
        s.id);
    out.push_back(std::move(s));
  }
  return out;
}

// Replaces the target-trader and category rows; a target trader gets a traders row if new.
void write_lists(Connection& connection, const FtStrategy& s, std::string_view operation) {
  require(execute(connection, "DELETE FROM ft_strategy_traders WHERE ft_strategy_id = ?", {s.id}),
          operation);
  require(
      execute(connection, "DELETE FROM ft_strategy_categories WHERE ft_strategy_id = ?", {s.id}),
      operation);
  const auto now = to_unix_ms(s.updated_at);
  for (std::size_t i = 0; i < s.params.target_traders.size(); ++i) {
    const auto& address = s.params.target_traders[i];
    require(execute(connection,
                    "INSERT INTO traders (address, first_seen_at, updated_at) VALUES (?, ?, ?) "
                    "ON CONFLICT (address) DO NOTHING",
                    {address, now, now}),
            operation);
    require(execute(connection,
                    "INSERT INTO ft_strategy_traders (ft_strategy_id, trader_address, list_index) "
                    "VALUES (?, ?, ?)",
                    {s.id, address, static_cast<std::int64_t>(i)}),
            operation);
  }
  for (std::size_t i = 0; i < s.params.categories.size(); ++i) {
    require(execute(connection,
                    "INSERT INTO ft_strategy_categories (ft_strategy_id, category, list_index) "
                    "VALUES (?, ?, ?)",
                    {s.id, s.params.categories[i], static_cast<std::int64_t>(i)}),
            operation);
  }
}

}  // namespace

Status SqlStore::insert_ft_strategy(const FtStrategy& strategy) {
  return transact(TransactionMode::write, [&]() -> Status {
    Params values{strategy.id, strategy.user_id};
    for (auto& value : param_values(strategy.params)) values.push_back(std::move(value));
    values.push_back(flag(strategy.paused));
    values.push_back(to_unix_ms(strategy.created_at));
    values.push_back(to_unix_ms(strategy.updated_at));
    require(execute(*connection_,
                    "INSERT INTO ft_strategies (id, user_id, " + joined_param_columns("") +
                        ", paused, created_at, updated_at) VALUES (" + placeholders(values.size()) +
                        ")",
                    values),
            "insert_ft_strategy");
    write_lists(*connection_, strategy, "insert_ft_strategy");
    return {};
  });
}

Result<std::vector<FtStrategy>> SqlStore::list_ft_strategies(const std::string& user_id) {
  return transact(TransactionMode::read, [&]() -> Result<std::vector<FtStrategy>> {
    return load_strategies(*connection_, "user_id = ?", {user_id});
  });
}

Result<std::optional<FtStrategy>> SqlStore::get_ft_strategy(const std::string& user_id,
                                                            const std::string& id) {
  return transact(TransactionMode::read, [&]() -> Result<std::optional<FtStrategy>> {
    auto found = load_strategies(*connection_, "user_id = ? AND id = ?", {user_id, id});
    if (found.empty()) return std::optional<FtStrategy>{};
    return std::optional<FtStrategy>{std::move(found.front())};
  });
}

Result<std::vector<FtStrategy>> SqlStore::list_active_ft_strategies() {
  return transact(TransactionMode::read, [&]() -> Result<std::vector<FtStrategy>> {
    return load_strategies(*connection_, "paused = 0", {});
  });
}

Status SqlStore::update_ft_strategy(const FtStrategy& strategy) {
  return transact(TransactionMode::write, [&]() -> Status {
    Params values = param_values(strategy.params);
    values.push_back(flag(strategy.paused));
    values.push_back(to_unix_ms(strategy.updated_at));
    values.push_back(strategy.id);
    values.push_back(strategy.user_id);
    const auto changed =
        require(execute(*connection_,
                        "UPDATE ft_strategies SET " + joined_param_columns(" = ?") +
                            ", paused = ?, updated_at = ? WHERE id = ? AND user_id = ?",
                        values),
                "update_ft_strategy");
    if (changed == 0)
      return core::Error{"not_found",
                         "update_ft_strategy: no FT strategy '" + strategy.id + "' for this user"};
    write_lists(*connection_, strategy, "update_ft_strategy");
    return {};
  });
}

}  // namespace polycopy::store::sql
