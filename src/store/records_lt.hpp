#pragma once
// Live-trading results as the store keeps them (domain.md "Resolution and PnL",
// "Redemption"): an LT signal per evaluated source trade, one LT position per order that
// filled (its real shares, cost and fees), settled beside its FT twin's paper result when
// the market resolves, and one redemption record per settled position (winners wait
// `pending` for the on-chain step, losers are `closed`).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/records.hpp"
#include "store/records_ft.hpp"
#include "store/records_market.hpp"

namespace polycopy::store {

// The evaluation outcome of one source trade for one LT strategy (table strategy_signals,
// lt_strategy_id set): the same fields as an FT signal, whose ft_strategy_id stays empty.
struct LtSignalRecord {
  std::string lt_strategy_id;
  StrategySignalRecord outcome;
};

// What an LT strategy's evaluation needs of its own state.
struct LtBook {
  // Starting equity + realised PnL - cost of open positions - budget held by live orders.
  Usd cash;
  // Those of the tokens asked about with a live order or an open position, sorted.
  std::vector<std::string> open_token_ids;
};

enum class LtPositionStatus { open, resolved, closed };  // resolved: won (payout > 0)
std::string_view to_string(LtPositionStatus status);
std::optional<LtPositionStatus> lt_position_status_from_string(std::string_view text);

struct LtPositionRecord {
  std::string id;  // "ltp_…"
  std::string lt_strategy_id;
  std::string order_id;
  std::string condition_id;
  std::string token_id;
  std::int64_t outcome_index = 0;
  Shares shares;  // filled so far
  Usd cost;       // sum of fill price x size, each rounded up (as the risk reservation)
  Usd fees;
  LtPositionStatus status = LtPositionStatus::open;
  std::optional<Usd> payout, pnl;  // pnl = shares x payout - cost - fees
  // The paper twin's position for the same source trade, and its result once settled.
  std::optional<std::string> ft_position_id;
  std::optional<Usd> ft_cost, ft_pnl;
  Timestamp opened_at;
  std::optional<Timestamp> resolved_at;
};

struct LtPositionQuery {
  std::optional<LtPositionStatus> status;
  std::int64_t limit = 100;
  std::int64_t offset = 0;
};

enum class RedemptionState { pending, submitted, confirmed, failed, closed };
std::string_view to_string(RedemptionState state);
std::optional<RedemptionState> redemption_state_from_string(std::string_view text);

struct RedemptionRecord {
  std::string id;  // "rdm_…"
  std::string lt_position_id;
  std::optional<std::string> wallet_id;
  std::string condition_id;
  RedemptionState state = RedemptionState::pending;
  Usd expected;             // shares x payout
  std::optional<Usd> paid;  // its part of what the chain paid (confirmed)
  std::optional<std::string> tx_hash;
  std::int64_t attempts = 0;
  std::optional<Timestamp> next_attempt_at;
  std::optional<std::string> last_error;
  Timestamp created_at, updated_at;
};

// A redemption the redeemer still has to act on (pending or submitted), with its strategy.
struct RedemptionDue {
  RedemptionRecord record;
  std::string lt_strategy_id;
};

// The id of the position an order fills into: "ltp_" + the order id's suffix (after its
// first '_'), so every fill of the order finds the same row.
std::string lt_position_id_for_order(const std::string& order_id);

// What one share of an outcome pays under a resolution: numerator / denominator, rounded
// down to a micro-dollar (1 won, 0 lost, 0.5 for a 50/50). The store's settlement and the
// risk manager both compute payout = shares x this, rounded down, so their PnL agree.
Price payout_per_share(const ResolutionRecord& resolution, std::int64_t outcome_index);

// An open LT position whose market has a recorded resolution and whose order is final
// (filled, cancelled, expired, rejected): what the LT resolver settles next.
struct LtPositionToSettle {
  LtPositionRecord position;
  ResolutionRecord resolution;
  Price payout_per_share;  // of the position's outcome
};

// What settling a position did: settled now (applied), or found settled already; the
// position and its redemption record as stored afterwards.
struct LtSettlementOutcome {
  bool applied = false;
  LtPositionRecord position;
  RedemptionRecord redemption;
};

// LT results beside the FT twin's, for GET /api/lt/strategies/{id}/performance.
struct LtPerformanceRecord {
  Usd starting_equity;
  Usd open_cost;  // cost of open positions
  std::int64_t open_positions = 0;
  std::int64_t resolved_positions = 0;  // settled (won or lost)
  std::int64_t winning_positions = 0;   // pnl > 0
  std::int64_t losing_positions = 0;    // pnl < 0
  Usd resolved_cost, resolved_fees, resolved_payout;
  Usd realised_pnl;  // resolved_payout - resolved_cost - resolved_fees
  // The FT twin over the same source trades (positions whose LT twin settled).
  Usd ft_resolved_cost;
  Usd ft_realised_pnl;
  std::int64_t signals = 0;
  std::vector<ReasonCount> by_reason;  // LT signals: "accepted" included; ascending
  // Winners not redeemed yet (pending, submitted or failed): how many, and their payout.
  std::int64_t redemptions_pending = 0;
  Usd redemptions_pending_usd;
};

}  // namespace polycopy::store
