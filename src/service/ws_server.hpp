#pragma once
// Websocket endpoints on the HTTP server's port: an upgrade request whose path the handler
// accepts becomes a WsPeer. No Beast type appears here (the session is internal).
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "service/http_types.hpp"

namespace polycopy::service {

// One open websocket connection, shared between the server and its handler.
class WsPeer {
 public:
  virtual ~WsPeer() = default;
  // Queues a text frame; thread-safe, never blocks. After close, or when the peer's queue
  // exceeds its limit (a slow reader), frames are dropped and the connection is closed.
  virtual void send(std::string text) = 0;
  virtual void close() = 0;  // thread-safe, idempotent
  virtual std::uint64_t id() const = 0;
  virtual const std::string& path() const = 0;
};

struct WsHandler {
  // Whether to upgrade this request (its path, query, headers); when false, the HTTP
  // handler answers it like any other request (usually 404).
  std::function<bool(const HttpRequest&)> accept;
  // Called once the handshake completed, before any on_message.
  std::function<void(const std::shared_ptr<WsPeer>&, const HttpRequest&)> on_open;
  // One call per received text frame, in order, on an io thread.
  std::function<void(const std::shared_ptr<WsPeer>&, const std::string&)> on_message;
  // Called once when the connection ends (closed by either side, error, slow reader, server
  // stop), on an io thread, or on the thread in HttpServer::wait() for peers that had not
  // finished closing when the server's stop grace ran out. Handler exceptions close the peer.
  std::function<void(const std::shared_ptr<WsPeer>&)> on_close;
};

}  // namespace polycopy::service
