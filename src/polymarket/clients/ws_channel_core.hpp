#pragma once
// What the market and user websocket channels share: the subscribed-id list (guarded by a
// mutex), add/remove deltas sent as "operation" frames and folded into the frame every later
// reconnect sends, and the net::WsClient lifecycle. The channels only supply the frames built
// from the ids and what to do with each message.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "net/ws_client.hpp"

namespace polycopy::polymarket {

struct WsChannelFrames {
  // The subscription frame for the full id list (sent after every (re)connect).
  std::function<std::string(const std::vector<std::string>& ids)> initial;
  // The frame adding (add) or removing the given ids on a live connection.
  std::function<std::string(const std::vector<std::string>& ids, bool add)> operation;
};

class WsChannelCore {
 public:
  // name goes into the "already_started" message ("<name> channel already started").
  // Handlers run on the io thread; they are the net::WsClient ones.
  WsChannelCore(std::string name, net::WsOptions ws, std::vector<std::string> ids,
                WsChannelFrames frames, net::WsClient::MessageHandler on_message,
                net::WsClient::ConnectionHandler on_connection, const core::Clock* clock);
  ~WsChannelCore();
  WsChannelCore(const WsChannelCore&) = delete;
  WsChannelCore& operator=(const WsChannelCore&) = delete;

  core::Status start();
  void stop();
  // Adds (add) or removes ids; the delta is sent now when connected and the full list becomes
  // the next reconnect's subscription. Ids already in (add) or absent (remove) are skipped.
  void change(const std::vector<std::string>& ids, bool add);
  std::vector<std::string> ids() const;
  bool contains(const std::string& id) const;
  net::WsStats stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace polycopy::polymarket
