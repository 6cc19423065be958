#pragma once
// Internal to the service layer (includes Beast): one websocket connection on the HTTP
// server's port, after an upgrade request the WsHandler accepted.
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "service/http_types.hpp"
#include "service/ws_registry.hpp"
#include "service/ws_server.hpp"

namespace polycopy::service {

// Owned by the server; outlives every session (the io threads are joined first).
struct WsContext {
  WsHandler handler;
  WsRegistry registry;
};

// What the server needs of an open session.
class WsSession {
 public:
  virtual ~WsSession() = default;
  // Flushes what is queued, then sends a close frame; the socket is closed at the latest
  // a few seconds later. Thread-safe and idempotent.
  virtual void close() = 0;
  // Only once no io thread runs (after join): closes the socket and reports on_close now,
  // since the operations that would have done it will never complete.
  virtual void abandon() = 0;
};

// Completes the handshake with the already-read upgrade request, then registers the session
// in context.registry and calls on_open (or just closes it when the server is stopping).
// `plain` is the same request as handed to WsHandler::accept. The socket's executor must be
// a strand (everything of the session runs on it), and this is called on that strand.
void start_ws_session(boost::asio::ip::tcp::socket socket,
                      boost::beast::http::request<boost::beast::http::string_body> request,
                      HttpRequest plain, WsContext& context);

}  // namespace polycopy::service
