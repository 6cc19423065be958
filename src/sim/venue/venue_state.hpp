#pragma once
// The Venue's insides (private to src/sim/venue): every member function here runs with the
// venue's mutex held by the public method that called it, and reports events through
// `events`, which delivers them after the lock is released.
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "sim/venue/data_ledger.hpp"
#include "sim/venue/event_dispatcher.hpp"
#include "sim/venue/order_book.hpp"
#include "sim/venue/order_terms.hpp"
#include "sim/venue/venue.hpp"
#include "sim/venue/wallets.hpp"

namespace polycopy::sim {

// A user's order and what the venue keeps about it beyond the public record.
struct OrderState {
  OrderRecord record;
  OrderTerms terms;
  std::int64_t remaining = 0;  // share micro-units not matched yet
  std::int64_t reserved = 0;   // pUSD (BUY) or shares (SELL) held back while resting
  std::uint64_t seq = 0;       // placement order: cancels and listings follow it
  std::size_t book = 0;
  bool resting = false;
  OrderBook::Queue::iterator entry;  // valid while resting
};

// A user never trades with themselves: their own resting orders are stepped over. The
// market maker (no order) trades with anyone.
inline bool is_counterparty(const BookEntry& entry, const chain::Address& maker,
                            const std::string& owner) {
  return entry.order == nullptr ||
         (entry.order->record.maker != maker && entry.order->record.owner != owner);
}

// One outcome token: its book and the market maker's standing liquidity on it.
struct TokenBook {
  std::size_t market = 0;
  int outcome = 0;
  OrderBook book;
  std::map<std::int64_t, std::int64_t> maker_target[2];  // [Side]: price -> scenario size
  std::set<std::int64_t> refill_pending[2];              // [Side]: prices awaiting a refill
};

// Things due at a later simulated time, applied by run_due() in time order.
struct TimelineTradeDue {
  std::size_t index;  // into scenario.trades
};
struct ResolutionDue {
  std::size_t index;  // into scenario.resolutions
};
struct TradeStatusDue {
  std::size_t trade;
  TradeStatus next;
};
struct RefillDue {
  std::size_t book;
  polymarket::Side side;
  std::int64_t price;
};
struct ExpiryDue {
  chain::Bytes32 order;
};
// What matching one taker order produced (venue_match.cpp).
struct MatchOutcome {
  std::string trade_id;  // "" when nothing matched
  chain::Bytes32 transaction_hash;
  std::vector<MakerFill> fills;
  std::vector<OrderState*> makers_filled;  // users' resting orders that took part
  std::vector<std::int64_t> touched;       // opposite-side levels that changed
  std::int64_t shares = 0;                 // matched in total
  std::int64_t usd = 0;                    // pUSD that changed hands in total
  std::int64_t last_price = 0;
};

using DueTask = std::variant<TimelineTradeDue, ResolutionDue, TradeStatusDue, RefillDue, ExpiryDue>;

struct Venue::State {
  State(const Scenario& scenario, const core::Clock& clock);

  const Scenario& scenario;
  const core::Clock& clock;
  mutable std::mutex mutex;
  EventDispatcher events;

  std::vector<MarketState> markets;
  std::unordered_map<chain::Bytes32, std::size_t, FixedBytesHash> market_of_condition;
  std::vector<TokenBook> books;
  std::unordered_map<chain::Uint256, std::size_t, Uint256Hash> book_of_token;
  std::unordered_map<chain::Address, std::string, FixedBytesHash> trader_names;

  Wallets wallets;
  DataLedger ledger;

  // Element addresses in an unordered_map survive rehashing: books point into it.
  std::unordered_map<chain::Bytes32, OrderState, FixedBytesHash> orders;
  std::unordered_map<std::string, std::map<std::uint64_t, OrderState*>> live_by_owner;
  std::uint64_t next_seq = 1;

  std::vector<TradeRecord> trades;
  std::unordered_map<std::string, std::size_t> trade_by_id;
  std::unordered_map<std::string, std::vector<std::size_t>> trades_by_owner;

  std::multimap<core::Timestamp, DueTask> schedule;  // equal times keep insertion order

  // ---- venue_timeline.cpp ----
  void run_due(core::Timestamp now);
  void run_task(core::Timestamp at, const DueTask& task);
  void schedule_refill(std::size_t book, polymarket::Side side, std::int64_t price,
                       core::Timestamp now);
  void refill(const RefillDue& due, core::Timestamp at);
  void advance_trade_status(const TradeStatusDue& due, core::Timestamp at);
  // A trade by a scenario trader (or any wallet) outside the order flow. History (live =
  // false) only writes Data API rows; a live one also moves the last trade price and eats
  // market-maker liquidity it crosses.
  void record_outside_trade(const chain::Address& wallet, std::size_t book, polymarket::Side side,
                            core::Price price, core::Shares size, core::Timestamp at, bool live);
  core::Status resolve_market(std::size_t market, int winner, core::Timestamp at);

  // ---- venue_place.cpp ----
  PlaceResult place(const PlaceRequest& request, core::Timestamp now);
  // The refusal, or nullopt when the order may go on to matching.
  std::optional<PlaceResult> check(const PlaceRequest& request, const TokenBook& book,
                                   const OrderTerms& terms, core::Timestamp now);
  OrderState& accept(const PlaceRequest& request, std::size_t book, const OrderTerms& terms,
                     core::Timestamp now);
  void rest(OrderState& order);

  // ---- venue_match.cpp ----
  // Fills the taker against the opposite side (price-time, at resting prices, stepping over
  // the taker's own orders) and settles every fill in both wallets.
  MatchOutcome match(OrderState& taker, core::Timestamp now);
  void settle_resting_order(OrderState& maker, std::int64_t shares, std::int64_t usd,
                            const MatchOutcome& outcome, core::Timestamp now);
  // The trade record, the taker's Data API row, the MINED timer and the events of a match.
  void record_trade(OrderState& taker, MatchOutcome& outcome, core::Timestamp now);

  // ---- venue_cancel.cpp ----
  void cancel_order(OrderState& order, core::Timestamp at);
  CancelResult cancel_where(const std::string& owner,
                            const std::function<bool(const OrderState&)>& matches,
                            core::Timestamp now);

  // ---- venue_queries.cpp / shared helpers ----
  Mark mark_of(const chain::Uint256& token_id) const;
  BookChanged book_changed(const TokenBook& book, polymarket::Side side, std::int64_t price,
                           core::Timestamp at) const;
  void emit(VenueEvent event) { events.enqueue(std::move(event)); }
  void emit_order(OrderEventType type, const OrderState& order, core::Timestamp at) {
    emit(OrderEvent{type, order.record, at});
  }
};

}  // namespace polycopy::sim
