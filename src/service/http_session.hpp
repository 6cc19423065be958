#pragma once
// Internal to the service layer (includes Beast): one keep-alive HTTP connection.
#include <boost/asio/ip/tcp.hpp>

#include "service/http_server.hpp"

namespace polycopy::service {

// Reads requests one after another on the socket, answers each through the handler, and
// closes on "Connection: close", errors, timeouts, or malformed/oversized requests (after
// answering 400/413/431). The handler must outlive the session.
void start_http_session(boost::asio::ip::tcp::socket socket, const HttpServer::Handler& handler,
                        std::size_t max_body_bytes);

}  // namespace polycopy::service
