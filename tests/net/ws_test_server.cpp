#include "net/ws_test_server.hpp"

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <deque>
#include <mutex>
#include <thread>

namespace polycopy::net::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::function<void(const std::string&)> record,
          std::function<void(std::string)> record_target, const std::atomic<bool>& answer_pings)
      : ws_(std::move(socket)),
        record_(std::move(record)),
        record_target_(std::move(record_target)),
        answer_pings_(answer_pings) {}

  void start() {
    auto self = shared_from_this();
    beast::http::async_read(
        ws_.next_layer(), buffer_, request_, [self](beast::error_code ec, std::size_t) {
          if (ec) return;
          self->record_target_(std::string(self->request_.target()));
          self->ws_.async_accept(self->request_, [self](beast::error_code error) {
            if (error) return;
            // Frames queued while the handshake answer was still being written go now: the
            // stream takes one write at a time.
            self->accepted_ = true;
            self->read();
            if (!self->outbox_.empty()) self->write();
          });
        });
  }

  void send(std::string text) {
    outbox_.push_back(std::move(text));
    if (accepted_ && outbox_.size() == 1) write();
  }

  void drop() {
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().shutdown(tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(ws_).close();
  }

 private:
  using http_request = beast::http::request<beast::http::string_body>;

  void read() {
    ws_.async_read(in_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return;
      std::string text = beast::buffers_to_string(self->in_.data());
      self->in_.consume(self->in_.size());
      self->record_(text);
      if (text == "PING" && self->answer_pings_) self->send("PONG");
      self->read();
    });
  }

  void write() {
    ws_.text(true);
    ws_.async_write(asio::buffer(outbox_.front()),
                    [self = shared_from_this()](beast::error_code ec, std::size_t) {
                      if (ec) return;
                      self->outbox_.pop_front();
                      if (!self->outbox_.empty()) self->write();
                    });
  }

  websocket::stream<beast::tcp_stream> ws_;
  beast::flat_buffer buffer_;
  beast::flat_buffer in_;
  http_request request_;
  std::function<void(const std::string&)> record_;
  std::function<void(std::string)> record_target_;
  const std::atomic<bool>& answer_pings_;
  std::deque<std::string> outbox_;
  bool accepted_ = false;
};

}  // namespace

struct WsTestServer::Impl : std::enable_shared_from_this<Impl> {
  asio::io_context io{1};
  tcp::acceptor acceptor{io};
  std::atomic<bool> answer_pings{true};
  mutable std::mutex mutex;
  std::vector<std::vector<std::string>> received;
  std::vector<std::string> targets;
  std::vector<std::weak_ptr<Session>> sessions;  // io thread only
  std::thread thread;
  std::uint16_t port = 0;

  void accept() {
    acceptor.async_accept([this](beast::error_code ec, tcp::socket socket) {
      if (ec) return;
      int index = 0;
      {
        std::lock_guard lock(mutex);
        index = static_cast<int>(received.size());
        received.emplace_back();
      }
      auto session = std::make_shared<Session>(
          std::move(socket),
          [this, index](const std::string& text) {
            std::lock_guard lock(mutex);
            received[static_cast<std::size_t>(index)].push_back(text);
          },
          [this](std::string target) {
            std::lock_guard lock(mutex);
            targets.push_back(std::move(target));
          },
          answer_pings);
      sessions.push_back(session);
      session->start();
      accept();
    });
  }
};

WsTestServer::WsTestServer() : impl_(std::make_shared<Impl>()) {
  const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
  impl_->acceptor.open(endpoint.protocol());
  impl_->acceptor.bind(endpoint);
  impl_->acceptor.listen();
  impl_->port = impl_->acceptor.local_endpoint().port();
  impl_->accept();
  impl_->thread = std::thread([impl = impl_.get()] { impl->io.run(); });
}

WsTestServer::~WsTestServer() {
  asio::post(impl_->io, [impl = impl_.get()] {
    beast::error_code ignored;
    impl->acceptor.close(ignored);
    for (auto& weak : impl->sessions)
      if (auto session = weak.lock()) session->drop();
  });
  impl_->thread.join();
}

std::string WsTestServer::url(const std::string& path) const {
  return "ws://127.0.0.1:" + std::to_string(impl_->port) + path;
}

void WsTestServer::set_answer_pings(bool answer) {
  impl_->answer_pings = answer;
}

void WsTestServer::send_to_all(const std::string& text) {
  asio::post(impl_->io, [impl = impl_.get(), text] {
    for (auto& weak : impl->sessions)
      if (auto session = weak.lock()) session->send(text);
  });
}

void WsTestServer::drop_all() {
  asio::post(impl_->io, [impl = impl_.get()] {
    for (auto& weak : impl->sessions)
      if (auto session = weak.lock()) session->drop();
  });
}

int WsTestServer::connections() const {
  std::lock_guard lock(impl_->mutex);
  return static_cast<int>(impl_->received.size());
}

std::vector<std::string> WsTestServer::received(int connection) const {
  std::lock_guard lock(impl_->mutex);
  if (connection < 0 || connection >= static_cast<int>(impl_->received.size())) return {};
  return impl_->received[static_cast<std::size_t>(connection)];
}

std::vector<std::string> WsTestServer::targets() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->targets;
}

bool eventually(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return done();
}

}  // namespace polycopy::net::testing
