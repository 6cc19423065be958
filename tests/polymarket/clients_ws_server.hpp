#pragma once
// A loopback (127.0.0.1) websocket server for the channel tests: records every text frame
// the client sends (answering "PING" with "PONG"), sends frames to the newest connection,
// and can drop that connection to make the client reconnect. One io thread.
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace polycopy::polymarket::testing {

class WsTestServer {
 public:
  WsTestServer();
  ~WsTestServer();
  WsTestServer(const WsTestServer&) = delete;
  WsTestServer& operator=(const WsTestServer&) = delete;

  std::string url(const std::string& path) const;
  std::vector<std::string> received() const;  // non-PING frames, all connections, in order
  int connections() const;                    // websocket handshakes accepted
  void send(std::string text);                // to the newest connection
  void drop();                                // closes the newest connection's socket
  // Polls pred until true or timeout; returns its last value.
  static bool wait_for(const std::function<bool()>& pred,
                       std::chrono::milliseconds timeout = std::chrono::milliseconds(3'000));

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace polycopy::polymarket::testing
