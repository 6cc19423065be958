#include "net/ws_connection.hpp"

#include <openssl/x509v3.h>

#include <type_traits>

namespace polycopy::net::detail {
namespace {

constexpr auto kCloseGrace = std::chrono::milliseconds(250);

template <class Stream>
constexpr bool kTls = std::is_same_v<Stream, TlsWs>;

template <class Stream>
Stream make_stream(asio::io_context& io, asio::ssl::context* ssl_context) {
  if constexpr (kTls<Stream>) {
    return Stream(io, *ssl_context);
  } else {
    (void)ssl_context;
    return Stream(io);
  }
}

}  // namespace

template <class Stream>
WsConnectionImpl<Stream>::WsConnectionImpl(asio::io_context& io, asio::ssl::context* ssl_context,
                                           const Url& url, const WsOptions& options, WsOwner& owner)
    : url_(url),
      options_(options),
      owner_(owner),
      resolver_(io),
      ws_(make_stream<Stream>(io, ssl_context)),
      ping_timer_(io),
      watchdog_(io) {}

template <class Stream>
void WsConnectionImpl<Stream>::start() {
  resolver_.async_resolve(url_.host, std::to_string(url_.port),
                          beast::bind_front_handler(&Self::on_resolved, self()));
}

template <class Stream>
void WsConnectionImpl<Stream>::on_resolved(beast::error_code ec,
                                           tcp::resolver::results_type results) {
  if (finished_) return;
  if (ec) return fail("resolve failed: " + ec.message());
  beast::get_lowest_layer(ws_).expires_after(options_.connect_timeout);
  beast::get_lowest_layer(ws_).async_connect(
      results, [self = self()](beast::error_code error, const tcp::endpoint&) {
        self->on_connected(error);
      });
}

template <class Stream>
void WsConnectionImpl<Stream>::on_connected(beast::error_code ec) {
  if (finished_) return;
  if (ec) return fail("connect failed: " + ec.message());
  if constexpr (kTls<Stream>) {
    auto& tls = ws_.next_layer();
    // SNI: without it, CDNs in front of the venue do not know which certificate to present.
    // An IP literal is not a valid SNI name (RFC 6066 section 3): none is sent for one.
    beast::error_code not_ip;
    asio::ip::make_address(url_.host, not_ip);
    if (not_ip && !SSL_set_tlsext_host_name(tls.native_handle(), url_.host.c_str()))
      return fail("cannot set SNI host name");
    if (options_.verify_tls) {
      // OpenSSL's own name check (RFC 6125 for DNS names, exact match for IP literals) rather
      // than a verify callback: a mismatch then reads "hostname mismatch" or "IP address
      // mismatch" in the log instead of "unspecified certificate verification error".
      X509_VERIFY_PARAM* param = SSL_get0_param(tls.native_handle());
      const bool name_set = not_ip ? SSL_set1_host(tls.native_handle(), url_.host.c_str()) == 1
                                   : X509_VERIFY_PARAM_set1_ip_asc(param, url_.host.c_str()) == 1;
      if (!name_set) return fail("cannot set the name to verify: " + url_.host);
      X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
      tls.set_verify_mode(asio::ssl::verify_peer);
    } else {
      tls.set_verify_mode(asio::ssl::verify_none);
    }
    tls.async_handshake(asio::ssl::stream_base::client, [self = self()](beast::error_code error) {
      if (self->finished_) return;
      if (error) return self->fail("TLS handshake failed: " + self->tls_failure(error));
      self->websocket_handshake();
    });
  } else {
    websocket_handshake();
  }
}

// The handshake error plus, when the certificate was refused, OpenSSL's reason for it
// ("unable to get local issuer certificate", "hostname mismatch", ...).
template <class Stream>
std::string WsConnectionImpl<Stream>::tls_failure(const beast::error_code& ec) {
  std::string why = ec.message();
  if constexpr (kTls<Stream>) {
    const long verify = SSL_get_verify_result(ws_.next_layer().native_handle());
    if (verify != X509_V_OK) why += " (" + std::string(X509_verify_cert_error_string(verify)) + ")";
  }
  return why;
}

template <class Stream>
void WsConnectionImpl<Stream>::websocket_handshake() {
  // From here the websocket layer keeps time (handshake and close); we watch for silence.
  beast::get_lowest_layer(ws_).expires_never();
  websocket::stream_base::timeout timeouts{};
  timeouts.handshake_timeout = options_.connect_timeout;
  timeouts.idle_timeout = websocket::stream_base::none();
  timeouts.keep_alive_pings = false;
  ws_.set_option(timeouts);
  ws_.set_option(websocket::stream_base::decorator(
      [agent = options_.user_agent](websocket::request_type& request) {
        request.set(beast::http::field::user_agent, agent);
      }));
  ws_.read_message_max(options_.max_message_bytes);
  const bool default_port = url_.port == (url_.tls() ? 443 : 80);
  const std::string host = default_port ? url_.host : url_.host + ":" + std::to_string(url_.port);
  ws_.async_handshake(host, url_.target, beast::bind_front_handler(&Self::on_handshake, self()));
}

template <class Stream>
void WsConnectionImpl<Stream>::on_handshake(beast::error_code ec) {
  if (finished_) return;
  if (ec) return fail("websocket handshake failed: " + ec.message());
  open_ = true;
  last_frame_ = std::chrono::steady_clock::now();
  owner_.on_open(*this);
  if (finished_) return;  // the owner may have shut us down
  read_next();
  schedule_ping();
  schedule_watchdog();
}

template <class Stream>
void WsConnectionImpl<Stream>::read_next() {
  ws_.async_read(buffer_, beast::bind_front_handler(&Self::on_read, self()));
}

template <class Stream>
void WsConnectionImpl<Stream>::on_read(beast::error_code ec, std::size_t) {
  if (finished_) return;
  if (ec == websocket::error::closed) return fail("closed by the server");
  if (ec) return fail("read failed: " + ec.message());
  last_frame_ = std::chrono::steady_clock::now();
  std::string text = beast::buffers_to_string(buffer_.data());
  buffer_.consume(buffer_.size());
  if (ws_.got_text()) owner_.on_frame(*this, std::move(text));
  if (finished_) return;
  read_next();
}

template <class Stream>
void WsConnectionImpl<Stream>::send(std::string text) {
  if (!open()) return;
  outbox_.push_back(std::move(text));
  if (!writing_) write_next();
}

template <class Stream>
void WsConnectionImpl<Stream>::write_next() {
  if (outbox_.empty() || finished_) {
    writing_ = false;
    return;
  }
  writing_ = true;
  ws_.text(true);
  ws_.async_write(asio::buffer(outbox_.front()),
                  [self = self()](beast::error_code ec, std::size_t) {
                    if (self->finished_) return;
                    if (ec) return self->fail("write failed: " + ec.message());
                    self->outbox_.pop_front();
                    self->write_next();
                  });
}

template <class Stream>
void WsConnectionImpl<Stream>::schedule_ping() {
  if (options_.ping_interval.count() <= 0) return;
  ping_timer_.expires_after(options_.ping_interval);
  ping_timer_.async_wait([self = self()](beast::error_code ec) {
    if (ec || self->finished_) return;
    self->send(self->options_.ping_text);
    self->owner_.on_ping_sent(*self);
    self->schedule_ping();
  });
}

template <class Stream>
void WsConnectionImpl<Stream>::schedule_watchdog() {
  if (options_.idle_timeout.count() <= 0) return;
  watchdog_.expires_at(last_frame_ + options_.idle_timeout);
  watchdog_.async_wait([self = self()](beast::error_code ec) {
    if (ec || self->finished_) return;
    if (std::chrono::steady_clock::now() - self->last_frame_ >= self->options_.idle_timeout)
      return self->fail(
          "no frame for " + std::to_string(self->options_.idle_timeout.count()) + " ms", true);
    self->schedule_watchdog();  // a frame came meanwhile: wait from it
  });
}

template <class Stream>
void WsConnectionImpl<Stream>::fail(const std::string& reason, bool dead) {
  if (finished_) return;
  finished_ = true;
  const bool was_open = open_;
  close_socket();
  owner_.on_closed(*this, reason, was_open, dead);
}

template <class Stream>
void WsConnectionImpl<Stream>::close_socket() {
  resolver_.cancel();
  ping_timer_.cancel();
  watchdog_.cancel();
  beast::error_code ignored;
  beast::get_lowest_layer(ws_).socket().shutdown(tcp::socket::shutdown_both, ignored);
  beast::get_lowest_layer(ws_).close();  // aborts every pending operation
}

template <class Stream>
void WsConnectionImpl<Stream>::shutdown() {
  if (finished_) return;
  finished_ = true;
  ping_timer_.cancel();
  watchdog_.cancel();
  if (!open_) return close_socket();
  // A polite close frame, but never wait long for the server: the socket closes after the
  // grace whatever happens.
  watchdog_.expires_after(kCloseGrace);
  watchdog_.async_wait([self = self()](beast::error_code) { self->close_socket(); });
  ws_.async_close(websocket::close_code::normal,
                  [self = self()](beast::error_code) { self->close_socket(); });
}

template class WsConnectionImpl<PlainWs>;
template class WsConnectionImpl<TlsWs>;

}  // namespace polycopy::net::detail
