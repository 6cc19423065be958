#pragma once
// Internal to the service layer (includes Beast): one keep-alive HTTP connection.
#include <boost/asio/ip/tcp.hpp>

#include "service/http_server.hpp"

namespace polycopy::service {

struct WsContext;

// Reads requests one after another on the socket, answers each through the handler, and
// closes on "Connection: close", errors, timeouts, or malformed/oversized requests (after
// answering 400/413/431). A websocket upgrade request that ws->handler.accepts is handed to
// a websocket session instead (ws null: no websocket endpoints). The handler and ws must
// outlive the session; the socket's executor must be a strand.
void start_http_session(boost::asio::ip::tcp::socket socket, const HttpServer::Handler& handler,
                        std::size_t max_body_bytes, WsContext* ws = nullptr,
                        bool log_requests = true);

}  // namespace polycopy::service
