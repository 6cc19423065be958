#include "service/http_server.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <csignal>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "service/http_session.hpp"
#include "service/http_types.hpp"
#include "service/ws_session.hpp"

namespace polycopy::service {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// How long stop() lets websocket peers answer their close frame before the io threads
// stop regardless: long enough for a live client on a LAN, short enough for a prompt exit.
constexpr auto kStopGrace = std::chrono::milliseconds(1000);

struct HttpServer::Impl {
  Impl(ServerOptions opts, Handler h, std::optional<WsHandler> ws_handler)
      : options(std::move(opts)), handler(std::move(h)), io(std::max(1, options.threads)) {
    if (ws_handler) ws.emplace().handler = std::move(*ws_handler);
  }

  core::Result<std::uint16_t> listen();
  void accept_next();
  void shut_down();

  ServerOptions options;
  // Declared before io: sessions (owned by io) refer to them.
  Handler handler;
  std::optional<WsContext> ws;  // empty: no websocket endpoints
  asio::io_context io;
  // The acceptor and the stop timer live on one strand, so that stop() can close the
  // acceptor while an io thread runs its accept handler.
  asio::strand<asio::io_context::executor_type> control{asio::make_strand(io)};
  std::optional<tcp::acceptor> acceptor;
  std::optional<asio::steady_timer> stop_timer;
  std::optional<asio::signal_set> signals;
  std::vector<std::thread> threads;
  std::mutex lifecycle_mutex;  // guards start/wait against each other
  std::atomic<bool> started{false};
  std::atomic<bool> stopping{false};
};

core::Result<std::uint16_t> HttpServer::Impl::listen() {
  const std::string where = options.host + ":" + std::to_string(options.port);
  const auto fail = [&where](const std::string& reason) {
    return core::Error{"listen_failed", "cannot listen on " + where + ": " + reason};
  };
  boost::system::error_code ec;
  tcp::resolver resolver(io);
  const auto endpoints =
      resolver.resolve(options.host, std::to_string(options.port),
                       tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || endpoints.empty()) return fail(ec ? ec.message() : "host not found");
  const tcp::endpoint endpoint = endpoints.begin()->endpoint();
  acceptor.emplace(control);
  if (acceptor->open(endpoint.protocol(), ec); ec) return fail(ec.message());
  if (acceptor->set_option(asio::socket_base::reuse_address(true), ec); ec)
    return fail(ec.message());
  if (acceptor->bind(endpoint, ec); ec) return fail(ec.message());
  if (acceptor->listen(asio::socket_base::max_listen_connections, ec); ec)
    return fail(ec.message());
  const auto bound = acceptor->local_endpoint(ec);
  if (ec) return fail(ec.message());
  return bound.port();
}

void HttpServer::Impl::accept_next() {
  acceptor->async_accept(
      asio::make_strand(io), [this](boost::system::error_code ec, tcp::socket socket) {
        if (ec == asio::error::operation_aborted || !acceptor->is_open()) return;
        if (!ec) {
          start_http_session(std::move(socket), handler, options.max_body_bytes,
                             ws ? &*ws : nullptr, options.log_requests);
        } else {
          spdlog::warn("accept failed: {}", ec.message());  // e.g. out of file descriptors
        }
        accept_next();
      });
}

// On the control strand: closes the acceptor and every websocket peer, then stops the io
// threads once the peers are gone or the grace is over (HTTP connections are dropped).
void HttpServer::Impl::shut_down() {
  boost::system::error_code ignored;
  if (acceptor) acceptor->close(ignored);
  if (!ws) return io.stop();
  stop_timer.emplace(control, kStopGrace);
  stop_timer->async_wait([this](boost::system::error_code) { io.stop(); });
  for (const auto& session : ws->registry.shut_down([this] { io.stop(); })) session->close();
}

HttpServer::HttpServer(ServerOptions options, Handler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler), std::nullopt)) {}

HttpServer::HttpServer(ServerOptions options, Handler handler, WsHandler ws)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler), std::move(ws))) {}

HttpServer::~HttpServer() {
  stop();
  wait();
}

core::Result<std::uint16_t> HttpServer::start() {
  std::lock_guard lock(impl_->lifecycle_mutex);
  if (impl_->started) return core::Error{"already_started", "the server is already started"};
  auto port = impl_->listen();
  if (!port) return port.error();
  impl_->started = true;
  impl_->accept_next();
  for (int i = 0; i < std::max(1, impl_->options.threads); ++i)
    impl_->threads.emplace_back([this] { impl_->io.run(); });
  spdlog::info("HTTP API listening on {}:{}", impl_->options.host, *port);
  return port;
}

void HttpServer::stop() noexcept {
  if (impl_->stopping.exchange(true)) return;
  // Not started: nothing is open, and run() must return at once when started later.
  if (!impl_->started) return impl_->io.stop();
  asio::post(impl_->control, [impl = impl_.get()] { impl->shut_down(); });
}

void HttpServer::wait() {
  std::lock_guard lock(impl_->lifecycle_mutex);
  for (auto& thread : impl_->threads)
    if (thread.joinable()) thread.join();
  impl_->threads.clear();
  // Peers whose close did not finish in time: their operations will never complete now.
  if (impl_->ws)
    for (const auto& session : impl_->ws->registry.open_sessions()) session->abandon();
  // No io thread runs now, so the acceptor can be closed here: new connections are refused.
  if (impl_->started && impl_->acceptor) {
    boost::system::error_code ignored;
    impl_->acceptor->close(ignored);
  }
}

core::Status HttpServer::run(bool stop_on_signals) {
  if (stop_on_signals) {
    impl_->signals.emplace(impl_->io, SIGINT, SIGTERM);
    impl_->signals->async_wait([this](boost::system::error_code ec, int signal) {
      if (ec) return;
      spdlog::info("signal {} received: stopping the HTTP API", signal);
      stop();
    });
  }
  if (!impl_->started) {
    auto port = start();
    if (!port) return port.error();
  }
  wait();
  return {};
}

}  // namespace polycopy::service
