#pragma once
// Internal to ws_client.cpp: one websocket connection (resolve, connect, TLS, handshake,
// read loop, write queue, ping and silence timers). It reports to its owner and never
// reconnects itself; the owner makes a new one. Everything runs on the owner's io thread.
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <chrono>
#include <deque>
#include <memory>
#include <string>

#include "net/url.hpp"
#include "net/ws_client.hpp"

namespace polycopy::net::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

class WsConnection;

// How a connection talks back to the client.
class WsOwner {
 public:
  virtual ~WsOwner() = default;
  virtual void on_open(WsConnection& connection) = 0;
  virtual void on_frame(WsConnection& connection, std::string text) = 0;
  virtual void on_ping_sent(WsConnection& connection) = 0;
  // Called once per connection. was_open: the handshake had completed; dead: silence.
  virtual void on_closed(WsConnection& connection, const std::string& reason, bool was_open,
                         bool dead) = 0;
};

class WsConnection {
 public:
  virtual ~WsConnection() = default;
  virtual void start() = 0;
  virtual void send(std::string text) = 0;
  // Close frame with a short grace, then the socket; reports nothing to the owner.
  virtual void shutdown() = 0;
  virtual bool open() const = 0;
};

using PlainWs = websocket::stream<beast::tcp_stream>;
using TlsWs = websocket::stream<beast::ssl_stream<beast::tcp_stream>>;

template <class Stream>
class WsConnectionImpl final : public WsConnection,
                               public std::enable_shared_from_this<WsConnectionImpl<Stream>> {
 public:
  // For TLS, ssl_context must outlive the connection.
  WsConnectionImpl(asio::io_context& io, asio::ssl::context* ssl_context, const Url& url,
                   const WsOptions& options, WsOwner& owner);

  void start() override;
  void send(std::string text) override;
  void shutdown() override;
  bool open() const override { return open_ && !finished_; }

 private:
  using Self = WsConnectionImpl<Stream>;
  std::shared_ptr<Self> self() { return this->shared_from_this(); }
  void on_resolved(beast::error_code ec, tcp::resolver::results_type results);
  void on_connected(beast::error_code ec);
  std::string tls_failure(const beast::error_code& ec);
  void websocket_handshake();
  void on_handshake(beast::error_code ec);
  void read_next();
  void on_read(beast::error_code ec, std::size_t bytes);
  void write_next();
  void schedule_ping();
  void schedule_watchdog();
  void fail(const std::string& reason, bool dead = false);
  void close_socket();

  const Url& url_;
  const WsOptions& options_;
  WsOwner& owner_;
  tcp::resolver resolver_;
  Stream ws_;
  asio::steady_timer ping_timer_;
  asio::steady_timer watchdog_;
  beast::flat_buffer buffer_;
  std::deque<std::string> outbox_;
  bool writing_ = false;
  bool open_ = false;
  bool finished_ = false;  // failed or shut down: nothing more is reported
  std::chrono::steady_clock::time_point last_frame_;
};

extern template class WsConnectionImpl<PlainWs>;
extern template class WsConnectionImpl<TlsWs>;

}  // namespace polycopy::net::detail
