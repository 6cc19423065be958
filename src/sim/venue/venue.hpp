#pragma once
// The simulated venue's state machine: markets, one order book per outcome token, wallets
// (balance, allowance, positions), orders, matching, trades and their status changes, the
// scenario's timeline, and the Data API's records. No transport here: the HTTP routes
// (sim/http/) verify signatures and auth, then call this. Thread-safe: one mutex guards
// every method; listeners are called with it released, in the order events happened.
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "polymarket/orders/order.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/venue/venue_types.hpp"

namespace polycopy::sim {

// A verified order as posted (POST /order), ready to be placed.
struct PlaceRequest {
  polymarket::SignedOrder order;  // hash = order id; signature already verified
  polymarket::OrderType order_type = polymarket::OrderType::gtc;
  bool post_only = false;
  std::string owner;         // API key it was posted under
  chain::Address signed_by;  // the EOA whose key signed (verify_order_signature)
};

// The answer to POST /order (protocol doc section 6, "Order response").
struct PlaceResult {
  bool success = false;
  std::string error_msg;  // Polymarket's text (venue_errors.hpp), "" on success
  int http_status = 200;  // 400 for a refused order
  chain::Bytes32 order_id;
  // "live" (resting, possibly partly filled), "matched" (filled on entry; FAK: anything
  // filled), "unmatched" (FAK that crossed nothing); "" when refused or not placed.
  std::string status;
  // What the order gave and got in total, when anything matched, in micro-units: pUSD given
  // and shares got for a BUY; shares given and pUSD got for a SELL (the field types follow
  // the BUY case; both print as 6-decimal numbers).
  std::optional<core::Usd> making_amount;
  std::optional<core::Shares> taking_amount;
  std::vector<std::string> trade_ids;
  std::vector<chain::Bytes32> transaction_hashes;
};

struct CancelResult {
  std::vector<chain::Bytes32> canceled;
  std::vector<std::pair<chain::Bytes32, std::string>> not_canceled;  // id, reason
};

struct OrderFilter {
  std::optional<chain::Bytes32> id;
  std::optional<chain::Bytes32> market;  // condition id
  std::optional<chain::Uint256> asset_id;
};

struct TradeFilter {
  std::optional<std::string> id;
  std::optional<chain::Bytes32> market;
  std::optional<chain::Uint256> asset_id;
  std::optional<std::int64_t> before_s;  // match_time < before
  std::optional<std::int64_t> after_s;   // match_time > after
};

// Events the websocket channels forward, in the order they happened.
struct BookChanged {  // a level's new total size ("0" removes it)
  chain::Bytes32 condition_id;
  chain::Uint256 token_id;
  polymarket::Side side = polymarket::Side::buy;  // buy = a bid level
  core::Price price;
  core::Shares size;
  std::optional<core::Price> best_bid;
  std::optional<core::Price> best_ask;
  core::Timestamp at;
};
struct LastTrade {
  chain::Bytes32 condition_id;
  chain::Uint256 token_id;
  core::Price price;
  core::Shares size;
  polymarket::Side side = polymarket::Side::buy;  // the taker's
  core::Timestamp at;
};
struct TickSizeChanged {
  chain::Bytes32 condition_id;
  chain::Uint256 token_id;
  polymarket::TickSize old_tick = polymarket::TickSize::t0_01;
  polymarket::TickSize new_tick = polymarket::TickSize::t0_01;
  core::Timestamp at;
};
struct MarketResolved {
  chain::Bytes32 condition_id;
  int winner = 0;
  core::Timestamp at;
};
enum class OrderEventType { placement, update, cancellation };
struct OrderEvent {
  OrderEventType type = OrderEventType::placement;
  OrderRecord order;
  core::Timestamp at;
};
struct TradeEvent {  // once per status change of a trade, for its taker and every maker
  TradeRecord trade;
  core::Timestamp at;
};
using VenueEvent =
    std::variant<BookChanged, LastTrade, TickSizeChanged, MarketResolved, OrderEvent, TradeEvent>;

class Venue {
 public:
  // Seconds a trade takes from MATCHED to MINED, and from MINED to CONFIRMED (sim time).
  static constexpr std::chrono::seconds kMineDelay{2};
  static constexpr std::chrono::seconds kConfirmDelay{3};

  Venue(Scenario scenario, const core::Clock& clock);
  ~Venue();
  Venue(const Venue&) = delete;
  Venue& operator=(const Venue&) = delete;

  const Scenario& scenario() const { return scenario_; }
  core::Timestamp now() const { return clock_.now(); }

  // Applies everything due by now: timeline trades and resolutions, trade status changes,
  // GTD expirations, market-maker refills, each at the time it was due and in time order.
  // Cheap when nothing is due; the server calls it on every request and from a ticker. The
  // state-changing methods below (place, cancel*, resolve, trader_trade) call it first;
  // read-only methods do not.
  void advance();

  // ---- market data ----
  std::vector<MarketState> markets() const;
  std::optional<MarketState> market_by_condition(const chain::Bytes32& condition_id) const;
  std::optional<MarketState> market_by_token(const chain::Uint256& token_id) const;
  std::optional<BookSnapshot> book(const chain::Uint256& token_id) const;

  // ---- trading (the caller has verified the signature and the API key) ----
  // Checks what the venue checks after the signature (market open, tick, min size,
  // expiration, duplicate, maker/signer relation, balance and allowance, post-only), then
  // matches.
  PlaceResult place(const PlaceRequest& request);
  // Cancels the owner's live orders among ids (an id of another owner or unknown:
  // not_canceled with "order not found" or "order can't be found - already canceled or
  // matched" as Polymarket words them).
  CancelResult cancel(const std::string& owner, const std::vector<chain::Bytes32>& ids);
  CancelResult cancel_all(const std::string& owner);
  CancelResult cancel_market(const std::string& owner, std::optional<chain::Bytes32> market,
                             std::optional<chain::Uint256> asset_id);
  std::optional<OrderRecord> order(const std::string& owner, const chain::Bytes32& id) const;
  std::vector<OrderRecord> open_orders(const std::string& owner, const OrderFilter& f) const;
  // Trades where the owner is the taker or one of the makers, newest first.
  std::vector<TradeRecord> trades(const std::string& owner, const TradeFilter& f) const;
  Balance balance(const chain::Address& wallet);  // creates the wallet if new
  // The proxy/Safe/deposit wallet this EOA signs for (bound by its first order), if any.
  std::optional<chain::Address> funder_of(const chain::Address& eoa) const;
  core::Shares token_balance(const chain::Address& wallet, const chain::Uint256& token_id);

  // ---- Data API ----
  // Newest first; side filter optional; market = condition id filter optional.
  std::vector<DataTradeRow> data_trades(const chain::Address& wallet,
                                        std::optional<polymarket::Side> side,
                                        std::optional<chain::Bytes32> market) const;
  std::vector<PositionRow> positions(const chain::Address& wallet) const;
  std::vector<LeaderboardRow> leaderboard(LeaderboardPeriod period, LeaderboardOrder order) const;

  // ---- controls (/sim) ----
  // Errors: "unknown_market", "already_resolved", "invalid_winner".
  core::Status resolve(const chain::Bytes32& condition_id, int winner);
  // A scenario trader's (or any wallet's) trade, recorded now at the given price; it also
  // consumes book liquidity when it crosses. Errors: "unknown_token", "invalid_size".
  core::Status trader_trade(const chain::Address& wallet, const chain::Uint256& token_id,
                            polymarket::Side side, core::Price price, core::Shares size);
  // Changes a market's tick size (a tick_size_change event per token). Error:
  // "unknown_market".
  core::Status set_tick_size(const chain::Bytes32& condition_id, polymarket::TickSize tick);
  // Sets a wallet's collateral balance and allowance (tests of "not enough balance").
  void fund(const chain::Address& wallet, core::Usd balance, core::Usd allowance);

  // ---- events ----
  using Listener = std::function<void(const VenueEvent&)>;
  // Listeners are called after the venue's lock is released, in the order the events
  // happened, with nothing locked (a listener may call back into the Venue: the events that
  // causes are delivered after the current listener returns). Single-threaded, that is the
  // thread that caused the event; under contention, whichever caller is already delivering
  // delivers the others' events too, so the global order holds. Returns an id for
  // unsubscribe.
  int subscribe(Listener listener);
  void unsubscribe(int id);

 private:
  struct State;
  Scenario scenario_;
  const core::Clock& clock_;
  std::unique_ptr<State> state_;
};

}  // namespace polycopy::sim
