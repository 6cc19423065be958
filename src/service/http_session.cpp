#include "service/http_session.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <boost/asio/dispatch.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <chrono>
#include <optional>

#include "service/http_types.hpp"
#include "service/request_target.hpp"
#include "service/ws_session.hpp"

namespace polycopy::service {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr auto kIdleTimeout = std::chrono::seconds(30);
constexpr auto kDrainTimeout = std::chrono::seconds(2);
constexpr std::size_t kMaxDrainBytes = 8 << 20;
constexpr std::uint32_t kMaxHeaderBytes = 16 * 1024;

std::string_view sv(beast::string_view text) {
  return {text.data(), text.size()};
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  return out;
}

HttpRequest to_plain_request(const http::request<http::string_body>& in, RequestTarget target) {
  HttpRequest out;
  out.method = std::string(sv(in.method_string()));
  out.path = std::move(target.path);
  out.query = std::move(target.query);
  out.query_pairs = std::move(target.query_pairs);
  for (const auto& field : in) {
    auto [slot, inserted] =
        out.headers.try_emplace(lower(sv(field.name_string())), sv(field.value()));
    if (!inserted) slot->second += ", " + std::string(sv(field.value()));
  }
  out.body = in.body();
  return out;
}

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket&& socket, const HttpServer::Handler& handler, std::size_t max_body,
              WsContext* ws, bool log_requests)
      : stream_(std::move(socket)),
        handler_(handler),
        max_body_(max_body),
        ws_(ws),
        log_level_(log_requests ? spdlog::level::info : spdlog::level::debug) {}

  void start() {
    asio::dispatch(stream_.get_executor(),
                   beast::bind_front_handler(&HttpSession::read_request, shared_from_this()));
  }

 private:
  void read_request() {
    parser_.emplace();
    parser_->body_limit(max_body_);
    parser_->header_limit(kMaxHeaderBytes);
    stream_.expires_after(kIdleTimeout);
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&HttpSession::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (!ec) return answer(parser_->get());
    if (ec.category() != http::make_error_code(http::error::end_of_stream).category() ||
        ec == http::error::end_of_stream || ec == http::error::partial_message)
      return close();  // socket error, timeout, or the peer went away
    if (ec == http::error::body_limit)
      return send_error(413, "body_too_large",
                        "the request body exceeds " + std::to_string(max_body_) + " bytes");
    if (ec == http::error::header_limit)
      return send_error(431, "headers_too_large", "the request headers are too large");
    send_error(400, "bad_request", "malformed HTTP request: " + ec.message());
  }

  void answer(const http::request<http::string_body>& request) {
    const auto started = std::chrono::steady_clock::now();
    const std::string_view raw_target = sv(request.target());
    const std::string_view raw_path = raw_target.substr(0, raw_target.find('?'));
    auto target = parse_request_target(raw_target);
    std::optional<HttpRequest> plain;
    if (target) plain = to_plain_request(request, std::move(*target));
    if (plain && upgrade_accepted(request, *plain)) {
      spdlog::info("{} {} -> 101 (websocket)", sv(request.method_string()), raw_path);
      // The websocket session takes the socket; this HTTP session ends here.
      return start_ws_session(stream_.release_socket(), parser_->release(), std::move(*plain),
                              *ws_);
    }
    HttpResponse response =
        plain ? handler_(*plain) : error_response(400, "bad_request", target.error().message);
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::steady_clock::now() - started)
                            .count();
    // The path only: the query, headers and body may carry secrets.
    spdlog::log(log_level_, "{} {} -> {} ({} us)", sv(request.method_string()), raw_path,
                response.status, micros);
    if (response.drop_connection) return close();  // served, but the answer is "lost"
    send(response, request.version(), !request.keep_alive());
  }

  // Upgrade requests the websocket handler refuses are answered by the normal handler.
  bool upgrade_accepted(const http::request<http::string_body>& request,
                        const HttpRequest& plain) const {
    if (ws_ == nullptr || !ws_->handler.accept || !beast::websocket::is_upgrade(request))
      return false;
    try {
      return ws_->handler.accept(plain);
    } catch (const std::exception& e) {
      spdlog::error("websocket accept handler threw on {}: {}", plain.path, e.what());
      return false;
    }
  }

  void send_error(int status, std::string code, std::string message) {
    send(error_response(status, std::move(code), std::move(message)), 11, true);
  }

  void send(const HttpResponse& plain, unsigned version, bool close_after) {
    response_ = {};
    response_.version(version);
    response_.result(static_cast<unsigned>(plain.status));
    response_.set(http::field::content_type, "application/json");
    for (const auto& [name, value] : plain.headers)
      response_.set(beast::string_view(name.data(), name.size()), value);
    response_.body() =
        plain.text ? *plain.text
                   : plain.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    response_.keep_alive(!close_after);
    response_.prepare_payload();
    stream_.expires_after(kIdleTimeout);
    http::async_write(
        stream_, response_,
        beast::bind_front_handler(&HttpSession::on_write, shared_from_this(), close_after));
  }

  void on_write(bool close_after, beast::error_code ec, std::size_t) {
    if (ec) return close();
    if (close_after) return drain_then_close();
    read_request();
  }

  // Half-closes, then discards what the client still sends for a moment so that the
  // kernel does not reset the connection before the client has read our answer.
  void drain_then_close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(kDrainTimeout);
    drain();
  }

  void drain() {
    stream_.async_read_some(asio::buffer(scratch_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->drained_ += n;
                              if (ec || self->drained_ > kMaxDrainBytes) return self->close();
                              self->drain();
                            });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  beast::tcp_stream stream_;
  const HttpServer::Handler& handler_;
  const std::size_t max_body_;
  WsContext* const ws_;
  const spdlog::level::level_enum log_level_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> response_;
  std::array<char, 16 * 1024> scratch_{};
  std::size_t drained_ = 0;
};

}  // namespace

void start_http_session(tcp::socket socket, const HttpServer::Handler& handler,
                        std::size_t max_body_bytes, WsContext* ws, bool log_requests) {
  std::make_shared<HttpSession>(std::move(socket), handler, max_body_bytes, ws, log_requests)
      ->start();
}

}  // namespace polycopy::service
