#pragma once
// The backend-neutral Store: every method is one transaction on one sql::Connection,
// serialised by a mutex (the HTTP server calls from several threads). A backend only
// provides the connection.
#include <memory>
#include <mutex>

#include "core/clock.hpp"
#include "store/sql/connection.hpp"
#include "store/sql/row_reader.hpp"
#include "store/sql/transaction.hpp"
#include "store/store.hpp"

namespace polycopy::store::sql {

class SqlStore final : public Store {
 public:
  // The clock stamps schema_migrations.applied_at.
  explicit SqlStore(std::unique_ptr<Connection> connection,
                    std::shared_ptr<const core::Clock> clock = nullptr);

  Result<std::vector<MigrationInfo>> migrate() override;
  Result<int> schema_version() override;
  int latest_schema_version() const override;

  Status insert_user(const User& user) override;
  Result<std::optional<User>> find_user_by_name(const std::string& name) override;
  Status insert_api_key(const ApiKey& key) override;
  Result<std::optional<User>> find_user_by_api_key_hash(const std::string& key_hash) override;

  Status insert_wallet(const Wallet& wallet) override;
  Result<std::optional<Wallet>> get_wallet(const std::string& user_id,
                                           const std::string& id) override;
  Result<std::vector<Wallet>> list_wallets(const std::string& user_id) override;
  Result<std::optional<Wallet>> find_wallet(const std::string& id) override;
  Status set_wallet_api_credentials(const std::string& wallet_id, const std::string& api_key,
                                    const std::string& secret_sealed,
                                    const std::string& passphrase_sealed,
                                    core::Timestamp at) override;

  Status insert_ft_strategy(const FtStrategy& strategy) override;
  Result<std::vector<FtStrategy>> list_ft_strategies(const std::string& user_id) override;
  Result<std::optional<FtStrategy>> get_ft_strategy(const std::string& user_id,
                                                    const std::string& id) override;
  Status update_ft_strategy(const FtStrategy& strategy) override;

  Status insert_lt_strategy(const LtStrategy& strategy) override;
  Result<std::vector<LtStrategy>> list_lt_strategies(const std::string& user_id) override;
  Result<std::optional<LtStrategy>> get_lt_strategy(const std::string& user_id,
                                                    const std::string& id) override;
  Status update_lt_strategy(const LtStrategy& strategy,
                            const std::vector<RuleChange>& changes) override;
  Result<LtStrategy> set_lt_paused(const std::string& user_id, const std::string& id, bool paused,
                                   const std::optional<std::string>& reason,
                                   const RuleChange& change) override;
  Result<std::vector<RuleChange>> list_rule_changes(const std::string& user_id,
                                                    const std::string& entity_id,
                                                    std::int64_t limit) override;
  Status record_health_checks(const std::vector<HealthCheckRecord>& checks,
                              core::Timestamp keep_after) override;
  Result<std::vector<HealthCheckRecord>> latest_health_checks() override;
  Result<std::vector<HealthCheckRecord>> list_health_checks(const std::string& component,
                                                            std::int64_t limit) override;
  Result<std::vector<AlertRecord>> list_open_alerts(const std::string& user_id) override;
  Result<std::pair<OrderRecord, bool>> insert_order_intent(
      const OrderRecord& intent, const std::string& reservation_id) override;
  Result<std::optional<OrderRecord>> find_order(const std::string& id) override;
  Result<std::optional<OrderRecord>> find_order_by_key(const std::string& key) override;
  Result<std::optional<OrderRecord>> find_order_by_venue_id(
      const std::string& venue_order_id) override;
  Result<OrderRecord> mark_order_submitted(const std::string& order_id,
                                           const std::string& venue_order_id,
                                           core::Timestamp at) override;
  Result<FillOutcome> record_order_fill(const std::string& order_id, const VenueFill& fill,
                                        core::Timestamp at) override;
  Result<OrderRecord> end_order(const std::string& order_id, OrderState end,
                                const std::optional<std::string>& message,
                                core::Timestamp at) override;
  Result<std::vector<OrderRecord>> list_orders(const std::string& lt_strategy_id,
                                               const std::vector<OrderState>& states) override;
  Result<std::vector<VenueFill>> list_order_fills(const std::string& order_id) override;
  Result<bool> mark_fill_failed(const std::string& venue_trade_id, core::Timestamp at) override;
  Result<RiskDecision> apply_risk_event(const RiskEventScope& scope,
                                        const RiskDecider& decide) override;
  Result<std::optional<RiskSnapshot>> get_risk_snapshot(const std::string& user_id,
                                                        const std::string& lt_strategy_id,
                                                        core::Timestamp now) override;
  Result<std::vector<BudgetReservation>> list_budget_reservations(
      const std::string& lt_strategy_id) override;
  Result<std::optional<BudgetReservation>> find_reservation_by_order(
      const std::string& order_id) override;
  Result<std::uint64_t> next_nonce(std::uint64_t chain_id, const std::string& address,
                                   std::uint64_t chain_next_nonce) override;
  Status insert_chain_transaction(const ChainTransaction& tx) override;
  Result<std::optional<ChainTransaction>> find_chain_transaction(const std::string& id) override;
  Result<std::optional<ChainTransaction>> find_live_chain_transaction(
      const std::string& purpose) override;
  Result<std::vector<ChainTransaction>> list_unfinished_chain_transactions() override;
  Status mark_chain_transaction_sent(const std::string& id, core::Timestamp at) override;
  Status replace_chain_broadcast(const std::string& id, const std::string& tx_hash,
                                 const std::string& raw, const std::string& max_fee,
                                 const std::string& max_priority_fee, core::Timestamp at) override;
  Status finish_chain_transaction(const std::string& id, ChainTxState state,
                                  const std::string& tx_hash,
                                  std::optional<std::uint64_t> block_number,
                                  const std::optional<std::string>& error,
                                  core::Timestamp at) override;
  Result<std::optional<LtStrategy>> find_lt_strategy(const std::string& id) override;
  Result<std::vector<RedemptionDue>> list_redemptions_due(
      const std::optional<std::string>& lt_strategy_id, core::Timestamp now) override;
  Status mark_redemptions_submitted(const std::vector<std::string>& ids, const std::string& tx_hash,
                                    core::Timestamp at) override;
  Status fail_redemptions(const std::vector<std::string>& ids, const std::string& error,
                          std::optional<core::Timestamp> retry_at, core::Timestamp at) override;
  Result<std::int64_t> retry_failed_redemptions(const std::string& lt_strategy_id,
                                                core::Timestamp at) override;
  Status note_redemption_problem(const std::vector<std::string>& ids, const std::string& error,
                                 core::Timestamp at) override;

  Result<std::vector<BudgetReservation>> list_holds_of_ended_orders(
      const std::string& lt_strategy_id, core::Timestamp ended_by) override;
  Result<std::vector<BudgetReservation>> list_unbound_reservations(
      const std::string& lt_strategy_id, core::Timestamp before) override;

  Status upsert_trader(const std::string& address, const std::optional<std::string>& display_name,
                       core::Timestamp now) override;
  Result<std::optional<TraderRecord>> get_trader(const std::string& address) override;
  Result<std::vector<std::string>> insert_source_trades(
      const std::vector<SourceTradeRecord>& trades) override;
  Result<std::vector<std::string>> ingest_trader_trades(
      const std::vector<SourceTradeRecord>& trades, const FeedCursor& advance_to) override;
  Result<std::optional<FeedCursor>> get_feed_cursor(const std::string& trader_address) override;
  Status set_feed_cursor(const FeedCursor& cursor) override;
  Result<std::vector<SourceTradeRecord>> unprocessed_source_trades_for_ft(
      const std::string& ft_strategy_id, std::int64_t limit,
      const std::optional<SourceTradeKey>& after = std::nullopt) override;
  Result<std::int64_t> latest_source_trade_seq() override;
  Status mark_ft_evaluated_through(const std::string& ft_strategy_id, std::int64_t seq) override;
  Status upsert_market(const MarketRecord& market,
                       const std::vector<OutcomeTokenRecord>& tokens) override;
  Result<std::optional<MarketWithTokens>> get_market(const std::string& condition_id) override;
  Result<std::optional<MarketWithTokens>> get_market_by_token(const std::string& token_id) override;
  Status record_resolution(const ResolutionRecord& resolution) override;
  Result<std::optional<ResolutionRecord>> get_resolution(const std::string& condition_id) override;
  Result<std::vector<std::string>> unknown_trade_conditions(std::int64_t limit) override;
  Result<std::vector<std::string>> open_market_conditions() override;

  Result<std::vector<FtStrategy>> list_active_ft_strategies() override;
  Status record_ft_outcomes(const std::vector<FtOutcome>& outcomes) override;
  Result<FtBook> get_ft_book(const std::string& ft_strategy_id) override;
  Result<std::int64_t> settle_resolved_paper_positions(core::Timestamp now) override;
  Result<std::vector<PaperPositionRecord>> list_paper_positions(
      const std::string& user_id, const std::string& ft_strategy_id,
      const PaperPositionQuery& query) override;
  Result<std::vector<StrategySignalRecord>> list_ft_signals(const std::string& user_id,
                                                            const std::string& ft_strategy_id,
                                                            const SignalQuery& query) override;
  Result<FtPerformanceRecord> get_ft_performance(const std::string& user_id,
                                                 const std::string& ft_strategy_id) override;
  Result<std::optional<TraderStatsRecord>> get_trader_stats(const std::string& trader_address,
                                                            core::Timestamp now) override;

  // LT evaluation (sql_store_lt_signals.cpp).
  Result<std::vector<LtStrategy>> list_active_lt_strategies() override;
  Result<std::vector<LtStrategy>> list_wallet_lt_strategies() override;
  Result<std::vector<SourceTradeRecord>> unprocessed_source_trades_for_lt(
      const std::string& lt_strategy_id, std::int64_t limit,
      const std::optional<SourceTradeKey>& after) override;
  Status mark_lt_evaluated_through(const std::string& lt_strategy_id, std::int64_t seq) override;
  Status record_lt_signals(const std::vector<LtSignalRecord>& signals) override;
  Result<LtBook> get_lt_book(const std::string& lt_strategy_id,
                             const std::vector<std::string>& token_ids) override;

  // LT positions, resolution, redemptions (sql_store_lt_positions.cpp).
  Result<std::vector<LtPositionRecord>> list_lt_positions(const std::string& user_id,
                                                          const std::string& lt_strategy_id,
                                                          const LtPositionQuery& query) override;
  Result<LtPerformanceRecord> get_lt_performance(const std::string& user_id,
                                                 const std::string& lt_strategy_id) override;
  Result<std::vector<RedemptionRecord>> list_redemptions(
      const std::string& user_id, const std::string& lt_strategy_id) override;
  Result<std::vector<LtPositionToSettle>> list_lt_positions_to_settle(std::int64_t limit) override;
  Result<LtSettlementOutcome> settle_lt_position(const std::string& lt_position_id,
                                                 const std::string& redemption_id,
                                                 core::Timestamp at) override;

  // --- Alerts (sql_store_alerts.cpp, sql_store_alert_facts.cpp, sql_store_audit.cpp)
  Result<std::int64_t> raise_alerts_once(const std::vector<RaisedAlert>& alerts,
                                         core::Timestamp now) override;
  Result<std::vector<AlertRecord>> list_alerts(const std::string& user_id,
                                               const AlertListQuery& query) override;
  Result<std::optional<AlertRecord>> find_alert(const std::string& user_id,
                                                const std::string& alert_id) override;
  Result<AlertRecord> acknowledge_alert(const std::string& user_id, const std::string& alert_id,
                                        core::Timestamp now) override;
  Result<AlertFacts> alert_facts(const AlertFactsQuery& query) override;
  Result<std::int64_t> enqueue_alert_deliveries(const std::vector<AlertChannelRoute>& routes,
                                                core::Timestamp created_since,
                                                core::Timestamp now) override;
  Result<std::vector<DueAlertDelivery>> list_due_alert_deliveries(core::Timestamp now,
                                                                  std::int64_t limit) override;
  Result<std::int64_t> count_alert_deliveries_sent(const std::string& channel,
                                                   core::Timestamp since) override;
  Status record_alert_delivery(const std::string& delivery_id, const DeliveryResult& result,
                               core::Timestamp now) override;
  Result<std::vector<AlertDelivery>> list_alert_deliveries(const std::string& alert_id) override;
  Status record_audit(const AuditEntry& entry) override;
  Result<std::vector<AuditEntry>> list_audit(const std::string& user_id,
                                             const AuditQuery& query) override;

  // --- Wallet funds (sql_store_wallet_funds.cpp)
  Result<std::vector<WalletCommitments>> list_wallet_commitments() override;

  // --- Metrics (sql_store_metrics.cpp)
  Result<MetricsCounts> metrics_counts(const std::vector<std::int64_t>& latency_bounds_ms) override;

 private:
  // One serialised transaction; the body returns a Result or Status.
  template <class Body>
  auto transact(TransactionMode mode, Body&& body) {
    std::lock_guard lock(mutex_);
    return in_transaction(*connection_, mode, std::forward<Body>(body));
  }

  std::mutex mutex_;
  std::unique_ptr<Connection> connection_;
  std::shared_ptr<const core::Clock> clock_;
};

// Audit and alert rows (sql_store_audit.cpp), written inside the caller's transaction.
void insert_rule_change(Connection& connection, const RuleChange& change);
// An order's audit entry (an intent when `previous_state` is absent, else its change from
// that state), inside the caller's transaction; its owner is the strategy's user.
void insert_order_audit(Connection& connection, const OrderRecord& order,
                        const std::optional<std::string>& previous_state, std::string_view op);
// A new alert, or one more occurrence of the open alert with the same dedup key.
void raise_alert(Connection& connection, const std::optional<std::string>& user_id,
                 const std::optional<std::string>& lt_strategy_id, const RiskAlert& alert,
                 core::Timestamp now);
// One evaluation outcome: an FT signal, or an LT one when lt_strategy_id is given (the
// signal's ft_strategy_id is then ignored). Throws core::Failure ("conflict" for a trade the
// strategy has evaluated already).
void insert_strategy_signal(Connection& connection, const StrategySignalRecord& signal,
                            const std::optional<std::string>& lt_strategy_id, std::string_view op);
// Redemption rows (sql_store_lt_positions.cpp): the columns of alias r, and one row read.
extern const std::string_view kRedemptionColumns;
RedemptionRecord read_redemption(RowReader& r);
// Order intents (sql_store_orders.cpp), inside the caller's transaction: the order stored
// with this idempotency key, and a new intent row (throws core::Failure).
std::optional<OrderRecord> order_with_key(Connection& connection, const std::string& key);
void insert_intent_row(Connection& connection, const OrderRecord& order, std::string_view op);
// Adds one new fill to its order's LT position, creating the position on the first fill
// (sql_store_lt_positions.cpp); inside record_order_fill's transaction. Throws core::Failure.
void add_fill_to_lt_position(Connection& connection, const OrderRecord& order,
                             const VenueFill& fill);
// The LT strategy row by id alone (engine side), or nullopt.
std::optional<LtStrategy> load_lt_strategy(Connection& connection, const std::string& id);

// Trader statistics upkeep (sql_store_trader_stats.cpp). Both run inside the transaction that
// makes the trades or the resolution new, so each trade is counted exactly once: at insert
// when its market has already resolved, else when the resolution is recorded. They throw
// core::Failure on a database error (the transaction rolls back).
// Adds the BUY trades among `new_ids` (ids stored just now, a subset of `trades`).
void count_new_source_trades(Connection& connection, const std::vector<SourceTradeRecord>& trades,
                             const std::vector<std::string>& new_ids);
// Adds every stored BUY trade of the market to the resolved figures; call only when the
// resolution row was inserted just now.
void count_resolved_market(Connection& connection, const ResolutionRecord& resolution);

}  // namespace polycopy::store::sql
