#pragma once
// Fills from the CLOB user websocket, for one wallet: a UserChannel authenticated with the
// wallet's API credentials and subscribed to the markets of its live orders (every LT
// strategy trading with the wallet). Each trade event naming one of those orders (as taker
// or maker, by venue order id) goes through the FillRecorder at once: MATCHED is enough, and
// the same trade arriving again with a later status (or seen by polling) counts once, since
// the stored and risk fills are keyed by trade and order. FAILED trades are not fills.
// Orders the store does not know (or not yet with a venue id) are left to the reconciler and
// the tracker. Every (re)connect asks the caller to poll: what happened while the socket was
// down was not seen here.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/clock.hpp"
#include "engine/fill_recorder.hpp"
#include "engine/wallet_access.hpp"
#include "net/ws_client.hpp"
#include "polymarket/clients/ws_user_channel.hpp"
#include "risk/risk_manager.hpp"
#include "store/store.hpp"

namespace polycopy::engine {

struct UserFillListenerOptions {
  std::string url;  // ".../ws/user"
  // Pings, timeouts, reconnect backoff; url and subscriptions are set by the listener.
  net::WsOptions ws;
};

struct UserFillStats {
  std::uint64_t trades = 0;          // trade events received
  std::uint64_t fills_recorded = 0;  // new fills stored from them
  std::uint64_t ignored = 0;         // trade events naming none of our live orders
  std::uint64_t errors = 0;          // recording or parsing failures (see last_error)
  std::uint64_t poll_requests = 0;   // (re)connects
  std::optional<std::string> last_error;
};

class UserFillListener {
 public:
  // Called on the websocket thread after each (re)connect: events may have been missed, the
  // caller should poll the wallet's orders (OrderTracker::track). May be empty: the caller
  // then reads take_poll_request().
  using PollNeeded = std::function<void()>;

  // All references must outlive this object.
  UserFillListener(store::Store& store, risk::RiskManager& risk, WalletAccess& wallets,
                   store::Wallet wallet, UserFillListenerOptions options, const core::Clock& clock,
                   PollNeeded on_poll_needed = {});
  ~UserFillListener();
  UserFillListener(const UserFillListener&) = delete;
  UserFillListener& operator=(const UserFillListener&) = delete;

  // Reads the live orders, gets the wallet's API credentials (derived now when not cached)
  // and connects. "already_started" when running.
  core::Status start();
  void stop();
  // Re-reads the wallet's live orders (call after placing orders, or when orders end):
  // subscribes to markets that gained one, unsubscribes from markets left without any.
  core::Status refresh();

  // True once after each (re)connect, then false until the next one.
  bool take_poll_request();
  bool connected() const;
  std::vector<std::string> markets() const;  // condition ids subscribed
  UserFillStats stats() const;
  net::WsStats socket_stats() const;  // the connection's (zeros when not started)

  // What the websocket thread runs for each trade event; public so that a caller holding a
  // trade from elsewhere (and tests) can hand it over the same way.
  void on_trade(const polymarket::parse::ClobTrade& trade);

 private:
  struct LiveOrder {
    std::string lt_strategy_id;
    std::string order_id;
  };
  struct LiveSet {
    std::unordered_map<std::string, LiveOrder> by_venue_id;
    std::set<std::string> markets;
  };

  core::Result<LiveSet> read_live_orders();
  // The live orders the trade names; re-reads the store once when it names none known.
  std::vector<LiveOrder> orders_named(const polymarket::parse::ClobTrade& trade);
  void on_connection(bool connected);
  void note_error(const std::string& text);

  store::Store& store_;
  WalletAccess& wallets_;
  store::Wallet wallet_;
  UserFillListenerOptions options_;
  const core::Clock& clock_;
  PollNeeded on_poll_needed_;
  FillRecorder recorder_;

  mutable std::mutex lifecycle_mutex_;  // start/stop/refresh; never taken on the websocket thread
  std::unique_ptr<polymarket::UserChannel> channel_;

  mutable std::mutex mutex_;  // everything below
  LiveSet live_;
  UserFillStats stats_;
  std::atomic<bool> poll_requested_{false};
  std::atomic<bool> connected_{false};
};

}  // namespace polycopy::engine
