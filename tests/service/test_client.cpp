#include "service/test_client.hpp"

#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <stdexcept>

namespace polycopy::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

void set_receive_timeout(tcp::socket& socket, int seconds) {
  timeval tv{seconds, 0};
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
}

tcp::socket connect_to(asio::io_context& io, std::uint16_t port) {
  tcp::socket socket(io);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  set_receive_timeout(socket, 5);
  return socket;
}

}  // namespace

nlohmann::json ClientResponse::json() const {
  return nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
}

std::string ClientResponse::error_code() const {
  const auto parsed = json();
  if (!parsed.is_object() || !parsed.contains("error") || !parsed["error"].is_object()) return "";
  return parsed["error"].value("code", "");
}

struct TestClient::Impl {
  asio::io_context io;
  std::uint16_t port;
  std::optional<tcp::socket> socket;
  beast::flat_buffer buffer;

  bool try_once(const http::request<http::string_body>& req, ClientResponse& out) {
    if (!socket) {
      socket.emplace(connect_to(io, port));
      buffer.clear();
    }
    beast::error_code ec;
    http::write(*socket, req, ec);
    if (ec) return false;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 << 20);
    http::read(*socket, buffer, parser, ec);
    if (ec) return false;
    const auto& res = parser.get();
    out.status = static_cast<int>(res.result_int());
    for (const auto& field : res) {
      std::string name(field.name_string().data(), field.name_string().size());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      out.headers[name] = std::string(field.value().data(), field.value().size());
    }
    out.body = res.body();
    if (!res.keep_alive()) socket.reset();
    return true;
  }
};

TestClient::TestClient(std::uint16_t port) : impl_(std::make_unique<Impl>()) {
  impl_->port = port;
}
TestClient::~TestClient() = default;

ClientResponse TestClient::request(const std::string& method, const std::string& target,
                                   const std::string& body,
                                   const std::map<std::string, std::string>& headers) {
  http::request<http::string_body> req;
  req.method_string(method);
  req.target(target);
  req.version(11);
  req.set(http::field::host, "127.0.0.1");
  if (!body.empty() && !headers.count("content-type"))
    req.set(http::field::content_type, "application/json");
  for (const auto& [name, value] : headers) req.set(name, value);
  req.body() = body;
  req.prepare_payload();
  ClientResponse out;
  // A kept-alive connection the server has since closed fails once: retry on a fresh one.
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (impl_->try_once(req, out)) return out;
    impl_->socket.reset();
  }
  throw std::runtime_error("no HTTP response for " + method + " " + target);
}

ClientResponse TestClient::get(const std::string& target, const std::string& api_key) {
  return request("GET", target, "", {{"authorization", "Bearer " + api_key}});
}

ClientResponse TestClient::post(const std::string& target, const std::string& api_key,
                                const nlohmann::json& body) {
  return request("POST", target, body.dump(), {{"authorization", "Bearer " + api_key}});
}

ClientResponse TestClient::patch(const std::string& target, const std::string& api_key,
                                 const nlohmann::json& body) {
  return request("PATCH", target, body.dump(), {{"authorization", "Bearer " + api_key}});
}

std::string raw_exchange(std::uint16_t port, const std::string& bytes, bool half_close) {
  asio::io_context io;
  tcp::socket socket = connect_to(io, port);
  beast::error_code ec;
  asio::write(socket, asio::buffer(bytes), ec);
  if (half_close) socket.shutdown(tcp::socket::shutdown_send, ec);
  std::string received;
  char chunk[4096];
  while (true) {
    const std::size_t n = socket.read_some(asio::buffer(chunk), ec);
    received.append(chunk, n);
    if (ec) break;
  }
  return received;
}

}  // namespace polycopy::testing
