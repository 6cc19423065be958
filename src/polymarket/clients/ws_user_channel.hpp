#pragma once
// The CLOB user websocket (protocol doc section 9): authenticates with the API credentials
// inside the subscription frame, filters by condition ids, and delivers order and trade
// events parsed by parse_ws_user. The frame holds the secret: it is never logged.
// A trade is final only at CONFIRMED (or FAILED); the same id arrives once per status.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "net/ws_client.hpp"
#include "polymarket/auth/l2_auth.hpp"
#include "polymarket/parse/types.hpp"

namespace polycopy::polymarket {

struct UserChannelOptions {
  net::WsOptions ws;  // ws.url: ".../ws/user"; ws.subscriptions is set by the channel
  ApiCredentials credentials;
  std::vector<std::string> markets;  // condition ids
};

struct UserChannelHandlers {
  std::function<void(const parse::WsUserOrder&)> on_order;
  std::function<void(const parse::ClobTrade&)> on_trade;
  std::function<void(const core::Error&)> on_parse_error;
  std::function<void(bool connected)> on_connection;  // re-sync orders/trades by REST on true
};

class UserChannel {
 public:
  UserChannel(UserChannelOptions options, UserChannelHandlers handlers,
              const core::Clock* clock = nullptr);
  ~UserChannel();
  UserChannel(const UserChannel&) = delete;
  UserChannel& operator=(const UserChannel&) = delete;

  core::Status start();
  void stop();
  void subscribe(const std::vector<std::string>& condition_ids);
  void unsubscribe(const std::vector<std::string>& condition_ids);
  std::vector<std::string> markets() const;
  net::WsStats stats() const;

  void dispatch(const std::string& text) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace polycopy::polymarket
