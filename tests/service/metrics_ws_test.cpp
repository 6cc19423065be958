// The websocket reconnect counter: a real net::WsClient against the service's own websocket
// endpoint, whose first connection the server drops; the client's reconnect hook is the
// registry's, as the app wires it.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "net/ws_client.hpp"
#include "service/http_server.hpp"
#include "service/http_types.hpp"
#include "service/metrics_exposition.hpp"
#include "service/metrics_registry.hpp"
#include "service/metrics_test_support.hpp"
#include "service/ws_server.hpp"
#include "store/store.hpp"

namespace polycopy::testing {
namespace {

// The scrape of the registry beside an empty (unmigrated) store: the counters alone.
Scrape counters(const service::MetricsRegistry& registry) {
  auto opened = store::open_sqlite_store(":memory:");
  EXPECT_TRUE(opened.ok());
  core::ManualClock clock;
  return Scrape(service::render_metrics(**opened, clock, &registry));
}

template <class Predicate>
bool wait_for(Predicate done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

TEST(MetricsWs, ADroppedConnectionCountsOneReconnectOfItsStream) {
  std::atomic<int> opened{0};
  service::WsHandler ws;
  ws.accept = [](const service::HttpRequest& request) { return request.path == "/ws/user"; };
  // The first connection is dropped by the server; the next ones stay.
  ws.on_open = [&opened](const std::shared_ptr<service::WsPeer>& peer,
                         const service::HttpRequest&) {
    if (++opened == 1) peer->close();
  };
  service::ServerOptions options;
  options.port = 0;
  options.log_requests = false;
  service::HttpServer server(
      options, [](const service::HttpRequest&) { return service::HttpResponse{}; }, ws);
  const auto port = server.start();
  ASSERT_TRUE(port.ok()) << port.error().to_string();

  service::MetricsRegistry registry;
  EXPECT_EQ(counters(registry).value("polycopy_ws_reconnects_total", {{"stream", "user"}}), 0);
  net::WsOptions client_options;
  client_options.url = "ws://127.0.0.1:" + std::to_string(*port) + "/ws/user";
  client_options.ping_interval = std::chrono::milliseconds(0);
  client_options.reconnect =
      net::BackoffPolicy{std::chrono::milliseconds(20), std::chrono::milliseconds(50), 2.0, 0.0};
  client_options.on_reconnect = registry.ws_reconnect_hook("user");
  net::WsClient client(client_options, [](const std::string&) {});
  ASSERT_TRUE(client.start().ok());
  ASSERT_TRUE(wait_for([&] { return client.stats().reconnects >= 1 && opened >= 2; }))
      << "connects " << client.stats().connects;
  // Stay connected a moment: no further reconnect may be counted.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  client.stop();

  const Scrape s = counters(registry);
  EXPECT_EQ(client.stats().reconnects, 1u);
  EXPECT_EQ(s.value("polycopy_ws_reconnects_total", {{"stream", "user"}}), 1);
  EXPECT_EQ(s.value("polycopy_ws_reconnects_total", {{"stream", "market"}}), 0);
}

}  // namespace
}  // namespace polycopy::testing
