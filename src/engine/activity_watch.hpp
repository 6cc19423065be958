#pragma once
// Trades of followed traders are read from the Data API, whose rows name the trader; the
// public market websocket does not. So the websocket is used where it helps: a trade
// (last_trade_price) or a resolution on a market the engine watches wakes the engine for an
// early tick instead of waiting for the next interval.
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "polymarket/clients/ws_market_channel.hpp"
#include "store/store.hpp"

namespace polycopy::engine {

class ActivityWatch {
 public:
  // market_ws_url: the market channel (".../ws/market"); on_activity runs on the io thread,
  // like on_reconnect (after every reconnect: the metrics' counter), which may be empty.
  ActivityWatch(std::string market_ws_url, std::function<void()> on_activity,
                std::function<void()> on_reconnect = {});
  ~ActivityWatch();

  core::Status start();
  void stop();
  // Watches exactly these tokens from now on (subscribes the new, drops the rest).
  void watch(const std::vector<std::string>& token_ids);
  std::size_t watched() const { return watched_.size(); }
  // The connection's state (thread-safe: the health monitor reads it).
  net::WsStats stats() const;

 private:
  std::unique_ptr<polymarket::MarketChannel> channel_;
  std::set<std::string> watched_;
};

// The outcome tokens of every stored market still open (or closed and not yet resolved):
// the markets whose trades and resolutions matter to the engine.
core::Result<std::vector<std::string>> tokens_to_watch(store::Store& store);

}  // namespace polycopy::engine
