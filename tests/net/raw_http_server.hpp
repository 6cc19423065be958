#pragma once
// A loopback (127.0.0.1) TCP server that reads HTTP/1.1 requests and answers whatever each
// test scripts, including things a real server must not do: close without answering,
// answer late, send garbage. Blocking sockets with poll() timeouts, so every wait is bounded.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace polycopy::net::testing {

struct RawReply {
  std::string bytes;                   // written as is ("" writes nothing)
  std::chrono::milliseconds delay{0};  // before writing
  bool close = false;                  // close the connection after (or instead of) writing
};

// A complete response with Content-Length.
std::string http_response(int status, const std::string& body,
                          const std::string& extra_headers = "");

class RawHttpServer {
 public:
  // Called for each complete request (0-based index over the server's life, raw text).
  using Script = std::function<RawReply(int index, const std::string& request)>;

  explicit RawHttpServer(Script script);
  ~RawHttpServer();
  RawHttpServer(const RawHttpServer&) = delete;
  RawHttpServer& operator=(const RawHttpServer&) = delete;

  std::uint16_t port() const { return port_; }
  std::string url(const std::string& path) const;
  int requests() const { return requests_.load(); }
  int connections() const { return connections_.load(); }
  std::vector<std::string> received() const;

 private:
  void accept_loop();
  void serve(int fd);

  Script script_;
  int listen_fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> requests_{0};
  std::atomic<int> connections_{0};
  mutable std::mutex mutex_;
  std::vector<std::string> received_;
  std::vector<std::thread> workers_;
  std::thread acceptor_;
};

// A port on 127.0.0.1 where nothing listens (bound, then closed): connecting is refused.
std::uint16_t closed_port();

}  // namespace polycopy::net::testing
