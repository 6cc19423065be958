// WsClient against a loopback Beast websocket server, with millisecond intervals so each
// test takes a fraction of a second.
#include "net/ws_client.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "net/ws_test_server.hpp"

namespace polycopy::net {
namespace {

using std::chrono::milliseconds;
using testing::eventually;
using testing::WsTestServer;

const std::string kSubscribe = R"({"assets_ids":["123"],"type":"market"})";

WsOptions fast_options(const std::string& url) {
  WsOptions options;
  options.url = url;
  options.subscriptions = {kSubscribe};
  options.ping_interval = milliseconds(30);
  options.idle_timeout = milliseconds(1000);
  options.connect_timeout = milliseconds(1000);
  options.reconnect = BackoffPolicy{milliseconds(10), milliseconds(50), 2.0, 0.5};
  options.jitter_seed = 7;
  return options;
}

struct Inbox {
  std::mutex mutex;
  std::vector<std::string> messages;
  std::vector<bool> transitions;
  WsClient::MessageHandler handler() {
    return [this](const std::string& text) {
      std::lock_guard lock(mutex);
      messages.push_back(text);
    };
  }
  WsClient::ConnectionHandler connection() {
    return [this](bool up) {
      std::lock_guard lock(mutex);
      transitions.push_back(up);
    };
  }
  std::size_t size() {
    std::lock_guard lock(mutex);
    return messages.size();
  }
};

TEST(WsClient, SubscribesPingsAndDeliversMessagesButNotPongs) {
  WsTestServer server;
  Inbox inbox;
  core::ManualClock clock(core::from_unix_ms(1'000));
  WsClient client(fast_options(server.url("/ws/market?x=1")), inbox.handler(), inbox.connection(),
                  &clock);
  ASSERT_TRUE(client.start().ok());
  ASSERT_TRUE(eventually([&] { return server.received(0).size() >= 3; }));
  const auto received = server.received(0);
  EXPECT_EQ(received.at(0), kSubscribe);  // the subscription comes first
  EXPECT_EQ(received.at(1), "PING");
  EXPECT_EQ(server.targets().at(0), "/ws/market?x=1");
  ASSERT_TRUE(eventually([&] { return client.stats().pongs >= 1; }));

  server.send_to_all(R"([{"event_type":"book"}])");
  ASSERT_TRUE(eventually([&] { return inbox.size() == 1; }));
  {
    std::lock_guard lock(inbox.mutex);
    EXPECT_EQ(inbox.messages.at(0), R"([{"event_type":"book"}])");
  }
  ASSERT_TRUE(client.send(R"({"operation":"subscribe"})").ok());
  ASSERT_TRUE(eventually([&] {
    const auto got = server.received(0);
    return std::find(got.begin(), got.end(), R"({"operation":"subscribe"})") != got.end();
  }));
  const auto stats = client.stats();
  EXPECT_TRUE(stats.connected);
  EXPECT_EQ(stats.connects, 1u);
  EXPECT_EQ(stats.reconnects, 0u);
  EXPECT_EQ(stats.messages, 1u);
  EXPECT_GE(stats.pings_sent, 1u);
  EXPECT_EQ(stats.last_message_at, core::from_unix_ms(1'000));
  client.stop();
  EXPECT_FALSE(client.stats().connected);
  std::lock_guard lock(inbox.mutex);
  EXPECT_EQ(inbox.transitions, std::vector<bool>{true});
}

TEST(WsClient, ReconnectsAndResubscribesWhenTheServerDrops) {
  WsTestServer server;
  Inbox inbox;
  WsClient client(fast_options(server.url()), inbox.handler(), inbox.connection());
  ASSERT_TRUE(client.start().ok());
  ASSERT_TRUE(eventually([&] { return !server.received(0).empty(); }));
  client.set_subscriptions({kSubscribe, R"({"assets_ids":["456"],"type":"market"})"});
  server.drop_all();
  ASSERT_TRUE(eventually([&] { return server.received(1).size() >= 2; }));
  EXPECT_EQ(server.received(1).at(0), kSubscribe);
  EXPECT_EQ(server.received(1).at(1), R"({"assets_ids":["456"],"type":"market"})");
  ASSERT_TRUE(eventually([&] { return client.stats().connected; }));
  const auto stats = client.stats();
  EXPECT_EQ(stats.connects, 2u);
  EXPECT_EQ(stats.reconnects, 1u);
  EXPECT_EQ(stats.disconnects, 1u);
  EXPECT_EQ(stats.dead_detections, 0u);
  client.stop();
  std::lock_guard lock(inbox.mutex);
  EXPECT_EQ(inbox.transitions, (std::vector<bool>{true, false, true}));
}

TEST(WsClient, ASilentServerIsDeadAndIsReplaced) {
  WsTestServer server;
  server.set_answer_pings(false);
  Inbox inbox;
  auto options = fast_options(server.url());
  options.idle_timeout = milliseconds(150);
  WsClient client(options, inbox.handler());
  ASSERT_TRUE(client.start().ok());
  ASSERT_TRUE(eventually([&] { return !server.received(1).empty(); }));
  EXPECT_EQ(server.received(1).at(0), kSubscribe);
  const auto stats = client.stats();
  EXPECT_GE(stats.dead_detections, 1u);
  EXPECT_GE(stats.reconnects, 1u);
}

TEST(WsClient, MessagesKeepAConnectionAliveWithoutPongs) {
  WsTestServer server;
  server.set_answer_pings(false);
  auto options = fast_options(server.url());
  options.idle_timeout = milliseconds(200);
  Inbox inbox;
  WsClient client(options, inbox.handler());
  ASSERT_TRUE(client.start().ok());
  ASSERT_TRUE(eventually([&] { return client.stats().connected; }));
  for (int i = 0; i < 12; ++i) {
    server.send_to_all("tick");
    std::this_thread::sleep_for(milliseconds(50));
  }
  EXPECT_EQ(server.connections(), 1);
  EXPECT_EQ(client.stats().dead_detections, 0u);
}

TEST(WsClient, KeepsRetryingWithBackoffWhileNothingListens) {
  // A port with nothing behind it: every attempt is refused, with backoff between.
  std::uint16_t port = 0;
  {
    WsTestServer probe;
    port = static_cast<std::uint16_t>(std::stoi(probe.url("").substr(15)));
  }
  Inbox inbox;
  WsClient client(fast_options("ws://127.0.0.1:" + std::to_string(port) + "/ws"), inbox.handler());
  ASSERT_TRUE(client.start().ok());
  ASSERT_TRUE(eventually([&] { return client.stats().connect_failures >= 3; }));
  EXPECT_FALSE(client.stats().connected);
  EXPECT_EQ(client.send("x").error().code, "not_connected");
}

TEST(WsClient, StopIsPromptFromAnyThreadAndIdempotent) {
  WsTestServer server;
  Inbox inbox;
  auto options = fast_options(server.url());
  options.ping_interval = milliseconds(10'000);
  options.idle_timeout = milliseconds(60'000);
  WsClient client(options, inbox.handler());
  ASSERT_TRUE(client.start().ok());
  ASSERT_TRUE(eventually([&] { return client.stats().connected; }));
  const auto started = std::chrono::steady_clock::now();
  std::thread other([&] { client.stop(); });
  client.stop();
  other.join();
  EXPECT_LT(std::chrono::steady_clock::now() - started, milliseconds(1000));
  client.stop();
  EXPECT_EQ(client.start().error().code, "already_started");
}

TEST(WsClient, StopFromInsideTheMessageHandler) {
  WsTestServer server;
  std::atomic<bool> stopped{false};
  std::unique_ptr<WsClient> client;
  client = std::make_unique<WsClient>(fast_options(server.url()), [&](const std::string&) {
    client->stop();
    stopped = true;
  });
  ASSERT_TRUE(client->start().ok());
  ASSERT_TRUE(eventually([&] { return client->stats().connected; }));
  server.send_to_all("bye");
  ASSERT_TRUE(eventually([&] { return stopped.load(); }));
  client.reset();  // joins the io thread, which has finished
}

TEST(WsClient, StopWhileReconnectingIsPrompt) {
  Inbox inbox;
  auto options = fast_options("ws://127.0.0.1:1/ws");
  options.reconnect = BackoffPolicy{milliseconds(60'000), milliseconds(60'000), 2.0, 0.0};
  WsClient client(options, inbox.handler());
  ASSERT_TRUE(client.start().ok());
  ASSERT_TRUE(eventually([&] { return client.stats().connect_failures >= 1; }));
  const auto started = std::chrono::steady_clock::now();
  client.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - started, milliseconds(500));
}

TEST(WsClient, RefusesNonWebsocketUrls) {
  Inbox inbox;
  WsClient http(fast_options("http://127.0.0.1:1/"), inbox.handler());
  EXPECT_EQ(http.start().error().code, "invalid_url");
  WsClient junk(fast_options("nonsense"), inbox.handler());
  EXPECT_EQ(junk.start().error().code, "invalid_url");
}

}  // namespace
}  // namespace polycopy::net
