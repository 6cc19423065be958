#pragma once
// A loopback (127.0.0.1) websocket server on Boost.Beast for the client tests: records what
// each connection receives, answers "PING" with "PONG" unless told to stay silent, pushes
// frames, and drops connections on demand. One io thread; every wait is bounded.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace polycopy::net::testing {

class WsTestServer {
 public:
  WsTestServer();
  ~WsTestServer();
  WsTestServer(const WsTestServer&) = delete;
  WsTestServer& operator=(const WsTestServer&) = delete;

  std::string url(const std::string& path = "/ws/market") const;
  void set_answer_pings(bool answer);
  void send_to_all(const std::string& text);
  void drop_all();  // closes every TCP connection without a close frame
  int connections() const;
  // Text frames received on connection n (0-based, in accept order).
  std::vector<std::string> received(int connection) const;
  std::vector<std::string> targets() const;  // request target of each handshake

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

// Polls `done` every few ms until it holds or `timeout` passes; returns its last value.
bool eventually(const std::function<bool()>& done,
                std::chrono::milliseconds timeout = std::chrono::milliseconds(3000));

}  // namespace polycopy::net::testing
