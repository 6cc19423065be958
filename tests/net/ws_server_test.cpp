// Websocket endpoints of service::HttpServer over loopback, driven by the project's own
// client (net::WsClient) and, where a client must misbehave or show close frames, by a raw
// Beast client whose every wait is bounded.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "net/ws_client.hpp"
#include "net/ws_test_server.hpp"
#include "service/http_server.hpp"
#include "service/http_types.hpp"
#include "service/ws_server.hpp"

namespace polycopy::service {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using net::testing::eventually;
using std::chrono::milliseconds;

using Reply = std::function<void(const std::shared_ptr<WsPeer>&, const std::string&)>;

// A WsHandler that accepts paths under /ws/ and records what happens to every peer.
class Recorder {
 public:
  explicit Recorder(Reply reply = {}) : reply_(std::move(reply)) {}

  WsHandler handler() {
    WsHandler handler;
    handler.accept = [](const HttpRequest& request) { return request.path.rfind("/ws/", 0) == 0; };
    handler.on_open = [this](const std::shared_ptr<WsPeer>& peer, const HttpRequest& request) {
      std::lock_guard lock(mutex_);
      peers_.push_back(peer);
      requests_.push_back(request);
    };
    handler.on_message = [this](const std::shared_ptr<WsPeer>& peer, const std::string& text) {
      {
        std::lock_guard lock(mutex_);
        messages_[peer->id()].push_back(text);
      }
      if (reply_) reply_(peer, text);
    };
    handler.on_close = [this](const std::shared_ptr<WsPeer>& peer) {
      std::lock_guard lock(mutex_);
      ++closes_[peer->id()];
    };
    return handler;
  }

  std::size_t opened() const {
    std::lock_guard lock(mutex_);
    return peers_.size();
  }
  std::shared_ptr<WsPeer> peer(std::size_t index) const {
    std::lock_guard lock(mutex_);
    return peers_.at(index);
  }
  HttpRequest request(std::size_t index) const {
    std::lock_guard lock(mutex_);
    return requests_.at(index);
  }
  std::vector<std::string> messages(std::uint64_t id) const {
    std::lock_guard lock(mutex_);
    auto found = messages_.find(id);
    return found == messages_.end() ? std::vector<std::string>{} : found->second;
  }
  int closes(std::uint64_t id) const {
    std::lock_guard lock(mutex_);
    auto found = closes_.find(id);
    return found == closes_.end() ? 0 : found->second;
  }
  int total_closes() const {
    std::lock_guard lock(mutex_);
    int total = 0;
    for (const auto& [id, count] : closes_) total += count;
    return total;
  }

 private:
  Reply reply_;
  mutable std::mutex mutex_;
  std::vector<std::shared_ptr<WsPeer>> peers_;  // kept past on_close on purpose
  std::vector<HttpRequest> requests_;
  std::map<std::uint64_t, std::vector<std::string>> messages_;
  std::map<std::uint64_t, int> closes_;
};

void echo(const std::shared_ptr<WsPeer>& peer, const std::string& text) {
  peer->send(text == "PING" ? "PONG" : "echo:" + text);
}

HttpResponse plain_routes(const HttpRequest& request) {
  if (request.path == "/plain") return json_response(200, {{"ok", true}});
  return error_response(404, "not_found", "no route for " + request.path);
}

ServerOptions ephemeral() {
  ServerOptions options;
  options.port = 0;
  return options;
}

// Quiet client: no pings, no silence detection, slow reconnects (the server under test
// goes away at the end of every test).
net::WsOptions client_options(std::uint16_t port, const std::string& path) {
  net::WsOptions options;
  options.url = "ws://127.0.0.1:" + std::to_string(port) + path;
  options.ping_interval = milliseconds(0);
  options.idle_timeout = milliseconds(0);
  options.connect_timeout = milliseconds(2000);
  options.reconnect = net::BackoffPolicy{milliseconds(5000), milliseconds(5000), 2.0, 0.0};
  options.jitter_seed = 1;
  return options;
}

struct Inbox {
  mutable std::mutex mutex;
  std::vector<std::string> messages;
  net::WsClient::MessageHandler handler() {
    return [this](const std::string& text) {
      std::lock_guard lock(mutex);
      messages.push_back(text);
    };
  }
  std::vector<std::string> copy() const {
    std::lock_guard lock(mutex);
    return messages;
  }
  std::size_t size() const {
    std::lock_guard lock(mutex);
    return messages.size();
  }
};

// A synchronous-looking Beast client whose operations give up after a timeout, so a
// server bug fails the test instead of hanging it. It reads only when asked to.
class RawClient {
 public:
  // small_receive_buffer: the kernel holds little for us, so a client that never reads
  // backs the server up quickly.
  beast::error_code connect(std::uint16_t port, const std::string& target,
                            bool small_receive_buffer = false) {
    beast::error_code result = asio::error::timed_out;
    auto& socket = ws_.next_layer();
    socket.open(tcp::v4());
    if (small_receive_buffer) socket.set_option(asio::socket_base::receive_buffer_size(4096));
    socket.async_connect({asio::ip::make_address("127.0.0.1"), port}, [&](beast::error_code ec) {
      if (ec) {
        result = ec;
        return;
      }
      ws_.async_handshake(response_, "127.0.0.1", target,
                          [&](beast::error_code handshake) { result = handshake; });
    });
    run();
    return result;
  }

  beast::error_code write(const std::string& text) {
    beast::error_code result = asio::error::timed_out;
    ws_.text(true);
    ws_.async_write(asio::buffer(text), [&](beast::error_code ec, std::size_t) { result = ec; });
    run();
    return result;
  }

  // The next text frame, or the error that ended the connection.
  std::pair<std::string, beast::error_code> read() {
    beast::error_code result = asio::error::timed_out;
    beast::flat_buffer buffer;
    ws_.async_read(buffer, [&](beast::error_code ec, std::size_t) { result = ec; });
    run();
    return {beast::buffers_to_string(buffer.data()), result};
  }

  const http::response<http::string_body>& response() const { return response_; }
  websocket::close_reason close_reason() const { return ws_.reason(); }

 private:
  void run() {
    io_.restart();
    io_.run_for(milliseconds(3000));
    if (!io_.stopped()) {  // timed out: abort the operation and let it complete
      beast::error_code ignored;
      ws_.next_layer().close(ignored);
      io_.restart();
      io_.run();
    }
  }

  asio::io_context io_;
  websocket::stream<tcp::socket> ws_{io_};
  websocket::response_type response_;
};

// One plain HTTP/1.1 GET with a bounded wait; returns the status (0 on failure).
unsigned http_get(std::uint16_t port, const std::string& target) {
  asio::io_context io;
  beast::tcp_stream stream(io);
  http::request<http::empty_body> request{http::verb::get, target, 11};
  request.set(http::field::host, "127.0.0.1");
  request.keep_alive(false);
  http::response<http::string_body> response;
  beast::flat_buffer buffer;
  unsigned status = 0;
  stream.expires_after(std::chrono::seconds(3));
  stream.async_connect({asio::ip::make_address("127.0.0.1"), port}, [&](beast::error_code ec) {
    if (ec) return;
    http::async_write(stream, request, [&](beast::error_code write_ec, std::size_t) {
      if (write_ec) return;
      http::async_read(stream, buffer, response, [&](beast::error_code read_ec, std::size_t) {
        if (!read_ec) status = response.result_int();
      });
    });
  });
  io.run();
  return status;
}

TEST(WsServer, UpgradesAnAcceptedPathAndTheHandlerAnswers) {
  Recorder recorder(echo);
  HttpServer server(ephemeral(), plain_routes, recorder.handler());
  const auto port = server.start();
  ASSERT_TRUE(port.ok()) << port.error().to_string();

  Inbox inbox;
  auto options = client_options(*port, "/ws/echo?channel=fills");
  options.ping_interval = milliseconds(20);  // text PING frames go to the handler
  net::WsClient client(options, inbox.handler());
  ASSERT_TRUE(client.start().ok());
  // The server opens the peer before the client has seen the handshake's answer.
  ASSERT_TRUE(eventually([&] { return recorder.opened() == 1 && client.stats().connected; }));
  EXPECT_EQ(recorder.peer(0)->path(), "/ws/echo");
  EXPECT_EQ(recorder.request(0).path, "/ws/echo");
  EXPECT_EQ(recorder.request(0).query.at("channel"), "fills");
  EXPECT_EQ(recorder.request(0).header("upgrade"), "websocket");

  ASSERT_TRUE(client.send("hello").ok());
  ASSERT_TRUE(eventually([&] { return inbox.size() == 1; }));
  EXPECT_EQ(inbox.copy().at(0), "echo:hello");
  // The handler answered the client's text PINGs with PONG, which the client counts.
  ASSERT_TRUE(eventually([&] { return client.stats().pongs >= 1; }));
  const auto received = recorder.messages(recorder.peer(0)->id());
  EXPECT_NE(std::find(received.begin(), received.end(), "PING"), received.end());
}

TEST(WsServer, RefusedUpgradesAreAnsweredByTheHttpHandlerOnTheSamePort) {
  Recorder recorder(echo);
  HttpServer server(ephemeral(), plain_routes, recorder.handler());
  const auto port = server.start();
  ASSERT_TRUE(port.ok());

  RawClient refused;
  EXPECT_EQ(refused.connect(*port, "/elsewhere"), websocket::error::upgrade_declined);
  EXPECT_EQ(refused.response().result_int(), 404u);
  EXPECT_EQ(http_get(*port, "/plain"), 200u);
  EXPECT_EQ(http_get(*port, "/ws/echo"), 404u);  // no upgrade header: plain HTTP

  RawClient accepted;
  ASSERT_FALSE(accepted.connect(*port, "/ws/echo"));
  EXPECT_EQ(accepted.response().result_int(), 101u);
  ASSERT_FALSE(accepted.write("hi"));
  EXPECT_EQ(accepted.read().first, "echo:hi");
  EXPECT_EQ(http_get(*port, "/plain"), 200u);  // while a websocket is open
}

TEST(WsServer, WithoutAWsHandlerUpgradesGoToTheHttpHandler) {
  HttpServer server(ephemeral(), plain_routes);
  const auto port = server.start();
  ASSERT_TRUE(port.ok());
  RawClient client;
  EXPECT_EQ(client.connect(*port, "/ws/echo"), websocket::error::upgrade_declined);
  EXPECT_EQ(client.response().result_int(), 404u);
  EXPECT_EQ(http_get(*port, "/plain"), 200u);
}

TEST(WsServer, ManyMessagesArriveAndAreAnsweredInOrder) {
  Recorder recorder(echo);
  HttpServer server(ephemeral(), plain_routes, recorder.handler());
  const auto port = server.start();
  ASSERT_TRUE(port.ok());
  Inbox inbox;
  net::WsClient client(client_options(*port, "/ws/echo"), inbox.handler());
  ASSERT_TRUE(client.start().ok());
  ASSERT_TRUE(eventually([&] { return client.stats().connected; }));

  constexpr int kCount = 2000;
  std::vector<std::string> expected;
  for (int i = 0; i < kCount; ++i) {
    ASSERT_TRUE(client.send("m" + std::to_string(i)).ok());
    expected.push_back("echo:m" + std::to_string(i));
  }
  ASSERT_TRUE(eventually([&] { return inbox.size() == kCount; }, milliseconds(10'000)));
  EXPECT_EQ(inbox.copy(), expected);
}

TEST(WsServer, SendsFromAnotherThreadWhileMessagesArrive) {
  Recorder recorder;  // records, answers nothing
  HttpServer server(ephemeral(), plain_routes, recorder.handler());
  const auto port = server.start();
  ASSERT_TRUE(port.ok());
  Inbox inbox;
  net::WsClient client(client_options(*port, "/ws/both"), inbox.handler());
  ASSERT_TRUE(client.start().ok());
  ASSERT_TRUE(eventually([&] { return recorder.opened() == 1 && client.stats().connected; }));
  const auto peer = recorder.peer(0);

  constexpr int kCount = 500;
  std::vector<std::string> from_server;
  std::vector<std::string> from_client;
  for (int i = 0; i < kCount; ++i) {
    from_server.push_back("s" + std::to_string(i));
    from_client.push_back("c" + std::to_string(i));
  }
  std::thread pusher([&] {
    for (const auto& text : from_server) peer->send(text);
  });
  int refused = 0;
  for (const auto& text : from_client) refused += client.send(text).ok() ? 0 : 1;
  pusher.join();
  ASSERT_EQ(refused, 0);
  ASSERT_TRUE(eventually(
      [&] { return inbox.size() == kCount && recorder.messages(peer->id()).size() == kCount; },
      milliseconds(10'000)));
  EXPECT_EQ(inbox.copy(), from_server);
  EXPECT_EQ(recorder.messages(peer->id()), from_client);
}

TEST(WsServer, CloseFlushesQueuedFramesThenSendsACloseFrame) {
  Recorder recorder([](const std::shared_ptr<WsPeer>& peer, const std::string&) {
    peer->send("last");
    peer->close();
    peer->send("dropped");  // after close: never sent
    peer->close();          // idempotent
  });
  HttpServer server(ephemeral(), plain_routes, recorder.handler());
  const auto port = server.start();
  ASSERT_TRUE(port.ok());
  RawClient client;
  ASSERT_FALSE(client.connect(*port, "/ws/bye"));
  ASSERT_FALSE(client.write("bye"));
  EXPECT_EQ(client.read(), std::make_pair(std::string("last"), beast::error_code{}));
  EXPECT_EQ(client.read().second, websocket::error::closed);
  EXPECT_EQ(client.close_reason().code, websocket::close_code::normal);
  ASSERT_TRUE(eventually([&] { return recorder.total_closes() == 1; }));
}

TEST(WsServer, OnCloseIsCalledOnceWhenTheClientDisconnects) {
  Recorder recorder(echo);
  HttpServer server(ephemeral(), plain_routes, recorder.handler());
  const auto port = server.start();
  ASSERT_TRUE(port.ok());
  Inbox inbox;
  net::WsClient client(client_options(*port, "/ws/echo"), inbox.handler());
  ASSERT_TRUE(client.start().ok());
  ASSERT_TRUE(eventually([&] { return recorder.opened() == 1 && client.stats().connected; }));
  const auto id = recorder.peer(0)->id();
  client.stop();
  ASSERT_TRUE(eventually([&] { return recorder.closes(id) == 1; }));
  recorder.peer(0)->send("into the void");  // harmless after the close
  server.stop();
  server.wait();
  EXPECT_EQ(recorder.closes(id), 1);
}

TEST(WsServer, OnCloseIsCalledOnceWhenTheServerStopsAndPeersOutliveIt) {
  Recorder recorder(echo);
  auto server = std::make_unique<HttpServer>(ephemeral(), plain_routes, recorder.handler());
  const auto port = server->start();
  ASSERT_TRUE(port.ok());
  Inbox inbox;
  net::WsClient client(client_options(*port, "/ws/echo"), inbox.handler());
  ASSERT_TRUE(client.start().ok());
  ASSERT_TRUE(eventually([&] { return recorder.opened() == 1; }));
  server->stop();
  server->wait();
  EXPECT_EQ(recorder.total_closes(), 1);  // reported by the time wait() returns
  EXPECT_TRUE(eventually([&] { return !client.stats().connected; }));
  server.reset();
  // The recorder still holds the peer: using it after the server is gone is a no-op.
  recorder.peer(0)->send("late");
  recorder.peer(0)->close();
  EXPECT_EQ(recorder.total_closes(), 1);
}

TEST(WsServer, StopWithTwentyOpenPeersIsPrompt) {
  Recorder recorder(echo);
  HttpServer server(ephemeral(), plain_routes, recorder.handler());
  const auto port = server.start();
  ASSERT_TRUE(port.ok());
  constexpr std::size_t kPeers = 20;
  Inbox inbox;
  std::vector<std::unique_ptr<net::WsClient>> clients;
  for (std::size_t i = 0; i < kPeers; ++i) {
    clients.push_back(
        std::make_unique<net::WsClient>(client_options(*port, "/ws/many"), inbox.handler()));
    ASSERT_TRUE(clients.back()->start().ok());
  }
  ASSERT_TRUE(eventually([&] { return recorder.opened() == kPeers; }));

  const auto started = std::chrono::steady_clock::now();
  server.stop();
  server.wait();
  // Clients that answer the close frame end the stop well before its 1 s grace.
  EXPECT_LT(std::chrono::steady_clock::now() - started, milliseconds(1000));
  for (std::size_t i = 0; i < kPeers; ++i) EXPECT_EQ(recorder.closes(recorder.peer(i)->id()), 1);
  EXPECT_EQ(http_get(*port, "/plain"), 0u);  // no longer listening
}

TEST(WsServer, StopDoesNotWaitLongForPeersThatNeverAnswer) {
  Recorder recorder(echo);
  HttpServer server(ephemeral(), plain_routes, recorder.handler());
  const auto port = server.start();
  ASSERT_TRUE(port.ok());
  std::vector<std::unique_ptr<RawClient>> silent(5);
  for (auto& client : silent) {
    client = std::make_unique<RawClient>();
    ASSERT_FALSE(client->connect(*port, "/ws/silent"));  // and never reads again
  }
  ASSERT_TRUE(eventually([&] { return recorder.opened() == silent.size(); }));
  const auto started = std::chrono::steady_clock::now();
  server.stop();
  server.wait();
  EXPECT_LT(std::chrono::steady_clock::now() - started, milliseconds(3000));
  EXPECT_EQ(recorder.total_closes(), 5);
}

TEST(WsServer, APeerThatNeverReadsIsClosedWithoutHurtingOthers) {
  Recorder recorder(echo);
  HttpServer server(ephemeral(), plain_routes, recorder.handler());
  const auto port = server.start();
  ASSERT_TRUE(port.ok());
  RawClient stuck;
  ASSERT_FALSE(stuck.connect(*port, "/ws/stuck", /*small_receive_buffer=*/true));
  Inbox inbox;
  net::WsClient healthy(client_options(*port, "/ws/healthy"), inbox.handler());
  ASSERT_TRUE(healthy.start().ok());
  ASSERT_TRUE(eventually([&] { return recorder.opened() == 2 && healthy.stats().connected; }));
  auto stuck_peer = recorder.peer(0);
  auto healthy_peer = recorder.peer(1);
  if (stuck_peer->path() != "/ws/stuck") std::swap(stuck_peer, healthy_peer);

  // 30 MiB: more than the kernel buffers (a few MiB) plus the per-peer queue limit.
  const std::string chunk(64 * 1024, 'x');
  for (int i = 0; i < 480 && recorder.closes(stuck_peer->id()) == 0; ++i) {
    stuck_peer->send(chunk);
    if (i % 8 == 0) healthy_peer->send("tick");
  }
  ASSERT_TRUE(eventually([&] { return recorder.closes(stuck_peer->id()) == 1; }));
  healthy_peer->send("after");
  ASSERT_TRUE(eventually([&] {
    const auto got = inbox.copy();
    return !got.empty() && got.back() == "after";
  }));
  EXPECT_EQ(recorder.closes(healthy_peer->id()), 0);
  ASSERT_TRUE(healthy.send("still there").ok());
  ASSERT_TRUE(eventually([&] { return inbox.copy().back() == "echo:still there"; }));
}

TEST(WsServer, AThrowingHandlerClosesOnlyItsPeer) {
  Recorder recorder([](const std::shared_ptr<WsPeer>& peer, const std::string& text) {
    if (text == "boom") throw std::runtime_error("handler bug");
    echo(peer, text);
  });
  HttpServer server(ephemeral(), plain_routes, recorder.handler());
  const auto port = server.start();
  ASSERT_TRUE(port.ok());
  RawClient bad;
  RawClient good;
  ASSERT_FALSE(bad.connect(*port, "/ws/bad"));
  ASSERT_FALSE(good.connect(*port, "/ws/good"));
  ASSERT_FALSE(bad.write("boom"));
  EXPECT_EQ(bad.read().second, websocket::error::closed);
  ASSERT_FALSE(good.write("fine"));
  EXPECT_EQ(good.read().first, "echo:fine");
  ASSERT_TRUE(eventually([&] { return recorder.total_closes() == 1; }));
}

}  // namespace
}  // namespace polycopy::service
