#pragma once
// The market and user websocket channels (protocol doc 9): subscriptions per connection,
// "PING" -> "PONG", an initial array of books on market subscribe, and the venue's events
// fanned out to the connections that asked for them. Each event is serialised once.
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>

#include "service/ws_server.hpp"
#include "sim/http/sim_context.hpp"

namespace polycopy::sim {

class WsChannels {
 public:
  explicit WsChannels(SimContext& ctx);
  ~WsChannels();
  WsChannels(const WsChannels&) = delete;
  WsChannels& operator=(const WsChannels&) = delete;

  // The handler the HTTP server upgrades /ws/market and /ws/user with.
  service::WsHandler handler();
  // Closes every connection (the "dropped websockets" fault); clients reconnect.
  std::size_t drop_all();
  std::size_t connections() const;

 private:
  struct Subscriber {
    std::shared_ptr<service::WsPeer> peer;
    bool user_channel = false;
    bool authenticated = false;
    std::string api_key;
    std::set<chain::Uint256> assets;   // market channel
    std::set<chain::Bytes32> markets;  // user channel; empty = every market
  };

  void on_open(const std::shared_ptr<service::WsPeer>& peer, const service::HttpRequest& r);
  void on_message(const std::shared_ptr<service::WsPeer>& peer, const std::string& text);
  void on_close(const std::shared_ptr<service::WsPeer>& peer);
  void on_event(const VenueEvent& event);
  void subscribe_market(Subscriber& s, const nlohmann::json& message, bool add);
  void subscribe_user(Subscriber& s, const nlohmann::json& message, bool add);

  SimContext& ctx_;
  int listener_id_ = 0;
  mutable std::mutex mutex_;
  std::unordered_map<std::uint64_t, Subscriber> subscribers_;
};

}  // namespace polycopy::sim
