#pragma once
// Market-data records the store persists: traders, the source trades we copy, each trader's
// feed cursor, markets with their outcome tokens, and resolutions. Plain data, no database
// types; hex strings are lower-case with 0x, token ids are uint256 in decimal.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/money.hpp"

namespace polycopy::store {

struct TraderRecord {
  std::string address;  // proxy wallet, 0x + 40 hex
  std::optional<std::string> display_name;
  core::Timestamp first_seen_at;
  core::Timestamp updated_at;
};

enum class TradeSide { buy, sell };

// One fill of a source trader on one outcome token. The venue gives no trade id, so the
// transaction, token and trader together identify it (the table's unique key).
struct SourceTradeRecord {
  std::string id;  // source_trade_id(tx_hash, token_id, trader_address)
  std::string trader_address;
  std::string tx_hash;       // 0x + 64 hex
  std::string condition_id;  // 0x + 64 hex
  std::string token_id;
  std::optional<std::string> outcome;
  std::optional<std::int64_t> outcome_index;  // 0 or 1
  TradeSide side = TradeSide::buy;
  core::Price price;
  core::Shares size;  // > 0
  core::Usd usd;      // >= 0
  core::Timestamp traded_at;
  core::Timestamp received_at;
  std::int64_t seq = 0;  // storage order, set by the store (ignored when inserting)
};

inline std::string source_trade_id(const std::string& tx_hash, const std::string& token_id,
                                   const std::string& trader_address) {
  return tx_hash + ":" + token_id + ":" + trader_address;
}

// Where a walk over source trades in (traded_at, id) order stopped.
struct SourceTradeKey {
  core::Timestamp traded_at;
  std::string id;
};

// The newest trade already stored for a trader: a restarted feed asks only for newer ones,
// so it neither misses nor repeats a trade.
struct FeedCursor {
  std::string trader_address;
  core::Timestamp traded_at;
  std::string tx_hash;
  std::string token_id;
  core::Timestamp updated_at;
};

struct MarketRecord {
  std::string condition_id;  // 0x + 64 hex
  std::string question;
  std::optional<std::string> slug;
  std::optional<std::string> category;
  std::optional<core::Timestamp> end_at;
  std::optional<core::Timestamp> game_start_at;  // sports: when play starts (in-play from then)
  bool is_live = false;
  bool closed = false;
  bool neg_risk = false;
  core::Price tick_size = core::Price::from_micros(10'000).value();
  core::Shares min_order_size;
  core::Timestamp updated_at;
};

struct OutcomeTokenRecord {
  std::string token_id;
  std::string condition_id;
  std::int64_t outcome_index = 0;  // 0 or 1
  std::string outcome;
};

// A market with its outcome tokens, ordered by outcome index.
struct MarketWithTokens {
  MarketRecord market;
  std::vector<OutcomeTokenRecord> tokens;
};

// Payouts as on chain: numerators sum to the denominator.
struct ResolutionRecord {
  std::string condition_id;
  std::optional<std::int64_t> winning_outcome_index;  // unset when both outcomes pay
  std::int64_t payout_numerator_0 = 0;
  std::int64_t payout_numerator_1 = 0;
  std::int64_t payout_denominator = 1;
  core::Timestamp resolved_at;
  core::Timestamp recorded_at;
};

}  // namespace polycopy::store
