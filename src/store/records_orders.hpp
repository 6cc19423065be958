#pragma once
// Live orders as the store keeps them (domain.md "Orders and fills"): an intent is written
// before anything leaves the process, keyed by hash(strategy, source trade) so the same
// signal can never become two orders; then submitted (venue id known), partially filled,
// filled, or ended (cancelled, expired, rejected with the venue's message). Each venue fill
// is stored once, by its venue trade id.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/records.hpp"

namespace polycopy::store {

enum class OrderState { intent, submitted, partially_filled, filled, cancelled, expired, rejected };
std::string_view to_string(OrderState state);
std::optional<OrderState> order_state_from_string(std::string_view text);
// Filled, cancelled, expired and rejected orders never change again.
bool is_final(OrderState state);

struct OrderRecord {
  std::string id;  // "ord_…"
  std::string lt_strategy_id;
  std::optional<std::string> source_trade_id;
  std::string idempotency_key;
  std::optional<std::string> venue_order_id;
  OrderState state = OrderState::intent;
  std::string side = "BUY";
  std::string token_id;
  Price limit_price;
  Shares size;
  Shares filled_size;
  OrderType order_type = OrderType::gtc;
  std::optional<Price> signal_price;
  std::optional<std::string> salt, signature;  // of the signed order, to find it again
  std::optional<std::string> order_hash;       // its EIP-712 hash: the venue's id for it
  std::optional<std::string> venue_message;
  std::optional<Timestamp> expires_at;
  Timestamp created_at;
  std::optional<Timestamp> submitted_at;
  Timestamp updated_at;
};

struct VenueFill {
  std::string id;  // "fil_…"
  std::string venue_trade_id;
  Price price;
  Shares size;
  Usd fee;
  Timestamp filled_at;
  // Set when the venue reported the trade FAILED after it was recorded (mark_fill_failed):
  // the fill still counts, and the strategy was stopped for someone to look.
  std::optional<Timestamp> venue_failed_at;
};

// What recording a fill did: applied now, or seen before (a replay).
struct FillOutcome {
  bool applied = false;
  OrderRecord order;  // as stored afterwards
};

// The deterministic idempotency key of the order a strategy places for a source trade.
std::string order_idempotency_key(const std::string& lt_strategy_id,
                                  const std::string& source_trade_id);

}  // namespace polycopy::store
