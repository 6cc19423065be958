#pragma once
// A loopback (127.0.0.1) HTTP/1.1 server for the REST client tests: each request is parsed
// (method, path, raw query with repeated keys, headers, exact body bytes), recorded, and
// answered by the test's handler, which may also delay, or close without answering.
// Blocking sockets with poll() timeouts, so every wait is bounded.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace polycopy::polymarket::testing {

struct SeenRequest {
  std::string method;
  std::string target;  // path + "?" + query, as sent
  std::string path;
  std::string query;                                        // raw, without '?'
  std::vector<std::pair<std::string, std::string>> params;  // decoded, in order
  std::map<std::string, std::string> headers;               // names lower-cased
  std::string body;

  std::string header(const std::string& lower_name) const;
  std::string param(const std::string& key) const;  // first value, "" if absent
  std::vector<std::string> params_named(const std::string& key) const;
};

struct Reply {
  Reply() = default;
  Reply(int status_code, std::string body_text) : status(status_code), body(std::move(body_text)) {}

  int status = 200;
  std::string body;
  std::chrono::milliseconds delay{0};  // before answering
  bool drop = false;                   // close the connection without answering
  std::string extra_headers;           // "Name: value\r\n" lines
};

class LoopbackHttpServer {
 public:
  using Handler = std::function<Reply(const SeenRequest&)>;

  explicit LoopbackHttpServer(Handler handler);
  ~LoopbackHttpServer();
  LoopbackHttpServer(const LoopbackHttpServer&) = delete;
  LoopbackHttpServer& operator=(const LoopbackHttpServer&) = delete;

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int count() const;
  int count(const std::string& method, const std::string& path) const;
  std::vector<SeenRequest> requests() const;

 private:
  void accept_loop();
  void serve(int fd);

  Handler handler_;
  int listen_fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::vector<SeenRequest> seen_;
  std::vector<std::thread> workers_;
  std::thread acceptor_;
};

}  // namespace polycopy::polymarket::testing
