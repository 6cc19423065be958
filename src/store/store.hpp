#pragma once
// The Store port. Backends (SQLite now, PostgreSQL later) implement it; nothing here names
// a database library. Every call is one transaction. Callers supply ids and timestamps.
// Errors carry codes: "not_found", "conflict" (unique key), "constraint_violation",
// "foreign_key", "db_error", "migration_failed".
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/records.hpp"
#include "store/records_alerts.hpp"
#include "store/records_chain.hpp"
#include "store/records_ft.hpp"
#include "store/records_health.hpp"
#include "store/records_lt.hpp"
#include "store/records_market.hpp"
#include "store/records_metrics.hpp"
#include "store/records_orders.hpp"
#include "store/records_risk.hpp"
#include "store/records_wallet_funds.hpp"

namespace polycopy::store {

using core::Result;
using core::Status;

struct MigrationInfo {
  int version;
  std::string name;
};

class Store {
 public:
  virtual ~Store() = default;

  // Applies pending migrations in order, each in its own transaction; re-running is a no-op.
  virtual Result<std::vector<MigrationInfo>> migrate() = 0;  // returns those applied now
  virtual Result<int> schema_version() = 0;
  // The newest migration this binary knows.
  virtual int latest_schema_version() const = 0;

  // Users and API keys.
  virtual Status insert_user(const User& user) = 0;
  virtual Result<std::optional<User>> find_user_by_name(const std::string& name) = 0;
  virtual Status insert_api_key(const ApiKey& key) = 0;
  // The user owning a live (not revoked) key with this hash.
  virtual Result<std::optional<User>> find_user_by_api_key_hash(const std::string& key_hash) = 0;

  // Wallets, scoped to their owner.
  virtual Status insert_wallet(const Wallet& wallet) = 0;
  virtual Result<std::optional<Wallet>> get_wallet(const std::string& user_id,
                                                   const std::string& id) = 0;
  virtual Result<std::vector<Wallet>> list_wallets(const std::string& user_id) = 0;
  // Engine side (not scoped): the wallet by id alone.
  virtual Result<std::optional<Wallet>> find_wallet(const std::string& id) = 0;
  // Caches the wallet's CLOB API credentials ("not_found" for an unknown wallet).
  virtual Status set_wallet_api_credentials(const std::string& wallet_id,
                                            const std::string& api_key,
                                            const std::string& secret_sealed,
                                            const std::string& passphrase_sealed,
                                            core::Timestamp at) = 0;

  // FT strategies, always scoped to their owner: another user's id reads as absent.
  virtual Status insert_ft_strategy(const FtStrategy& strategy) = 0;
  virtual Result<std::vector<FtStrategy>> list_ft_strategies(const std::string& user_id) = 0;
  virtual Result<std::optional<FtStrategy>> get_ft_strategy(const std::string& user_id,
                                                            const std::string& id) = 0;
  // Replaces params and paused/updated_at of an existing row ("not_found" otherwise).
  virtual Status update_ft_strategy(const FtStrategy& strategy) = 0;

  // LT strategies (with their risk rules), scoped the same way.
  virtual Status insert_lt_strategy(const LtStrategy& strategy) = 0;
  virtual Result<std::vector<LtStrategy>> list_lt_strategies(const std::string& user_id) = 0;
  virtual Result<std::optional<LtStrategy>> get_lt_strategy(const std::string& user_id,
                                                            const std::string& id) = 0;
  // Replaces params and risk rules (not the pause: see set_lt_paused) and records `changes`
  // (who changed what) in the same transaction.
  virtual Status update_lt_strategy(const LtStrategy& strategy,
                                    const std::vector<RuleChange>& changes) = 0;
  // Pauses (with a reason) or resumes, recording `change`; returns the strategy as stored.
  // Resuming while the circuit breaker is open is refused ("circuit_breaker_open"): only
  // resetting the breaker clears it. Idempotent.
  virtual Result<LtStrategy> set_lt_paused(const std::string& user_id, const std::string& id,
                                           bool paused, const std::optional<std::string>& reason,
                                           const RuleChange& change) = 0;
  // The audit trail of one entity (strategy id), newest first, scoped to its owner.
  virtual Result<std::vector<RuleChange>> list_rule_changes(const std::string& user_id,
                                                            const std::string& entity_id,
                                                            std::int64_t limit) = 0;
  // Health checks (records_health.hpp): a run's checks in one transaction, rows older than
  // `keep_after` removed in the same one; the latest row of each component; one component's
  // rows, newest first.
  virtual Status record_health_checks(const std::vector<HealthCheckRecord>& checks,
                                      core::Timestamp keep_after) = 0;
  virtual Result<std::vector<HealthCheckRecord>> latest_health_checks() = 0;
  virtual Result<std::vector<HealthCheckRecord>> list_health_checks(const std::string& component,
                                                                    std::int64_t limit) = 0;

  // Open (unacknowledged) alerts of a user, newest first.
  virtual Result<std::vector<AlertRecord>> list_open_alerts(const std::string& user_id) = 0;

  // Live orders (records_orders.hpp), engine side.
  // Writes the intent and binds the budget reservation that holds its amount, in one
  // transaction, before anything is sent. An order with the same idempotency key comes back
  // as stored (second = false) and nothing changes: a signal never becomes two orders. The
  // reservation must be the strategy's, live and unbound ("reservation_not_live").
  virtual Result<std::pair<OrderRecord, bool>> insert_order_intent(
      const OrderRecord& intent, const std::string& reservation_id) = 0;
  virtual Result<std::optional<OrderRecord>> find_order(const std::string& id) = 0;
  virtual Result<std::optional<OrderRecord>> find_order_by_key(const std::string& key) = 0;
  // The order the venue knows by this id: its venue id, or the hash stored with its intent
  // (an order sent whose answer is not stored yet is found too).
  virtual Result<std::optional<OrderRecord>> find_order_by_venue_id(
      const std::string& venue_order_id) = 0;
  // intent -> submitted with the venue's order id. The same id again is a no-op; another id,
  // or an order that ended without one, is a "conflict".
  virtual Result<OrderRecord> mark_order_submitted(const std::string& order_id,
                                                   const std::string& venue_order_id,
                                                   core::Timestamp at) = 0;
  // Stores a venue fill once (by venue trade id; a replay answers applied = false) and moves
  // the filled size and state (partially_filled, filled; an order that already ended keeps
  // its state: the fill is still real money). More than the order's size: "fill_exceeds_order".
  // The same transaction adds the fill to the order's LT position (records_lt.hpp); a fill
  // for a position already settled is refused ("position_settled").
  virtual Result<FillOutcome> record_order_fill(const std::string& order_id, const VenueFill& fill,
                                                core::Timestamp at) = 0;
  // Ends a live order as cancelled, expired or rejected (with the venue's message); an order
  // already final comes back unchanged.
  virtual Result<OrderRecord> end_order(const std::string& order_id, OrderState end,
                                        const std::optional<std::string>& message,
                                        core::Timestamp at) = 0;
  // A strategy's orders in these states (all when empty), oldest first.
  virtual Result<std::vector<OrderRecord>> list_orders(const std::string& lt_strategy_id,
                                                       const std::vector<OrderState>& states) = 0;
  virtual Result<std::vector<VenueFill>> list_order_fills(const std::string& order_id) = 0;
  // Flags the stored fill with this venue trade id as FAILED by the venue at `at`: true when
  // flagged now, false when it was already ("not_found" without such a fill).
  virtual Result<bool> mark_fill_failed(const std::string& venue_trade_id, core::Timestamp at) = 0;

  // Risk manager (records_risk.hpp). In one write transaction: loads the LT strategy's
  // snapshot for the scope (state, counts of open positions from the reservations, the named
  // reservation), calls decide, and persists its transition unless it refuses or is a no-op.
  // "not_found" for an unknown strategy or reservation (or one of another strategy).
  virtual Result<RiskDecision> apply_risk_event(const RiskEventScope& scope,
                                                const RiskDecider& decide) = 0;
  // The same snapshot, read only and scoped to the owner (absent for another user's).
  virtual Result<std::optional<RiskSnapshot>> get_risk_snapshot(const std::string& user_id,
                                                                const std::string& lt_strategy_id,
                                                                core::Timestamp now) = 0;
  // Every reservation of a strategy, oldest first (engine side, not user-scoped).
  virtual Result<std::vector<BudgetReservation>> list_budget_reservations(
      const std::string& lt_strategy_id) = 0;
  // Live reservations of a strategy made before `before` that no order intent was ever bound
  // to (a crash between the reservation and its intent), oldest first.
  virtual Result<std::vector<BudgetReservation>> list_unbound_reservations(
      const std::string& lt_strategy_id, core::Timestamp before) = 0;
  // Live reservations of a strategy bound to an order that ended (filled, cancelled, expired,
  // rejected) at or before `ended_by`: a hold the risk booking after the end never released.
  // Reads the live reservations only, whatever the strategy's history; oldest first.
  virtual Result<std::vector<BudgetReservation>> list_holds_of_ended_orders(
      const std::string& lt_strategy_id, core::Timestamp ended_by) = 0;
  // The reservation bound to an order, if any.
  virtual Result<std::optional<BudgetReservation>> find_reservation_by_order(
      const std::string& order_id) = 0;

  // Market data. Malformed addresses, hashes, ids or amounts are refused with an "invalid_*"
  // code before the database is touched; a refused batch stores nothing.
  // Creates the trader or updates its name (kept when none is given); first_seen_at is kept.
  virtual Status upsert_trader(const std::string& address,
                               const std::optional<std::string>& display_name,
                               core::Timestamp now) = 0;
  virtual Result<std::optional<TraderRecord>> get_trader(const std::string& address) = 0;

  // Stores new source trades (and their traders when unknown) in one transaction; trades
  // already stored (same tx hash, token and trader) are skipped. Returns the ids stored now,
  // in input order, so each trade is handed to the evaluator exactly once.
  virtual Result<std::vector<std::string>> insert_source_trades(
      const std::vector<SourceTradeRecord>& trades) = 0;
  // The same plus moving the trader's feed cursor, atomically: a crash never leaves stored
  // trades behind an old cursor, nor a cursor past trades that were not stored. Every trade
  // must belong to the cursor's trader ("trader_mismatch").
  virtual Result<std::vector<std::string>> ingest_trader_trades(
      const std::vector<SourceTradeRecord>& trades, const FeedCursor& advance_to) = 0;
  virtual Result<std::optional<FeedCursor>> get_feed_cursor(const std::string& trader_address) = 0;
  virtual Status set_feed_cursor(const FeedCursor& cursor) = 0;  // creates the trader if new
  // Source trades without a signal of this FT strategy, stored after its evaluation mark,
  // oldest first (traded_at, id): what its evaluator still has to process (after a restart
  // too). `after`: only trades past
  // that key, so a caller walking in batches does not rescan what it just processed.
  virtual Result<std::vector<SourceTradeRecord>> unprocessed_source_trades_for_ft(
      const std::string& ft_strategy_id, std::int64_t limit,
      const std::optional<SourceTradeKey>& after = std::nullopt) = 0;
  // The newest storage seq of any source trade (0 with none).
  virtual Result<std::int64_t> latest_source_trade_seq() = 0;
  // Every trade stored up to `seq` has been evaluated by the strategy: later calls of
  // unprocessed_source_trades_for_ft skip them. Only ever moves forward.
  virtual Status mark_ft_evaluated_through(const std::string& ft_strategy_id, std::int64_t seq) = 0;

  // A market and its two outcome tokens (indexes 0 and 1) in one transaction; fields of a
  // known market are replaced. A token already bound elsewhere is a "conflict".
  virtual Status upsert_market(const MarketRecord& market,
                               const std::vector<OutcomeTokenRecord>& tokens) = 0;
  virtual Result<std::optional<MarketWithTokens>> get_market(const std::string& condition_id) = 0;
  virtual Result<std::optional<MarketWithTokens>> get_market_by_token(
      const std::string& token_id) = 0;
  // Idempotent: recording the same outcome again is a no-op; a different outcome for a
  // resolved market is "resolution_conflict". The market must be known ("foreign_key").
  virtual Status record_resolution(const ResolutionRecord& resolution) = 0;
  virtual Result<std::optional<ResolutionRecord>> get_resolution(
      const std::string& condition_id) = 0;

  // Condition ids of stored source trades whose market is not stored yet (the market cache's
  // misses), at most `limit`, ascending.
  virtual Result<std::vector<std::string>> unknown_trade_conditions(std::int64_t limit) = 0;
  // Stored markets not closed, or closed without a recorded resolution yet, ascending: what
  // the market cache refreshes on its schedule.
  virtual Result<std::vector<std::string>> open_market_conditions() = 0;

  // Forward testing (engine side: not scoped to a user).
  // FT strategies of every user that are not paused.
  virtual Result<std::vector<FtStrategy>> list_active_ft_strategies() = 0;
  // Stores evaluation outcomes (each signal with the position it opens) in one transaction.
  // A signal for a (strategy, source trade) already evaluated is a "conflict" and the whole
  // batch is refused, so a trade is processed at most once per strategy.
  virtual Status record_ft_outcomes(const std::vector<FtOutcome>& outcomes) = 0;
  virtual Result<FtBook> get_ft_book(const std::string& ft_strategy_id) = 0;
  // Settles every open paper position whose market has a recorded resolution (any strategy);
  // returns how many were settled. Idempotent.
  virtual Result<std::int64_t> settle_resolved_paper_positions(core::Timestamp now) = 0;

  // Forward-testing reads, scoped to the strategy's owner ("not_found" for another user's).
  // Newest first.
  virtual Result<std::vector<PaperPositionRecord>> list_paper_positions(
      const std::string& user_id, const std::string& ft_strategy_id,
      const PaperPositionQuery& query) = 0;
  virtual Result<std::vector<StrategySignalRecord>> list_ft_signals(
      const std::string& user_id, const std::string& ft_strategy_id, const SignalQuery& query) = 0;
  virtual Result<FtPerformanceRecord> get_ft_performance(const std::string& user_id,
                                                         const std::string& ft_strategy_id) = 0;

  // Trader statistics, maintained incrementally: storing a BUY source trade adds it to its
  // trader's count and average (and to the resolved figures when its market has already
  // resolved); recording a resolution adds every stored BUY trade of that market. Absent for
  // a trader with no stored BUY trade.
  virtual Result<std::optional<TraderStatsRecord>> get_trader_stats(
      const std::string& trader_address, core::Timestamp now) = 0;

  // Live-trading evaluation (engine side, not scoped): LT strategies of every user that are
  // not paused and have a wallet.
  virtual Result<std::vector<LtStrategy>> list_active_lt_strategies() = 0;
  // Every LT strategy with a wallet, paused ones included (their orders still fill or expire).
  virtual Result<std::vector<LtStrategy>> list_wallet_lt_strategies() = 0;
  // The same contract as the FT calls above, for an LT strategy's own signals and mark.
  virtual Result<std::vector<SourceTradeRecord>> unprocessed_source_trades_for_lt(
      const std::string& lt_strategy_id, std::int64_t limit,
      const std::optional<SourceTradeKey>& after = std::nullopt) = 0;
  virtual Status mark_lt_evaluated_through(const std::string& lt_strategy_id, std::int64_t seq) = 0;
  // Stores LT signals in one transaction; a signal for a (strategy, source trade) already
  // evaluated is a "conflict" and the whole batch is refused.
  virtual Status record_lt_signals(const std::vector<LtSignalRecord>& signals) = 0;
  // The book an LT evaluation runs on: its cash, and which of token_ids it holds (each
  // token one index lookup, whatever the number of live orders).
  virtual Result<LtBook> get_lt_book(const std::string& lt_strategy_id,
                                     const std::vector<std::string>& token_ids) = 0;

  // On-chain transactions (records_chain.hpp).
  // The nonce for a new transaction of (chain, sender): the larger of the chain's count of
  // its transactions (pending included) and one past the highest the store holds, so a
  // restart never reuses one and no nonce is skipped.
  virtual Result<std::uint64_t> next_nonce(std::uint64_t chain_id, const std::string& address,
                                           std::uint64_t chain_next_nonce) = 0;
  // Writes a signed transaction before it is broadcast. A live transaction with the same
  // purpose is "conflict"; a stored transaction with the same sender and nonce (another
  // instance got there first) is "nonce_taken": nothing written either way.
  virtual Status insert_chain_transaction(const ChainTransaction& tx) = 0;
  virtual Result<std::optional<ChainTransaction>> find_chain_transaction(const std::string& id) = 0;
  // The live (signed, sent, confirmed) transaction for a purpose, if any.
  virtual Result<std::optional<ChainTransaction>> find_live_chain_transaction(
      const std::string& purpose) = 0;
  // Signed or sent transactions, oldest first: what a sender still has to see through.
  virtual Result<std::vector<ChainTransaction>> list_unfinished_chain_transactions() = 0;
  // One more broadcast of the current bytes (state sent).
  virtual Status mark_chain_transaction_sent(const std::string& id, core::Timestamp at) = 0;
  // A fee bump: new bytes and hash for the same nonce (the old hash kept), state signed
  // until it is broadcast. Only for signed or sent transactions ("conflict" otherwise).
  virtual Status replace_chain_broadcast(const std::string& id, const std::string& tx_hash,
                                         const std::string& raw, const std::string& max_fee,
                                         const std::string& max_priority_fee,
                                         core::Timestamp at) = 0;
  // Final: confirmed (mined and deep enough) or failed (reverted, with the reason).
  virtual Status finish_chain_transaction(const std::string& id, ChainTxState state,
                                          const std::string& tx_hash,
                                          std::optional<std::uint64_t> block_number,
                                          const std::optional<std::string>& error,
                                          core::Timestamp at) = 0;

  // LT positions, resolution and redemption records (records_lt.hpp). Positions are written
  // by record_order_fill. Reads are scoped to the strategy's owner ("not_found" otherwise).
  virtual Result<std::vector<LtPositionRecord>> list_lt_positions(const std::string& user_id,
                                                                  const std::string& lt_strategy_id,
                                                                  const LtPositionQuery& query) = 0;
  virtual Result<LtPerformanceRecord> get_lt_performance(const std::string& user_id,
                                                         const std::string& lt_strategy_id) = 0;
  virtual Result<std::vector<RedemptionRecord>> list_redemptions(
      const std::string& user_id, const std::string& lt_strategy_id) = 0;
  // Engine side (every strategy): open positions whose market has a recorded resolution and
  // whose order is final (a live order may still fill: it waits), oldest first, at most
  // `limit`.
  virtual Result<std::vector<LtPositionToSettle>> list_lt_positions_to_settle(
      std::int64_t limit) = 0;
  // Settles one such position in one transaction: status resolved (payout > 0) or closed,
  // payout = shares x payout per share rounded down, pnl = payout - cost - fees, the FT twin's
  // cost and pnl beside it when the twin is settled, and its redemption record (`redemption_id`
  // when new; winner `pending` with expected = payout from the strategy's wallet, loser
  // `closed`). A position settled before comes back as stored (applied = false). A position
  // not ready: "not_found", "not_resolved" or "order_still_live".
  virtual Result<LtSettlementOutcome> settle_lt_position(const std::string& lt_position_id,
                                                         const std::string& redemption_id,
                                                         core::Timestamp at) = 0;

  // Redemptions, engine side (the redeemer). The LT strategy by id alone (any owner).
  virtual Result<std::optional<LtStrategy>> find_lt_strategy(const std::string& id) = 0;
  // Pending or submitted redemptions, and failed ones whose retry is due at `now`, oldest
  // first: of all strategies, or those one strategy's redemption calls settle (every record
  // of the same wallet and condition, whichever strategy it belongs to).
  virtual Result<std::vector<RedemptionDue>> list_redemptions_due(
      const std::optional<std::string>& lt_strategy_id, core::Timestamp now) = 0;
  // Pending or failed -> submitted with the transaction's hash (one more attempt), all or
  // none; a submitted one takes the hash of its re-priced transaction (no new attempt).
  // Confirmation goes through the risk manager (RiskTransition::redemption_paid).
  virtual Status mark_redemptions_submitted(const std::vector<std::string>& ids,
                                            const std::string& tx_hash, core::Timestamp at) = 0;
  // Failed with the reason; tried again from `retry_at` (never without one), all or none.
  // Confirmed and closed records are refused with "conflict".
  virtual Status fail_redemptions(const std::vector<std::string>& ids, const std::string& error,
                                  std::optional<core::Timestamp> retry_at, core::Timestamp at) = 0;
  // Makes the strategy's failed redemptions due again now; how many.
  virtual Result<std::int64_t> retry_failed_redemptions(const std::string& lt_strategy_id,
                                                        core::Timestamp at) = 0;
  // Why the redemptions could not go ahead now (kept pending; the next pass tries again).
  virtual Status note_redemption_problem(const std::vector<std::string>& ids,
                                         const std::string& error, core::Timestamp at) = 0;

  // --- Alerts: rules, delivery and acknowledgement (store/records_alerts.hpp)

  // Inserts the alerts whose dedup key no alert has (open or acknowledged); how many.
  virtual Result<std::int64_t> raise_alerts_once(const std::vector<RaisedAlert>& alerts,
                                                 core::Timestamp now) = 0;
  // The user's alerts and the system's (no owner), newest first.
  virtual Result<std::vector<AlertRecord>> list_alerts(const std::string& user_id,
                                                       const AlertListQuery& query) = 0;
  // The alert if it is the user's or a system alert.
  virtual Result<std::optional<AlertRecord>> find_alert(const std::string& user_id,
                                                        const std::string& alert_id) = 0;
  // Acknowledged at `now` (an acknowledged one keeps its time); "not_found" when the alert
  // is neither the user's nor a system alert. A later repeat opens a new alert.
  virtual Result<AlertRecord> acknowledge_alert(const std::string& user_id,
                                                const std::string& alert_id,
                                                core::Timestamp now) = 0;
  virtual Result<AlertFacts> alert_facts(const AlertFactsQuery& query) = 0;
  // Gives each alert created since `created_since` a pending delivery on every route whose
  // minimum severity it reaches (once per alert and channel); how many were added.
  virtual Result<std::int64_t> enqueue_alert_deliveries(
      const std::vector<AlertChannelRoute>& routes, core::Timestamp created_since,
      core::Timestamp now) = 0;
  // Pending deliveries due at `now`: critical first, then oldest.
  virtual Result<std::vector<DueAlertDelivery>> list_due_alert_deliveries(core::Timestamp now,
                                                                          std::int64_t limit) = 0;
  virtual Result<std::int64_t> count_alert_deliveries_sent(const std::string& channel,
                                                           core::Timestamp since) = 0;
  // One attempt's outcome (retry needs next_attempt_at). Refused ("conflict") unless pending.
  virtual Status record_alert_delivery(const std::string& delivery_id, const DeliveryResult& result,
                                       core::Timestamp now) = 0;
  virtual Result<std::vector<AlertDelivery>> list_alert_deliveries(const std::string& alert_id) = 0;

  // The audit log: an API call (orders are logged by the store as they change).
  virtual Status record_audit(const AuditEntry& entry) = 0;
  // The user's entries (API calls, orders, rule changes) and the system's (cron calls), newest
  // first.
  virtual Result<std::vector<AuditEntry>> list_audit(const std::string& user_id,
                                                     const AuditQuery& query) = 0;

  // --- Wallet funds (store/records_wallet_funds.hpp, sql_store_wallet_funds.cpp)
  // Every wallet used by at least one LT strategy (paused ones included), by wallet id, with
  // the sum of its strategies' outstanding reservations (risk_state.reserved). One query.
  virtual Result<std::vector<WalletCommitments>> list_wallet_commitments() = 0;

  // --- Metrics: counts for GET /metrics (store/records_metrics.hpp)
  // Aggregates read at scrape time (records_metrics.hpp), in one read transaction. The
  // latency bounds (milliseconds, ascending) bucket signal->order and order->fill times.
  virtual Result<MetricsCounts> metrics_counts(
      const std::vector<std::int64_t>& latency_bounds_ms) = 0;
};

// Opens (creating if needed) a SQLite database file; does not migrate.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path);

}  // namespace polycopy::store
