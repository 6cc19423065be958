// The schema itself refuses bad rows: a table of raw inserts/updates through the connection
// layer, each breaking one CHECK, FOREIGN KEY or UNIQUE rule, next to valid rows that pass.
#include <gtest/gtest.h>

#include <map>

#include "store/sql/query.hpp"
#include "store/sqlite/sqlite_connection.hpp"
#include "store/store_fixture.hpp"

namespace polycopy::store {
namespace {

using sql::Value;
using testing::address;

using Columns = std::map<std::string, Value>;

struct Row {
  std::string table;
  Columns columns;

  // A copy with some columns replaced (or added).
  Row with(const Columns& changes) const {
    Row copy = *this;
    for (const auto& [name, value] : changes) copy.columns[name] = value;
    return copy;
  }
  Row without(const std::string& column) const {
    Row copy = *this;
    copy.columns.erase(column);
    return copy;
  }
};

core::Status insert(sql::Connection& connection, const Row& row) {
  std::string names, marks;
  sql::Params params;
  for (const auto& [name, value] : row.columns) {
    names += (names.empty() ? "" : ", ") + name;
    marks += marks.empty() ? "?" : ", ?";
    params.push_back(value);
  }
  auto done = sql::execute(
      connection, "INSERT INTO " + row.table + " (" + names + ") VALUES (" + marks + ")", params);
  if (!done) return done.error();
  return {};
}

core::Status run(sql::Connection& connection, const std::string& statement) {
  auto done = sql::execute(connection, statement);
  if (!done) return done.error();
  return {};
}

const std::string kCondition = "0x" + std::string(64, 'a');
const std::string kTxHash = "0x" + std::string(64, 'b');
const std::string kTrader = address(500);

// One valid row per table, in foreign-key order.
const Row kTraderRow{"traders", {{"address", kTrader}, {"first_seen_at", 1}, {"updated_at", 1}}};
const Row kTraderStats{"trader_stats",
                       {{"trader_address", kTrader},
                        {"resolved_count", 40},
                        {"win_count", 25},
                        {"win_rate_micros", 625'000},
                        {"refreshed_at", 1}}};
const Row kMarket{"markets",
                  {{"condition_id", kCondition}, {"question", "Will it?"}, {"updated_at", 1}}};
const Row kYesToken{
    "outcome_tokens",
    {{"token_id", "1111"}, {"condition_id", kCondition}, {"outcome_index", 0}, {"outcome", "Yes"}}};
const Row kNoToken{
    "outcome_tokens",
    {{"token_id", "2222"}, {"condition_id", kCondition}, {"outcome_index", 1}, {"outcome", "No"}}};
const Row kSourceTrade{"source_trades",
                       {{"id", "st_1"},
                        {"trader_address", kTrader},
                        {"tx_hash", kTxHash},
                        {"condition_id", kCondition},
                        {"token_id", "1111"},
                        {"side", "BUY"},
                        {"price_micros", 550'000},
                        {"size_micros", 10'000'000},
                        {"usd_micros", 5'500'000},
                        {"traded_at", 1},
                        {"received_at", 2}}};
const Row kResolution{"resolutions",
                      {{"condition_id", kCondition},
                       {"winning_outcome_index", 0},
                       {"payout_numerator_0", 1},
                       {"payout_numerator_1", 0},
                       {"payout_denominator", 1},
                       {"resolved_at", 10},
                       {"recorded_at", 11}}};
const Row kSignal{"strategy_signals",
                  {{"id", "sig_1"},
                   {"ft_strategy_id", "ft_a"},
                   {"source_trade_id", "st_1"},
                   {"accepted", 1},
                   {"entry_price_micros", 551'650},
                   {"evaluated_at", 3}}};
const Row kPaperPosition{"paper_positions",
                         {{"id", "pp_1"},
                          {"ft_strategy_id", "ft_a"},
                          {"source_trade_id", "st_1"},
                          {"condition_id", kCondition},
                          {"token_id", "1111"},
                          {"outcome_index", 0},
                          {"entry_price_micros", 551'650},
                          {"shares_micros", 18'127'000},
                          {"cost_usd_micros", 10'000'000},
                          {"status", "open"},
                          {"opened_at", 3}}};
const Row kOrder{"orders",
                 {{"id", "ord_1"},
                  {"lt_strategy_id", "lt_a"},
                  {"source_trade_id", "st_1"},
                  {"idempotency_key", "idem_1"},
                  {"venue_order_id", "0xvenue1"},
                  {"state", "submitted"},
                  {"side", "BUY"},
                  {"token_id", "1111"},
                  {"limit_price_micros", 560'000},
                  {"size_micros", 10'000'000},
                  {"order_type", "GTC"},
                  {"created_at", 4},
                  {"updated_at", 4}}};
const Row kFill{"fills",
                {{"id", "fill_1"},
                 {"order_id", "ord_1"},
                 {"venue_trade_id", "vt_1"},
                 {"price_micros", 555'000},
                 {"size_micros", 5'000'000},
                 {"filled_at", 5},
                 {"recorded_at", 5}}};
const Row kQuality{"execution_quality",
                   {{"order_id", "ord_1"},
                    {"signal_price_micros", 550'000},
                    {"filled_size_micros", 5'000'000},
                    {"fill_rate_micros", 500'000},
                    {"signal_at", 3},
                    {"updated_at", 5}}};
const Row kReservation{"budget_reservations",
                       {{"id", "res_1"},
                        {"lt_strategy_id", "lt_a"},
                        {"order_id", "ord_1"},
                        {"condition_id", kCondition},
                        {"token_id", "1111"},
                        {"limit_price_micros", 560'000},
                        {"size_micros", 10'000'000},
                        {"state", "reserved"},
                        {"amount_usd_micros", 5'600'000},
                        {"day_window_start", 0},
                        {"week_window_start", 0},
                        {"month_window_start", 0},
                        {"created_at", 4},
                        {"updated_at", 4}}};
const Row kLtPosition{"lt_positions",
                      {{"id", "pos_1"},
                       {"lt_strategy_id", "lt_a"},
                       {"order_id", "ord_1"},
                       {"condition_id", kCondition},
                       {"token_id", "1111"},
                       {"outcome_index", 0},
                       {"shares_micros", 5'000'000},
                       {"cost_usd_micros", 2'775'000},
                       {"status", "open"},
                       {"ft_position_id", "pp_1"},
                       {"opened_at", 5}}};
const Row kRedemption{"redemptions",
                      {{"id", "red_1"},
                       {"lt_position_id", "pos_1"},
                       {"wallet_id", "wal_a"},
                       {"condition_id", kCondition},
                       {"state", "pending"},
                       {"expected_usd_micros", 5'000'000},
                       {"created_at", 12},
                       {"updated_at", 12}}};
const Row kHealthCheck{
    "health_checks", {{"id", "hc_1"}, {"component", "feed"}, {"status", "ok"}, {"checked_at", 1}}};
const Row kAlert{"alerts",
                 {{"id", "al_1"},
                  {"user_id", "usr_a"},
                  {"severity", "warning"},
                  {"code", "fill_missing"},
                  {"message", "no fill seen"},
                  {"dedup_key", "fill_missing:ord_1"},
                  {"created_at", 1},
                  {"last_seen_at", 1}}};
const Row kRuleChange{"rule_changes",
                      {{"id", "rc_1"},
                       {"user_id", "usr_a"},
                       {"actor", "user:usr_a"},
                       {"entity_type", "risk_rules"},
                       {"entity_id", "lt_a"},
                       {"action", "update"},
                       {"changed_at", 1}}};

class ConstraintsTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ASSERT_TRUE(store_->insert_user(testing::make_user("usr_a", "alice")).ok());
    ASSERT_TRUE(store_->insert_wallet(testing::make_wallet("wal_a", "usr_a", 1)).ok());
    ASSERT_TRUE(store_->insert_ft_strategy(testing::make_ft("ft_a", "usr_a", "paper")).ok());
    ASSERT_TRUE(store_->insert_lt_strategy(testing::make_lt("lt_a", "usr_a", "ft_a", "live")).ok());
    auto connection = sqlite::open_sqlite_connection(path_);
    ASSERT_TRUE(connection.ok()) << connection.error().to_string();
    connection_ = std::move(connection).value();
    for (const Row* row :
         {&kTraderRow, &kTraderStats, &kMarket, &kYesToken, &kNoToken, &kSourceTrade, &kResolution,
          &kSignal, &kPaperPosition, &kOrder, &kFill, &kQuality, &kReservation, &kLtPosition,
          &kRedemption, &kHealthCheck, &kAlert, &kRuleChange}) {
      auto inserted = insert(*connection_, *row);
      ASSERT_TRUE(inserted.ok()) << row->table << ": " << inserted.error().to_string();
    }
  }

  std::unique_ptr<sql::Connection> connection_;
};

struct BadInsert {
  const char* label;
  Row row;
  const char* code;
  const char* fragment;  // what the message must name
};

TEST_F(ConstraintsTest, EachBadRowIsRejectedWithItsReason) {
  constexpr auto check = "constraint_violation";
  constexpr auto unique = "conflict";
  constexpr auto fk = "foreign_key";
  const BadInsert cases[] = {
      // traders, markets, tokens
      {"upper-case trader address", kTraderRow.with({{"address", "0xABC" + std::string(39, '0')}}),
       check, "ck_traders_address"},
      {"trader address with non-hex", kTraderRow.with({{"address", "0x" + std::string(40, 'g')}}),
       check, "ck_traders_address"},
      {"stats of an unknown trader", kTraderStats.with({{"trader_address", address(501)}}), fk,
       "FOREIGN KEY"},
      {"bad condition id", kMarket.with({{"condition_id", "0x1234"}}), check,
       "ck_markets_condition_id"},
      {"boolean flag of 2",
       kMarket.with({{"condition_id", "0x" + std::string(64, 'c')}, {"closed", 2}}), check,
       "ck_markets_flags"},
      {"token id that is a condition id", kYesToken.with({{"token_id", kCondition}}), check,
       "ck_outcome_tokens_token_id"},
      {"outcome index 2", kYesToken.with({{"token_id", "3333"}, {"outcome_index", 2}}), check,
       "ck_outcome_tokens_index"},
      {"second token for one outcome", kYesToken.with({{"token_id", "4444"}}), unique,
       "outcome_tokens.condition_id, outcome_tokens.outcome_index"},
      {"token of unknown market",
       kYesToken.with({{"token_id", "5555"}, {"condition_id", "0x" + std::string(64, 'd')}}), fk,
       "FOREIGN KEY"},
      // source trades
      {"price 1.5", kSourceTrade.with({{"id", "st_x"}, {"price_micros", 1'500'000}}), check,
       "ck_source_trades_price"},
      {"negative price", kSourceTrade.with({{"id", "st_x"}, {"price_micros", -1}}), check,
       "ck_source_trades_price"},
      {"zero size", kSourceTrade.with({{"id", "st_x"}, {"size_micros", 0}}), check,
       "ck_source_trades_size"},
      {"side HOLD", kSourceTrade.with({{"id", "st_x"}, {"side", "HOLD"}}), check,
       "ck_source_trades_side"},
      {"same trade twice", kSourceTrade.with({{"id", "st_x"}}), unique,
       "source_trades.trader_address, source_trades.tx_hash, source_trades.token_id"},
      {"trade of unknown trader",
       kSourceTrade.with({{"id", "st_x"}, {"trader_address", address(777)}}), fk, "FOREIGN KEY"},
      // resolutions
      {"payouts not summing to the denominator", kResolution.with({{"payout_numerator_1", 1}}),
       check, "ck_resolutions_payouts"},
      // signals and paper positions
      {"trade evaluated twice for one strategy", kSignal.with({{"id", "sig_x"}}), unique,
       "strategy_signals.ft_strategy_id, strategy_signals.source_trade_id"},
      {"rejection without reason", kSignal.with({{"id", "sig_x"}, {"accepted", 0}}), check,
       "ck_strategy_signals_outcome"},
      {"signal for both strategies", kSignal.with({{"id", "sig_x"}, {"lt_strategy_id", "lt_a"}}),
       check, "ck_strategy_signals_one_strategy"},
      {"negative paper cost", kPaperPosition.with({{"id", "pp_x"}, {"cost_usd_micros", -10}}),
       check, "ck_paper_positions_amounts"},
      {"resolved paper position without pnl",
       kPaperPosition.with({{"id", "pp_x"}, {"status", "resolved"}, {"resolved_at", 9}}), check,
       "ck_paper_positions_status"},
      // orders
      {"limit price 1", kOrder.with({{"id", "ord_x"}, {"limit_price_micros", 1'000'000}}), check,
       "ck_orders_limit_price"},
      {"limit price 0", kOrder.with({{"id", "ord_x"}, {"limit_price_micros", 0}}), check,
       "ck_orders_limit_price"},
      {"unknown order state", kOrder.with({{"id", "ord_x"}, {"state", "pending"}}), check,
       "ck_orders_state"},
      {"unknown order type", kOrder.with({{"id", "ord_x"}, {"order_type", "IOC"}}), check,
       "ck_orders_order_type"},
      {"duplicate idempotency key", kOrder.with({{"id", "ord_x"}, {"venue_order_id", "0xv2"}}),
       unique, "orders.idempotency_key"},
      {"duplicate venue order id", kOrder.with({{"id", "ord_x"}, {"idempotency_key", "idem_2"}}),
       unique, "orders.venue_order_id"},
      {"submitted without venue id",
       kOrder.with({{"id", "ord_x"}, {"idempotency_key", "idem_2"}, {"venue_order_id", nullptr}}),
       check, "ck_orders_venue_id_known"},
      {"overfilled",
       kOrder.with({{"id", "ord_x"},
                    {"idempotency_key", "idem_2"},
                    {"venue_order_id", "0xv2"},
                    {"filled_size_micros", 10'000'001}}),
       check, "ck_orders_filled_size"},
      {"order for a condition id instead of a token",
       kOrder.with({{"id", "ord_x"},
                    {"idempotency_key", "idem_2"},
                    {"venue_order_id", "0xv2"},
                    {"token_id", "9999"}}),
       fk, "FOREIGN KEY"},
      {"order without idempotency key", kOrder.with({{"id", "ord_x"}}).without("idempotency_key"),
       check, "NOT NULL constraint failed: orders.idempotency_key"},
      // fills and execution quality
      {"fill for unknown order",
       kFill.with({{"id", "fill_x"}, {"venue_trade_id", "vt_x"}, {"order_id", "ord_none"}}), fk,
       "FOREIGN KEY"},
      {"duplicate venue trade id", kFill.with({{"id", "fill_x"}}), unique, "fills.venue_trade_id"},
      {"fill at price 0",
       kFill.with({{"id", "fill_x"}, {"venue_trade_id", "vt_x"}, {"price_micros", 0}}), check,
       "ck_fills_price"},
      {"negative fee",
       kFill.with({{"id", "fill_x"}, {"venue_trade_id", "vt_x"}, {"fee_usd_micros", -1}}), check,
       "ck_fills_fee"},
      {"second quality row for an order", kQuality, unique, "execution_quality.order_id"},
      // budget reservations
      {"zero reservation",
       kReservation.with({{"id", "res_x"}, {"order_id", nullptr}, {"amount_usd_micros", 0}}), check,
       "ck_budget_reservations_amount"},
      {"negative reservation",
       kReservation.with({{"id", "res_x"}, {"order_id", nullptr}, {"amount_usd_micros", -5}}),
       check, "ck_budget_reservations_amount"},
      {"unknown reservation state",
       kReservation.with({{"id", "res_x"}, {"order_id", nullptr}, {"state", "spent"}}), check,
       "ck_budget_reservations_state"},
      {"settled above reserved",
       kReservation.with(
           {{"id", "res_x"}, {"order_id", nullptr}, {"settled_usd_micros", 5'600'001}}),
       check, "ck_budget_reservations_settled"},
      {"released reservation that spent",
       kReservation.with({{"id", "res_x"},
                          {"order_id", nullptr},
                          {"state", "released"},
                          {"settled_usd_micros", 1}}),
       check, "ck_budget_reservations_released"},
      {"open position without a fill",
       kReservation.with({{"id", "res_x"}, {"order_id", nullptr}, {"position_open", 1}}), check,
       "ck_budget_reservations_position"},
      {"resolved without a result",
       kReservation.with({{"id", "res_x"}, {"order_id", nullptr}, {"resolved_at", 9}}), check,
       "ck_budget_reservations_result"},
      {"reservation at price one",
       kReservation.with(
           {{"id", "res_x"}, {"order_id", nullptr}, {"limit_price_micros", 1'000'000}}),
       check, "ck_budget_reservations_order_shape"},
      {"fill of an unknown reservation",
       Row{"reservation_fills",
           {{"fill_key", "vt_9"},
            {"reservation_id", "res_none"},
            {"size_micros", 1},
            {"cost_usd_micros", 1},
            {"filled_at", 1}}},
       fk, "FOREIGN KEY"},
      {"fill of zero cost",
       Row{"reservation_fills",
           {{"fill_key", "vt_9"},
            {"reservation_id", "res_1"},
            {"size_micros", 1},
            {"cost_usd_micros", 0},
            {"filled_at", 1}}},
       check, "ck_reservation_fills_amounts"},
      // live positions and redemptions
      {"second position for one order", kLtPosition.with({{"id", "pos_x"}}), unique,
       "lt_positions.order_id"},
      {"second redemption for one position", kRedemption.with({{"id", "red_x"}}), unique,
       "redemptions.lt_position_id"},
      {"unknown redemption state", kRedemption.with({{"id", "red_x"}, {"state", "done"}}), check,
       "ck_redemptions_state"},
      // operations
      {"unknown health status", kHealthCheck.with({{"id", "hc_x"}, {"status", "meh"}}), check,
       "ck_health_checks_status"},
      {"unknown alert severity",
       kAlert.with({{"id", "al_x"}, {"dedup_key", "other"}, {"severity", "fatal"}}), check,
       "ck_alerts_severity"},
      {"second open alert for one dedup key", kAlert.with({{"id", "al_x"}}), unique,
       "alerts.dedup_key"},
      {"audit of an unknown entity type",
       kRuleChange.with({{"id", "rc_x"}, {"entity_type", "spaceship"}}), check,
       "ck_rule_changes_entity_type"},
  };
  for (const auto& c : cases) {
    auto result = insert(*connection_, c.row);
    ASSERT_FALSE(result.ok()) << c.label << " was accepted";
    EXPECT_EQ(result.error().code, c.code) << c.label << ": " << result.error().message;
    EXPECT_NE(result.error().message.find(c.fragment), std::string::npos)
        << c.label << ": " << result.error().message;
  }
}

TEST_F(ConstraintsTest, EachBadUpdateIsRejectedWithItsReason) {
  struct BadUpdate {
    const char* label;
    const char* statement;
    const char* code;
    const char* fragment;
  };
  const BadUpdate cases[] = {
      {"daily budget above weekly",
       "UPDATE risk_rules SET daily_budget_usd_micros = 200, weekly_budget_usd_micros = 100",
       "constraint_violation", "ck_risk_rules_budget_order"},
      {"negative daily budget", "UPDATE risk_rules SET daily_budget_usd_micros = -1",
       "constraint_violation", "ck_risk_rules_non_negative"},
      {"negative spend", "UPDATE risk_state SET day_spent_usd_micros = -1", "constraint_violation",
       "ck_risk_state_amounts"},
      {"negative outstanding reservation in a window",
       "UPDATE risk_state SET week_reserved_usd_micros = -1", "constraint_violation",
       "week_reserved_usd_micros"},
      {"equity above peak", "UPDATE risk_state SET equity_usd_micros = peak_equity_usd_micros + 1",
       "constraint_violation", "ck_risk_state_peak"},
      {"breaker open without a reason",
       "UPDATE risk_state SET breaker_state = 'open', breaker_tripped_at = 5",
       "constraint_violation", "ck_risk_state_breaker"},
      {"unknown order state", "UPDATE orders SET state = 'lost'", "constraint_violation",
       "ck_orders_state"},
      {"redemption submitted without tx hash", "UPDATE redemptions SET state = 'submitted'",
       "constraint_violation", "ck_redemptions_tx_known"},
      {"bad tx hash", "UPDATE redemptions SET tx_hash = '0x12'", "constraint_violation",
       "ck_redemptions_tx_hash"},
      {"fill rate above one", "UPDATE execution_quality SET fill_rate_micros = 1000001",
       "constraint_violation", "ck_execution_quality_fill"},
      {"winner that did not pay", "UPDATE resolutions SET winning_outcome_index = 1",
       "constraint_violation", "ck_resolutions_winner_matches"},
      {"win count above resolved count", "UPDATE trader_stats SET win_count = 41",
       "constraint_violation", "ck_trader_stats_counts"},
      {"deleting a user who owns strategies", "DELETE FROM users WHERE id = 'usr_a'", "foreign_key",
       "FOREIGN KEY"},
      {"deleting an order with fills", "DELETE FROM orders WHERE id = 'ord_1'", "foreign_key",
       "FOREIGN KEY"},
  };
  for (const auto& c : cases) {
    auto result = run(*connection_, c.statement);
    ASSERT_FALSE(result.ok()) << c.label << " was accepted";
    EXPECT_EQ(result.error().code, c.code) << c.label << ": " << result.error().message;
    EXPECT_NE(result.error().message.find(c.fragment), std::string::npos)
        << c.label << ": " << result.error().message;
  }
}

TEST_F(ConstraintsTest, ValidVariantsAreAccepted) {
  // Guards against the bad-row table passing for the wrong reason (a typo in a column).
  const Row good[] = {
      kOrder.with({{"id", "ord_2"},
                   {"idempotency_key", "idem_2"},
                   {"venue_order_id", nullptr},
                   {"state", "intent"}}),
      kOrder.with({{"id", "ord_3"},
                   {"idempotency_key", "idem_3"},
                   {"venue_order_id", nullptr},
                   {"state", "expired"}}),                    // many NULL venue ids may coexist
      kAlert.with({{"id", "al_2"}, {"acknowledged_at", 2}}),  // acknowledged repeats are history
      kReservation.with({{"id", "res_2"}, {"order_id", nullptr}, {"state", "released"}}),
      kSignal.with({{"id", "sig_2"},
                    {"ft_strategy_id", nullptr},
                    {"lt_strategy_id", "lt_a"},
                    {"accepted", 0},
                    {"reason_code", "daily_budget_exceeded"}}),
  };
  for (const auto& row : good) {
    auto result = insert(*connection_, row);
    EXPECT_TRUE(result.ok()) << row.table << ": " << result.error().to_string();
  }
  // A 50/50 resolution of a second market pays both sides and names no winner.
  const std::string other = "0x" + std::string(64, 'e');
  ASSERT_TRUE(insert(*connection_, kMarket.with({{"condition_id", other}})).ok());
  auto split = insert(*connection_, kResolution.with({{"condition_id", other},
                                                      {"winning_outcome_index", nullptr},
                                                      {"payout_numerator_0", 1},
                                                      {"payout_numerator_1", 1},
                                                      {"payout_denominator", 2}}));
  EXPECT_TRUE(split.ok()) << split.error().to_string();
  auto redeemed =
      run(*connection_, "UPDATE redemptions SET state = 'submitted', tx_hash = '" + kTxHash + "'");
  EXPECT_TRUE(redeemed.ok()) << redeemed.error().to_string();
}

}  // namespace
}  // namespace polycopy::store
