#pragma once
// Forward-testing records: each evaluation outcome of an FT strategy (a signal), the paper
// positions accepted signals open, the strategy's book and performance, and per-trader
// statistics kept up to date incrementally from resolved history.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/money.hpp"

namespace polycopy::store {

// One source trade evaluated by one FT strategy: accepted, or the first failed check.
struct StrategySignalRecord {
  std::string id;  // "sig_…"
  std::string ft_strategy_id;
  std::string source_trade_id;
  bool accepted = false;
  std::optional<std::string> reason_code;  // set exactly when rejected
  std::optional<std::string> detail;
  std::optional<core::Price> entry_price;  // in (0, 1) when set
  std::optional<core::Usd> bet_usd;
  std::optional<core::Ratio> edge;
  std::optional<core::Ratio> conviction;
  core::Timestamp evaluated_at;
};

enum class PaperPositionStatus { open, resolved };

// A paper fill at entry_price: shares = bet / entry_price rounded down to a micro-share,
// cost = the bet (the cash debited). Settled: payout = shares x numerator / denominator of
// its outcome, rounded down to a micro-dollar; pnl = payout - cost.
struct PaperPositionRecord {
  std::string id;  // "pp_…"
  std::string ft_strategy_id;
  std::string source_trade_id;
  std::string condition_id;
  std::string token_id;
  std::int64_t outcome_index = 0;
  core::Price entry_price;
  core::Shares shares;
  core::Usd cost;
  PaperPositionStatus status = PaperPositionStatus::open;
  std::optional<core::Usd> payout;
  std::optional<core::Usd> pnl;
  core::Timestamp opened_at;
  std::optional<core::Timestamp> resolved_at;
};

// A signal and, when accepted, the position it opens: stored together or not at all.
struct FtOutcome {
  StrategySignalRecord signal;
  std::optional<PaperPositionRecord> position;
};

// What the evaluation needs of the strategy's book. cash = starting cash - cost of every
// position + payout of the settled ones.
struct FtBook {
  core::Usd cash;
  std::vector<std::string> open_token_ids;  // distinct, ascending
};

struct SignalQuery {
  std::optional<std::string> reason;  // a reason code, or "accepted"
  std::int64_t limit = 100;
  std::int64_t offset = 0;
};

struct PaperPositionQuery {
  std::optional<PaperPositionStatus> status;
  std::int64_t limit = 100;
  std::int64_t offset = 0;
};

struct ReasonCount {
  std::string reason;  // a reason code, or "accepted"
  std::int64_t count = 0;
};

struct FtPerformanceRecord {
  core::Usd starting_cash;
  core::Usd cash;
  core::Usd open_cost;        // cost of the open positions
  core::Usd resolved_cost;    // cost of the settled positions
  core::Usd resolved_payout;  // what they paid
  core::Usd realised_pnl;     // resolved_payout - resolved_cost
  std::int64_t open_positions = 0;
  std::int64_t resolved_positions = 0;
  std::int64_t winning_positions = 0;  // settled with pnl > 0
  std::int64_t losing_positions = 0;   // settled with pnl < 0
  std::int64_t signals = 0;
  std::vector<ReasonCount> by_reason;  // "accepted" included; ascending by reason
};

// domain.md "Trader statistics". Only BUY source trades count. A trade is resolved once its
// market has a recorded resolution; it wins when its outcome pays in full (a 50/50
// resolution counts as resolved, not won); its pnl is shares x payout - usd. The 30-day
// figures count trades whose market resolved within 30 days before `now`.
struct TraderStatsRecord {
  std::string trader_address;
  std::int64_t trade_count = 0;  // every stored BUY trade
  std::optional<core::Usd> average_trade_usd;
  std::int64_t resolved_count = 0;
  std::int64_t win_count = 0;
  std::optional<core::Ratio> win_rate;  // win_count / resolved_count, rounded down
  std::int64_t resolved_count_30d = 0;
  std::int64_t win_count_30d = 0;
  std::optional<core::Ratio> win_rate_30d;
  core::Usd realised_pnl;
};

std::string_view to_string(PaperPositionStatus status);
std::optional<PaperPositionStatus> paper_position_status_from_string(std::string_view text);

}  // namespace polycopy::store
