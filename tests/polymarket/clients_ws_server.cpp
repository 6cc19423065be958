#include "polymarket/clients_ws_server.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <deque>
#include <mutex>
#include <thread>

namespace polycopy::polymarket::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

namespace {

struct Session : std::enable_shared_from_this<Session> {
  explicit Session(tcp::socket socket) : ws(std::move(socket)) {}

  websocket::stream<beast::tcp_stream> ws;
  beast::flat_buffer buffer;
  std::deque<std::string> outbox;
  bool open = false;
  std::function<void(std::string)> on_text;

  void enqueue(std::string text) {
    outbox.push_back(std::move(text));
    if (outbox.size() == 1 && open) write_next();
  }

  void write_next() {
    if (outbox.empty() || !open) return;
    ws.text(true);
    ws.async_write(asio::buffer(outbox.front()),
                   [self = shared_from_this()](beast::error_code ec, std::size_t) {
                     if (ec) {
                       self->open = false;
                       return;
                     }
                     self->outbox.pop_front();
                     self->write_next();
                   });
  }

  void read_next() {
    ws.async_read(buffer, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) {
        self->open = false;
        return;
      }
      std::string text = beast::buffers_to_string(self->buffer.data());
      self->buffer.consume(self->buffer.size());
      if (text == "PING") {
        self->enqueue("PONG");
      } else if (self->on_text) {
        self->on_text(std::move(text));
      }
      self->read_next();
    });
  }
};

}  // namespace

struct WsTestServer::Impl {
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::thread thread;
  mutable std::mutex mutex;
  std::vector<std::string> received;
  int connections = 0;
  std::shared_ptr<Session> current;  // io thread only

  void accept() {
    acceptor.async_accept([this](beast::error_code ec, tcp::socket socket) {
      if (ec) return;
      auto session = std::make_shared<Session>(std::move(socket));
      session->on_text = [this](std::string text) {
        std::lock_guard lock(mutex);
        received.push_back(std::move(text));
      };
      session->ws.async_accept([this, session](beast::error_code ec2) {
        if (ec2) return;
        session->open = true;
        current = session;
        {
          std::lock_guard lock(mutex);
          ++connections;
        }
        session->read_next();
        session->write_next();
      });
      accept();
    });
  }
};

WsTestServer::WsTestServer() : impl_(std::make_shared<Impl>()) {
  tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
  impl_->acceptor.open(endpoint.protocol());
  impl_->acceptor.set_option(asio::socket_base::reuse_address(true));
  impl_->acceptor.bind(endpoint);
  impl_->acceptor.listen();
  impl_->accept();
  impl_->thread = std::thread([impl = impl_] { impl->ioc.run(); });
}

WsTestServer::~WsTestServer() {
  asio::post(impl_->ioc, [impl = impl_] {
    beast::error_code ec;
    impl->acceptor.close(ec);
    if (impl->current) beast::get_lowest_layer(impl->current->ws).socket().close(ec);
    impl->current.reset();
    impl->ioc.stop();
  });
  impl_->thread.join();
}

std::string WsTestServer::url(const std::string& path) const {
  return "ws://127.0.0.1:" + std::to_string(impl_->acceptor.local_endpoint().port()) + path;
}

std::vector<std::string> WsTestServer::received() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->received;
}

int WsTestServer::connections() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->connections;
}

void WsTestServer::send(std::string text) {
  asio::post(impl_->ioc, [impl = impl_, text = std::move(text)]() mutable {
    if (impl->current) impl->current->enqueue(std::move(text));
  });
}

void WsTestServer::drop() {
  asio::post(impl_->ioc, [impl = impl_] {
    if (!impl->current) return;
    beast::error_code ec;
    beast::get_lowest_layer(impl->current->ws).socket().shutdown(tcp::socket::shutdown_both, ec);
    beast::get_lowest_layer(impl->current->ws).socket().close(ec);
    impl->current.reset();
  });
}

bool WsTestServer::wait_for(const std::function<bool()>& pred, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return pred();
}

}  // namespace polycopy::polymarket::testing
