#pragma once
// The CLOB market websocket (protocol doc section 9): subscribes by token ids, re-subscribes
// after every reconnect (net::WsClient), lets assets be added or removed while running
// ("operation" frames; the full list is also what the next reconnect sends), and delivers
// events parsed by parse_ws_market as typed callbacks on the socket's io thread.
// Events for assets no longer subscribed are dropped (unsubscribe is unreliable upstream).
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "net/ws_client.hpp"
#include "polymarket/parse/types.hpp"

namespace polycopy::polymarket {

struct MarketChannelOptions {
  net::WsOptions ws;  // ws.url: ".../ws/market"; ws.subscriptions is set by the channel
  std::vector<std::string> asset_ids;
  bool custom_feature_enabled = true;
  std::optional<bool> initial_dump;
};

// Every handler is optional and runs on the io thread: keep it short.
struct MarketChannelHandlers {
  std::function<void(const parse::OrderBook&)> on_book;
  std::function<void(const parse::WsMarketEvent&)> on_price_change;
  std::function<void(const parse::WsMarketEvent&)> on_last_trade_price;
  std::function<void(const parse::WsMarketEvent&)> on_tick_size_change;
  std::function<void(const parse::WsMarketEvent&)> on_best_bid_ask;
  std::function<void(const parse::WsMarketEvent&)> on_new_market;
  std::function<void(const parse::WsMarketEvent&)> on_market_resolved;
  std::function<void(const parse::WsMarketEvent&)> on_other;  // event types parse/ ignores
  std::function<void(const core::Error&)> on_parse_error;
  // true after each (re)connect once subscribed (re-sync books by REST), false on loss.
  std::function<void(bool connected)> on_connection;
};

class MarketChannel {
 public:
  MarketChannel(MarketChannelOptions options, MarketChannelHandlers handlers,
                const core::Clock* clock = nullptr);
  ~MarketChannel();
  MarketChannel(const MarketChannel&) = delete;
  MarketChannel& operator=(const MarketChannel&) = delete;

  core::Status start();
  void stop();
  // Adds/removes token ids; sent now when connected, and part of every later reconnect.
  void subscribe(const std::vector<std::string>& asset_ids);
  void unsubscribe(const std::vector<std::string>& asset_ids);
  std::vector<std::string> asset_ids() const;
  net::WsStats stats() const;

  // Parses one frame and calls the handlers (what the io thread does; public for tests).
  void dispatch(const std::string& text) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace polycopy::polymarket
