#include "service/ws_session.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <deque>
#include <exception>

namespace polycopy::service {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

// Slow-reader protection: a subscriber that stops reading must not make the server buffer
// for it without bound. 4096 frames is many seconds of a busy feed for a healthy client;
// 8 MiB caps the memory one stuck peer can hold even when its frames are large.
constexpr std::size_t kMaxQueuedFrames = 4096;
constexpr std::size_t kMaxQueuedBytes = 8u << 20;
// Clients send small commands (subscribe, PING); a bigger message is a bug or abuse.
constexpr std::size_t kMaxIncomingBytes = 1u << 20;
// Time for the opening handshake, and for the closing one once the close frame is sent.
constexpr auto kHandshakeTimeout = std::chrono::seconds(10);
// Beast pings a peer silent for half of this and drops it when the other half passes too,
// so connections of vanished clients do not linger.
constexpr auto kIdleTimeout = std::chrono::seconds(60);
// A close waits for the queue to flush, and a stuck reader never lets it: past this the
// socket is simply closed.
constexpr auto kCloseGrace = std::chrono::seconds(5);

class Session;

// What the handler holds. It refers to the session weakly, so a peer kept after on_close
// (even after the server is gone) only sends into the void instead of touching a dead
// io_context.
class PeerHandle final : public WsPeer {
 public:
  PeerHandle(std::uint64_t id, std::string path, std::weak_ptr<Session> session)
      : id_(id), path_(std::move(path)), session_(std::move(session)) {}
  void send(std::string text) override;
  void close() override;
  std::uint64_t id() const override { return id_; }
  const std::string& path() const override { return path_; }

 private:
  const std::uint64_t id_;
  const std::string path_;
  const std::weak_ptr<Session> session_;
};

// Everything below runs on the socket's strand, except send(), request_close() and
// abandon(). The pending operations own the session; it is freed once they all end.
class Session final : public WsSession, public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, HttpRequest plain, WsContext& context)
      : ws_(std::move(socket)),
        close_timer_(ws_.get_executor()),
        request_(std::move(plain)),
        context_(context),
        id_(context.registry.next_id()) {}

  void start(http::request<http::string_body> upgrade) {
    peer_ = std::make_shared<PeerHandle>(id_, request_.path, weak_from_this());
    beast::get_lowest_layer(ws_).expires_never();  // the websocket timeouts take over
    ws_.set_option(websocket::stream_base::timeout{kHandshakeTimeout, kIdleTimeout,
                                                   /*keep_alive_pings=*/true});
    ws_.read_message_max(kMaxIncomingBytes);
    ws_.text(true);
    // Pings (control frames) are answered by Beast inside async_read; text "PING" frames
    // are ordinary messages for the handler.
    ws_.async_accept(upgrade, beast::bind_front_handler(&Session::on_accept, shared_from_this()));
  }

  // Any thread. Frames sent before close() still go out; those sent after are dropped.
  void send(std::string text) {
    if (close_requested_.load()) return;
    asio::post(ws_.get_executor(), [self = shared_from_this(), text = std::move(text)]() mutable {
      self->enqueue(std::move(text));
    });
  }

  void close() override {
    close_requested_ = true;
    asio::post(ws_.get_executor(),
               beast::bind_front_handler(&Session::begin_close, shared_from_this()));
  }

  void abandon() override { finish("the server stopped"); }

 private:
  void on_accept(beast::error_code ec) {
    if (ec) {
      spdlog::debug("websocket handshake on {} failed: {}", request_.path, ec.message());
      return close_socket();  // never opened, so nothing to report
    }
    if (!context_.registry.add(id_, weak_from_this())) return close_socket();  // stopping
    opened_ = true;
    spdlog::info("websocket {} open on {}", id_, request_.path);
    call_handler("on_open", [this] {
      if (context_.handler.on_open) context_.handler.on_open(peer_, request_);
    });
    request_ = {};  // only the path was needed after on_open, and the peer has it
    read_next();
    write_next();
  }

  void read_next() {
    ws_.async_read(inbox_, beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (finished_) return;
    if (ec) return finish(ec == websocket::error::closed ? "closed by the client" : ec.message());
    // After a close began, reading continues only to complete the closing handshake.
    if (ws_.got_text() && !closing_) {
      const std::string text = beast::buffers_to_string(inbox_.data());
      call_handler("on_message", [this, &text] {
        if (context_.handler.on_message) context_.handler.on_message(peer_, text);
      });
    }
    inbox_.consume(inbox_.size());
    if (!finished_) read_next();
  }

  void enqueue(std::string text) {
    if (finished_ || closing_) return;
    if (outbox_.size() >= kMaxQueuedFrames || queued_bytes_ + text.size() > kMaxQueuedBytes) {
      spdlog::warn("websocket {} on {} is not reading ({} frames, {} bytes queued): closing it",
                   id_, peer_->path(), outbox_.size(), queued_bytes_);
      // No close frame: it would queue behind the writes the peer is not reading.
      return finish("slow reader");
    }
    queued_bytes_ += text.size();
    outbox_.push_back(std::move(text));
    write_next();
  }

  // One write at a time (Beast's rule); the close frame goes once the queue is flushed.
  void write_next() {
    if (!opened_ || writing_ || finished_ || close_sent_) return;
    if (outbox_.empty()) {
      if (closing_) send_close_frame();
      return;
    }
    writing_ = true;
    ws_.async_write(asio::buffer(outbox_.front()),
                    beast::bind_front_handler(&Session::on_write, shared_from_this()));
  }

  void on_write(beast::error_code ec, std::size_t) {
    writing_ = false;
    if (finished_) return;
    if (ec) return finish(ec.message());
    queued_bytes_ -= outbox_.front().size();
    outbox_.pop_front();
    write_next();
  }

  void begin_close() {
    if (closing_ || finished_) return;
    closing_ = true;
    close_timer_.expires_after(kCloseGrace);
    close_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (!ec) self->finish("the close timed out");
    });
    write_next();
  }

  void send_close_frame() {
    close_sent_ = true;
    ws_.async_close(websocket::close_code::normal,
                    [self = shared_from_this()](beast::error_code ec) {
                      self->finish(ec ? ec.message() : "closed by the server");
                    });
  }

  // The single end of every session: the socket goes, on_close is reported once.
  void finish(const std::string& reason) {
    if (finished_) return;
    finished_ = true;
    close_requested_ = true;
    close_timer_.cancel();
    outbox_.clear();
    queued_bytes_ = 0;
    close_socket();  // aborts whatever is still pending; those handlers see finished_
    if (!opened_) return;
    spdlog::info("websocket {} on {} closed: {}", id_, peer_->path(), reason);
    call_handler("on_close", [this] {
      if (context_.handler.on_close) context_.handler.on_close(peer_);
    });
    // Last, so that a server waiting for its peers to drain sees every on_close done.
    context_.registry.remove(id_);
  }

  void close_socket() { beast::get_lowest_layer(ws_).close(); }

  // A throwing handler loses its peer, not the server.
  template <class Call>
  void call_handler(const char* which, Call&& call) {
    try {
      call();
      return;
    } catch (const std::exception& e) {
      spdlog::error("websocket {} handler {} threw: {}", id_, which, e.what());
    } catch (...) {
      spdlog::error("websocket {} handler {} threw a non-exception", id_, which);
    }
    if (!finished_) begin_close();
  }

  websocket::stream<beast::tcp_stream> ws_;
  asio::steady_timer close_timer_;
  HttpRequest request_;
  WsContext& context_;
  const std::uint64_t id_;
  std::shared_ptr<PeerHandle> peer_;
  beast::flat_buffer inbox_;
  std::deque<std::string> outbox_;
  std::size_t queued_bytes_ = 0;
  std::atomic<bool> close_requested_{false};  // any thread: makes later sends no-ops
  bool opened_ = false;
  bool writing_ = false;
  bool closing_ = false;
  bool close_sent_ = false;
  bool finished_ = false;
};

void PeerHandle::send(std::string text) {
  if (auto session = session_.lock()) session->send(std::move(text));
}

void PeerHandle::close() {
  if (auto session = session_.lock()) session->close();
}

}  // namespace

void start_ws_session(tcp::socket socket, http::request<http::string_body> request,
                      HttpRequest plain, WsContext& context) {
  std::make_shared<Session>(std::move(socket), std::move(plain), context)
      ->start(std::move(request));
}

}  // namespace polycopy::service
