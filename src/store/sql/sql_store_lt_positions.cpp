// LT positions: built from the order's fills (inside record_order_fill's transaction),
// settled beside the FT twin's paper result once the market has resolved and the order is
// final, each with its redemption record; and the owner-scoped reads (positions,
// performance, redemptions).
#include <algorithm>
#include <string>

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

constexpr std::string_view kPositionColumns =
    "p.id, p.lt_strategy_id, p.order_id, p.condition_id, p.token_id, p.outcome_index, "
    "p.shares_micros, p.cost_usd_micros, p.fees_usd_micros, p.status, p.payout_usd_micros, "
    "p.pnl_usd_micros, p.ft_position_id, p.ft_cost_usd_micros, p.ft_pnl_usd_micros, "
    "p.opened_at, p.resolved_at";

// An order in one of these states can fill no more: its position's size is known.
constexpr std::string_view kFinalOrderStates = "('filled', 'cancelled', 'expired', 'rejected')";

LtPositionRecord read_position(RowReader& r) {
  LtPositionRecord p;
  p.id = r.text();
  p.lt_strategy_id = r.text();
  p.order_id = r.text();
  p.condition_id = r.text();
  p.token_id = r.text();
  p.outcome_index = r.int64();
  p.shares = Shares::from_micros(r.int64());
  p.cost = Usd::from_micros(r.int64());
  p.fees = Usd::from_micros(r.int64());
  const std::string status = r.text();
  const auto parsed = lt_position_status_from_string(status);
  if (!parsed) throw core::Failure("db_error", "stored LT position status '" + status + "'");
  p.status = *parsed;
  p.payout = optional_fixed<Usd>(r.optional_int64());
  p.pnl = optional_fixed<Usd>(r.optional_int64());
  p.ft_position_id = r.optional_text();
  p.ft_cost = optional_fixed<Usd>(r.optional_int64());
  p.ft_pnl = optional_fixed<Usd>(r.optional_int64());
  p.opened_at = from_unix_ms(r.int64());
  p.resolved_at = optional_time(r.optional_int64());
  return p;
}

std::optional<LtPositionRecord> load_position(Connection& connection, std::string_view where,
                                              const Params& params, std::string_view op) {
  const auto rows = require(query(connection,
                                  "SELECT " + std::string(kPositionColumns) +
                                      " FROM lt_positions p WHERE " + std::string(where),
                                  params),
                            op);
  if (rows.empty()) return std::nullopt;
  RowReader r(rows.front());
  return read_position(r);
}

std::optional<RedemptionRecord> load_redemption(Connection& connection,
                                                const std::string& lt_position_id,
                                                std::string_view op) {
  const auto rows = require(query(connection,
                                  "SELECT " + std::string(kRedemptionColumns) +
                                      " FROM redemptions r WHERE r.lt_position_id = ?",
                                  {lt_position_id}),
                            op);
  if (rows.empty()) return std::nullopt;
  RowReader r(rows.front());
  return read_redemption(r);
}

// The FT twin's paper position for the order's source trade (the twin is the LT strategy's
// ft_strategy_id), if it opened one.
std::optional<std::string> find_twin_position(Connection& connection,
                                              const std::string& lt_strategy_id,
                                              const std::optional<std::string>& source_trade_id,
                                              std::string_view op) {
  if (!source_trade_id) return std::nullopt;
  const auto rows = require(query(connection,
                                  "SELECT pp.id FROM paper_positions pp JOIN lt_strategies l "
                                  "ON l.ft_strategy_id = pp.ft_strategy_id "
                                  "WHERE l.id = ? AND pp.source_trade_id = ?",
                                  {lt_strategy_id, *source_trade_id}),
                            op);
  if (rows.empty()) return std::nullopt;
  return RowReader(rows.front()).text();
}

// The strategy's starting equity when it belongs to the user; throws "not_found" otherwise.
std::int64_t owned_strategy_equity(Connection& connection, const std::string& user_id,
                                   const std::string& lt_strategy_id, std::string_view op) {
  const auto rows = require(query(connection,
                                  "SELECT starting_equity_micros FROM lt_strategies "
                                  "WHERE id = ? AND user_id = ?",
                                  {lt_strategy_id, user_id}),
                            op);
  if (rows.empty())
    throw core::Failure(
        "not_found", std::string(op) + ": no LT strategy '" + lt_strategy_id + "' for this user");
  return RowReader(rows.front()).int64();
}

Status check_page(std::int64_t limit, std::int64_t offset) {
  if (limit <= 0) return Error{"invalid_limit", "limit must be positive"};
  if (offset < 0) return Error{"invalid_offset", "offset must not be negative"};
  return {};
}

ResolutionRecord read_resolution(RowReader& r, const std::string& condition_id) {
  ResolutionRecord res;
  res.condition_id = condition_id;
  res.winning_outcome_index = r.optional_int64();
  res.payout_numerator_0 = r.int64();
  res.payout_numerator_1 = r.int64();
  res.payout_denominator = r.int64();
  res.resolved_at = from_unix_ms(r.int64());
  res.recorded_at = from_unix_ms(r.int64());
  return res;
}

constexpr std::string_view kResolutionColumns =
    "res.winning_outcome_index, res.payout_numerator_0, res.payout_numerator_1, "
    "res.payout_denominator, res.resolved_at, res.recorded_at";

}  // namespace

const std::string_view kRedemptionColumns =
    "r.id, r.lt_position_id, r.wallet_id, r.condition_id, r.state, r.expected_usd_micros, "
    "r.paid_usd_micros, r.tx_hash, r.attempts, r.next_attempt_at, r.last_error, r.created_at, "
    "r.updated_at";

RedemptionRecord read_redemption(RowReader& r) {
  RedemptionRecord d;
  d.id = r.text();
  d.lt_position_id = r.text();
  d.wallet_id = r.optional_text();
  d.condition_id = r.text();
  const std::string state = r.text();
  const auto parsed = redemption_state_from_string(state);
  if (!parsed) throw core::Failure("db_error", "stored redemption state '" + state + "'");
  d.state = *parsed;
  d.expected = Usd::from_micros(r.int64());
  d.paid = optional_fixed<Usd>(r.optional_int64());
  d.tx_hash = r.optional_text();
  d.attempts = r.int64();
  d.next_attempt_at = optional_time(r.optional_int64());
  d.last_error = r.optional_text();
  d.created_at = from_unix_ms(r.int64());
  d.updated_at = from_unix_ms(r.int64());
  return d;
}

void add_fill_to_lt_position(Connection& connection, const OrderRecord& order,
                             const VenueFill& fill) {
  constexpr std::string_view op = "record_order_fill: LT position";
  // Counted exactly as the risk reservation counts the fill, so both agree on the cost.
  const Usd cost = core::notional(fill.size, fill.price, core::Rounding::up);
  const auto twin = find_twin_position(connection, order.lt_strategy_id, order.source_trade_id, op);
  auto position = load_position(connection, "p.order_id = ?", {order.id}, op);
  if (position) {
    if (position->status != LtPositionStatus::open)
      throw core::Failure("position_settled", "the position of order " + order.id +
                                                  " is settled already: a fill cannot change it");
    require(
        execute(connection,
                "UPDATE lt_positions SET shares_micros = ?, cost_usd_micros = ?, "
                "fees_usd_micros = ?, ft_position_id = COALESCE(ft_position_id, ?) "
                "WHERE id = ?",
                {micros_value(position->shares + fill.size), micros_value(position->cost + cost),
                 micros_value(position->fees + fill.fee), optional_value(twin), position->id}),
        op);
    return;
  }
  const auto token = require(
      query(connection, "SELECT condition_id, outcome_index FROM outcome_tokens WHERE token_id = ?",
            {order.token_id}),
      op);
  if (token.empty())
    throw core::Failure("not_found",
                        "order " + order.id + " names unknown token " + order.token_id);
  RowReader t(token.front());
  const std::string condition_id = t.text();
  const std::int64_t outcome_index = t.int64();
  require(execute(connection,
                  "INSERT INTO lt_positions (id, lt_strategy_id, order_id, condition_id, token_id, "
                  "outcome_index, shares_micros, cost_usd_micros, fees_usd_micros, status, "
                  "payout_usd_micros, pnl_usd_micros, ft_position_id, ft_cost_usd_micros, "
                  "ft_pnl_usd_micros, opened_at, resolved_at) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', NULL, NULL, ?, NULL, NULL, ?, NULL)",
                  {lt_position_id_for_order(order.id), order.lt_strategy_id, order.id, condition_id,
                   order.token_id, outcome_index, micros_value(fill.size), micros_value(cost),
                   micros_value(fill.fee), optional_value(twin), to_unix_ms(fill.filled_at)}),
          op);
}

Result<std::vector<LtPositionToSettle>> SqlStore::list_lt_positions_to_settle(std::int64_t limit) {
  constexpr std::string_view op = "list_lt_positions_to_settle";
  if (limit <= 0) return Error{"invalid_limit", "limit must be positive"};
  return transact(TransactionMode::read, [&]() -> Result<std::vector<LtPositionToSettle>> {
    const auto rows = require(
        query(*connection_,
              "SELECT " + std::string(kPositionColumns) + ", " + std::string(kResolutionColumns) +
                  " FROM lt_positions p JOIN resolutions res ON res.condition_id = "
                  "p.condition_id JOIN orders o ON o.id = p.order_id "
                  "WHERE p.status = 'open' AND o.state IN " +
                  std::string(kFinalOrderStates) + " ORDER BY p.opened_at, p.id LIMIT ?",
              {limit}),
        op);
    std::vector<LtPositionToSettle> out;
    for (const auto& row : rows) {
      RowReader r(row);
      LtPositionToSettle item;
      item.position = read_position(r);
      item.resolution = read_resolution(r, item.position.condition_id);
      item.payout_per_share = payout_per_share(item.resolution, item.position.outcome_index);
      out.push_back(std::move(item));
    }
    return out;
  });
}

Result<LtSettlementOutcome> SqlStore::settle_lt_position(const std::string& lt_position_id,
                                                         const std::string& redemption_id,
                                                         core::Timestamp at) {
  constexpr std::string_view op = "settle_lt_position";
  if (redemption_id.empty())
    return Error{"invalid_argument", "settle_lt_position needs a redemption id"};
  return transact(TransactionMode::write, [&]() -> Result<LtSettlementOutcome> {
    auto position = load_position(*connection_, "p.id = ?", {lt_position_id}, op);
    if (!position) return Error{"not_found", "no LT position '" + lt_position_id + "'"};
    if (position->status != LtPositionStatus::open) {
      auto redemption = load_redemption(*connection_, position->id, op);
      if (!redemption)
        return Error{"db_error", "settled LT position " + position->id + " has no redemption"};
      return LtSettlementOutcome{false, std::move(*position), std::move(*redemption)};
    }
    const auto resolution = require(query(*connection_,
                                          "SELECT " + std::string(kResolutionColumns) +
                                              " FROM resolutions res WHERE res.condition_id = ?",
                                          {position->condition_id}),
                                    op);
    if (resolution.empty())
      return Error{"not_resolved", "market " + position->condition_id + " has not resolved"};
    RowReader rr(resolution.front());
    const ResolutionRecord res = read_resolution(rr, position->condition_id);
    const auto order = require(
        query(*connection_,
              "SELECT o.state, o.source_trade_id, l.wallet_id FROM orders o JOIN lt_strategies l "
              "ON l.id = o.lt_strategy_id WHERE o.id = ?",
              {position->order_id}),
        op);
    if (order.empty()) return Error{"db_error", "position " + position->id + " has no order"};
    RowReader o(order.front());
    const std::string order_state = o.text();
    const auto source_trade_id = o.optional_text();
    const auto wallet_id = o.optional_text();
    const auto state = order_state_from_string(order_state);
    if (!state || !is_final(*state))
      return Error{"order_still_live", "order " + position->order_id + " is " + order_state +
                                           ": it may still fill, the position waits"};

    const Usd payout = core::notional(
        position->shares, payout_per_share(res, position->outcome_index), core::Rounding::down);
    const Usd pnl = payout - position->cost - position->fees;
    const bool won = payout > Usd{};
    // The twin may have opened its paper position after the first fill: look again.
    auto twin_id = position->ft_position_id;
    if (!twin_id)
      twin_id = find_twin_position(*connection_, position->lt_strategy_id, source_trade_id, op);
    std::optional<std::int64_t> ft_cost, ft_pnl;
    if (twin_id) {
      const auto twin = require(query(*connection_,
                                      "SELECT cost_usd_micros, pnl_usd_micros FROM "
                                      "paper_positions WHERE id = ? AND status = 'resolved'",
                                      {*twin_id}),
                                op);
      if (!twin.empty()) {
        RowReader t(twin.front());
        ft_cost = t.int64();
        ft_pnl = t.optional_int64();
      }
    }
    require(execute(*connection_,
                    "UPDATE lt_positions SET status = ?, payout_usd_micros = ?, "
                    "pnl_usd_micros = ?, ft_position_id = ?, ft_cost_usd_micros = ?, "
                    "ft_pnl_usd_micros = ?, resolved_at = ? WHERE id = ? AND status = 'open'",
                    {std::string(won ? "resolved" : "closed"), micros_value(payout),
                     micros_value(pnl), optional_value(twin_id), optional_value(ft_cost),
                     optional_value(ft_pnl), to_unix_ms(at), position->id}),
            op);
    // Winners wait for the on-chain redeem (due now); losers have nothing to redeem.
    require(execute(*connection_,
                    "INSERT INTO redemptions (id, lt_position_id, wallet_id, condition_id, state, "
                    "expected_usd_micros, tx_hash, attempts, next_attempt_at, last_error, "
                    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, NULL, 0, ?, NULL, ?, ?)",
                    {redemption_id, position->id, optional_value(wallet_id), position->condition_id,
                     std::string(won ? "pending" : "closed"), micros_value(payout),
                     won ? Value{to_unix_ms(at)} : Value{}, to_unix_ms(at), to_unix_ms(at)}),
            op);
    auto settled = load_position(*connection_, "p.id = ?", {position->id}, op);
    auto redemption = load_redemption(*connection_, position->id, op);
    if (!settled || !redemption)
      return Error{"db_error", "settled LT position " + position->id + " did not read back"};
    return LtSettlementOutcome{true, std::move(*settled), std::move(*redemption)};
  });
}

Result<std::vector<LtPositionRecord>> SqlStore::list_lt_positions(const std::string& user_id,
                                                                  const std::string& lt_strategy_id,
                                                                  const LtPositionQuery& page) {
  constexpr std::string_view op = "list_lt_positions";
  if (auto ok = check_page(page.limit, page.offset); !ok) return ok.error();
  return transact(TransactionMode::read, [&]() -> Result<std::vector<LtPositionRecord>> {
    owned_strategy_equity(*connection_, user_id, lt_strategy_id, op);
    std::string sql = "SELECT " + std::string(kPositionColumns) +
                      " FROM lt_positions p WHERE p.lt_strategy_id = ?";
    Params params{lt_strategy_id};
    if (page.status) {
      sql += " AND p.status = ?";
      params.emplace_back(std::string(to_string(*page.status)));
    }
    sql += " ORDER BY p.opened_at DESC, p.id DESC LIMIT ? OFFSET ?";
    params.emplace_back(page.limit);
    params.emplace_back(page.offset);
    std::vector<LtPositionRecord> out;
    for (const auto& row : require(query(*connection_, sql, params), op)) {
      RowReader r(row);
      out.push_back(read_position(r));
    }
    return out;
  });
}

Result<LtPerformanceRecord> SqlStore::get_lt_performance(const std::string& user_id,
                                                         const std::string& lt_strategy_id) {
  constexpr std::string_view op = "get_lt_performance";
  return transact(TransactionMode::read, [&]() -> Result<LtPerformanceRecord> {
    LtPerformanceRecord out;
    out.starting_equity =
        Usd::from_micros(owned_strategy_equity(*connection_, user_id, lt_strategy_id, op));
    const auto sums = require(
        query(*connection_,
              "SELECT "
              "CAST(COALESCE(SUM(CASE WHEN status = 'open' THEN 1 ELSE 0 END), 0) AS BIGINT), "
              "CAST(COALESCE(SUM(CASE WHEN status = 'open' THEN cost_usd_micros ELSE 0 END), 0) "
              "AS BIGINT), "
              "CAST(COALESCE(SUM(CASE WHEN status <> 'open' THEN 1 ELSE 0 END), 0) AS BIGINT), "
              "CAST(COALESCE(SUM(CASE WHEN status <> 'open' AND pnl_usd_micros > 0 THEN 1 "
              "ELSE 0 END), 0) AS BIGINT), "
              "CAST(COALESCE(SUM(CASE WHEN status <> 'open' AND pnl_usd_micros < 0 THEN 1 "
              "ELSE 0 END), 0) AS BIGINT), "
              "CAST(COALESCE(SUM(CASE WHEN status <> 'open' THEN cost_usd_micros ELSE 0 END), 0) "
              "AS BIGINT), "
              "CAST(COALESCE(SUM(CASE WHEN status <> 'open' THEN fees_usd_micros ELSE 0 END), 0) "
              "AS BIGINT), "
              "CAST(COALESCE(SUM(CASE WHEN status <> 'open' THEN payout_usd_micros ELSE 0 END), "
              "0) AS BIGINT), "
              "CAST(COALESCE(SUM(CASE WHEN status <> 'open' THEN ft_cost_usd_micros ELSE 0 END), "
              "0) AS BIGINT), "
              "CAST(COALESCE(SUM(CASE WHEN status <> 'open' THEN ft_pnl_usd_micros ELSE 0 END), "
              "0) AS BIGINT) "
              "FROM lt_positions WHERE lt_strategy_id = ?",
              {lt_strategy_id}),
        op);
    RowReader r(sums.front());
    out.open_positions = r.int64();
    out.open_cost = Usd::from_micros(r.int64());
    out.resolved_positions = r.int64();
    out.winning_positions = r.int64();
    out.losing_positions = r.int64();
    out.resolved_cost = Usd::from_micros(r.int64());
    out.resolved_fees = Usd::from_micros(r.int64());
    out.resolved_payout = Usd::from_micros(r.int64());
    out.realised_pnl = out.resolved_payout - out.resolved_cost - out.resolved_fees;
    out.ft_resolved_cost = Usd::from_micros(r.int64());
    out.ft_realised_pnl = Usd::from_micros(r.int64());

    // Accepted signals have no reason code: they are counted under "accepted".
    for (const auto& row : require(query(*connection_,
                                         "SELECT accepted, reason_code, COUNT(*) FROM "
                                         "strategy_signals WHERE lt_strategy_id = ? "
                                         "GROUP BY accepted, reason_code",
                                         {lt_strategy_id}),
                                   op)) {
      RowReader s(row);
      const bool accepted = s.boolean();
      const auto reason = s.optional_text();
      const std::int64_t count = s.int64();
      const std::string name = accepted ? std::string("accepted") : reason.value_or("");
      out.signals += count;
      auto same = std::find_if(out.by_reason.begin(), out.by_reason.end(),
                               [&](const ReasonCount& c) { return c.reason == name; });
      if (same == out.by_reason.end()) {
        out.by_reason.push_back(ReasonCount{name, count});
      } else {
        same->count += count;
      }
    }
    // Byte order, the same on every backend whatever its collation.
    std::sort(out.by_reason.begin(), out.by_reason.end(),
              [](const ReasonCount& a, const ReasonCount& b) { return a.reason < b.reason; });

    // Winnings not back in the wallet yet: redemptions not confirmed (nor closed losers).
    const auto waiting = require(
        query(*connection_,
              "SELECT CAST(COUNT(*) AS BIGINT), "
              "CAST(COALESCE(SUM(r.expected_usd_micros), 0) AS BIGINT) FROM redemptions r "
              "JOIN lt_positions p ON p.id = r.lt_position_id "
              "WHERE p.lt_strategy_id = ? AND r.state IN ('pending', 'submitted', 'failed')",
              {lt_strategy_id}),
        op);
    RowReader w(waiting.front());
    out.redemptions_pending = w.int64();
    out.redemptions_pending_usd = Usd::from_micros(w.int64());
    return out;
  });
}

Result<std::vector<RedemptionRecord>> SqlStore::list_redemptions(
    const std::string& user_id, const std::string& lt_strategy_id) {
  constexpr std::string_view op = "list_redemptions";
  return transact(TransactionMode::read, [&]() -> Result<std::vector<RedemptionRecord>> {
    owned_strategy_equity(*connection_, user_id, lt_strategy_id, op);
    std::vector<RedemptionRecord> out;
    for (const auto& row :
         require(query(*connection_,
                       "SELECT " + std::string(kRedemptionColumns) +
                           " FROM redemptions r JOIN lt_positions p ON p.id = r.lt_position_id "
                           "WHERE p.lt_strategy_id = ? ORDER BY r.created_at DESC, r.id DESC",
                       {lt_strategy_id}),
                 op)) {
      RowReader r(row);
      out.push_back(read_redemption(r));
    }
    return out;
  });
}

}  // namespace polycopy::store::sql
