#pragma once
// The HTTP/1.1 transport: asynchronous Boost.Beast with keep-alive on `threads` io threads.
// This header names no Beast/Asio type (pimpl), so including it stays cheap.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/error.hpp"

namespace polycopy::service {

struct HttpRequest;
struct HttpResponse;
struct WsHandler;  // service/ws_server.hpp

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8787;  // 0 = an ephemeral port (tests)
  int threads = 2;
  std::size_t max_body_bytes = 1 << 20;  // larger bodies answer 413 "body_too_large"
  bool log_requests = true;              // one info line per request; false: at debug level only
};

class HttpServer {
 public:
  // Called on an io thread for every well-formed request; must not throw (Router::handle).
  using Handler = std::function<HttpResponse(const HttpRequest&)>;

  // Without websocket endpoints: upgrade requests go to the handler like any other.
  HttpServer(ServerOptions options, Handler handler);
  // Upgrade requests that ws.accept approves become websocket peers (see ws_server.hpp).
  HttpServer(ServerOptions options, Handler handler, WsHandler ws);
  ~HttpServer();  // stops and joins
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds, listens and starts the io threads; returns the bound port. Error "listen_failed"
  // (with the reason) or "already_started".
  core::Result<std::uint16_t> start();
  // Stops accepting and closes every connection; websocket peers get a close frame and a
  // short grace to answer it. Thread-safe, idempotent and non-blocking: call it from any
  // thread (e.g. the CLI's signal-handling thread, or a handler).
  void stop() noexcept;
  // Blocks until stop() and joins the io threads; then reports on_close, on this thread, for
  // the websocket peers that did not finish closing in time. Not from inside a handler.
  void wait();
  // start() if needed, then wait(); with stop_on_signals, SIGINT/SIGTERM call stop().
  core::Status run(bool stop_on_signals = true);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace polycopy::service
