// Market and user channels against a loopback websocket server: the exact subscription
// frames, typed events from fixture frames, add/remove while running, and re-subscription
// with the full current list after the server drops the connection.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>

#include <nlohmann/json.hpp>

#include "polymarket/clients/ws_market_channel.hpp"
#include "polymarket/clients/ws_subscriptions.hpp"
#include "polymarket/clients/ws_user_channel.hpp"
#include "polymarket/clients_ws_server.hpp"
#include "polymarket/parse/payload.hpp"
#include "polymarket/parse_fixtures.hpp"

namespace polycopy::polymarket {
namespace {

using testing::WsTestServer;

net::WsOptions fast_ws(std::string url) {
  net::WsOptions ws;
  ws.url = std::move(url);
  ws.ping_interval = std::chrono::milliseconds(200);
  ws.idle_timeout = std::chrono::milliseconds(0);
  ws.connect_timeout = std::chrono::milliseconds(1'000);
  ws.reconnect =
      net::BackoffPolicy{std::chrono::milliseconds(20), std::chrono::milliseconds(50), 2.0, 0.0};
  return ws;
}

TEST(ClientsWs, SubscriptionFramesHaveTheDocumentedShapes) {
  EXPECT_EQ(market_subscription({"1", "2"}),
            R"({"assets_ids":["1","2"],"type":"market","custom_feature_enabled":true})");
  EXPECT_EQ(market_operation({"3"}, true), R"({"assets_ids":["3"],"operation":"subscribe"})");
  EXPECT_EQ(market_operation({"3"}, false), R"({"assets_ids":["3"],"operation":"unsubscribe"})");
  EXPECT_EQ(
      user_subscription(ApiCredentials{"k", "s", "p"}, {"0xc"}),
      R"({"auth":{"apiKey":"k","secret":"s","passphrase":"p"},"markets":["0xc"],"type":"user"})");
  EXPECT_EQ(user_operation({"0xd"}, true), R"({"markets":["0xd"],"operation":"subscribe"})");
}

TEST(ClientsWs, MarketChannelTypedEventsAndResubscribe) {
  const std::string books = test::fixture("ws_market/polyoxide_live_initial_book_frame_array.json");
  const std::string trade = test::fixture("ws_market/nautilus_ws_last_trade_price.json");
  const auto parsed_books = parse::parse_ws_market(books).value();
  ASSERT_FALSE(parsed_books.items.empty());
  const std::string book_token = parsed_books.items[0].book->token_id.to_decimal();
  const std::string trade_token =
      parse::parse_ws_market(trade).value().items[0].token_id->to_decimal();

  WsTestServer server;
  std::mutex mutex;
  std::vector<std::string> book_tokens;
  std::atomic<int> last_trades{0}, connected{0};
  MarketChannelHandlers handlers;
  handlers.on_book = [&](const parse::OrderBook& b) {
    std::lock_guard lock(mutex);
    book_tokens.push_back(b.token_id.to_decimal());
  };
  handlers.on_last_trade_price = [&](const parse::WsMarketEvent& e) {
    if (e.price) ++last_trades;
  };
  handlers.on_connection = [&](bool up) {
    if (up) ++connected;
  };
  MarketChannelOptions options;
  options.ws = fast_ws(server.url("/ws/market"));
  options.asset_ids = {book_token};
  MarketChannel channel(options, handlers);
  ASSERT_TRUE(channel.start());

  ASSERT_TRUE(WsTestServer::wait_for([&] { return server.received().size() == 1; }));
  EXPECT_EQ(server.received()[0], market_subscription({book_token}));

  server.send(books);
  server.send(trade);  // not subscribed yet: dropped
  ASSERT_TRUE(WsTestServer::wait_for([&] {
    std::lock_guard lock(mutex);
    return !book_tokens.empty();
  }));
  {
    std::lock_guard lock(mutex);
    for (const auto& t : book_tokens) EXPECT_EQ(t, book_token);
  }

  channel.subscribe({trade_token});
  ASSERT_TRUE(WsTestServer::wait_for([&] { return server.received().size() == 2; }));
  EXPECT_EQ(server.received()[1], market_operation({trade_token}, true));
  server.send(trade);
  ASSERT_TRUE(WsTestServer::wait_for([&] { return last_trades.load() == 1; }));

  server.drop();
  ASSERT_TRUE(WsTestServer::wait_for([&] { return server.connections() == 2; }));
  ASSERT_TRUE(WsTestServer::wait_for([&] { return server.received().size() == 3; }));
  EXPECT_EQ(server.received()[2], market_subscription({book_token, trade_token}));
  EXPECT_TRUE(WsTestServer::wait_for([&] { return connected.load() == 2; }));

  channel.unsubscribe({book_token});
  ASSERT_TRUE(WsTestServer::wait_for([&] { return server.received().size() == 4; }));
  EXPECT_EQ(server.received()[3], market_operation({book_token}, false));
  EXPECT_EQ(channel.asset_ids(), std::vector<std::string>{trade_token});
  channel.stop();
}

TEST(ClientsWs, UserChannelAuthenticatesAndDeliversOrdersAndTrades) {
  WsTestServer server;
  std::atomic<int> orders{0}, trades{0}, errors{0};
  std::string order_type, trade_status;
  std::mutex mutex;
  UserChannelHandlers handlers;
  handlers.on_order = [&](const parse::WsUserOrder& o) {
    std::lock_guard lock(mutex);
    order_type = o.type;
    ++orders;
  };
  handlers.on_trade = [&](const parse::ClobTrade& t) {
    std::lock_guard lock(mutex);
    trade_status = t.status;
    ++trades;
  };
  handlers.on_parse_error = [&](const core::Error&) { ++errors; };
  UserChannelOptions options;
  options.ws = fast_ws(server.url("/ws/user"));
  options.credentials = ApiCredentials{"key-1", "c2VjcmV0", "pass-1"};
  options.markets = {"0xdd22472e552920b8438158ea7238bfadfa4f736aa4cee91a6b86c39ead110917"};
  UserChannel channel(options, handlers);
  ASSERT_TRUE(channel.start());

  ASSERT_TRUE(WsTestServer::wait_for([&] { return server.received().size() == 1; }));
  const auto sub = nlohmann::json::parse(server.received()[0]);
  EXPECT_EQ(sub["type"], "user");
  EXPECT_EQ(sub["auth"]["apiKey"], "key-1");
  EXPECT_EQ(sub["auth"]["secret"], "c2VjcmV0");
  EXPECT_EQ(sub["auth"]["passphrase"], "pass-1");
  EXPECT_EQ(sub["markets"][0], options.markets[0]);

  server.send(test::fixture("ws_user/nautilus_ws_user_order_placement.json"));
  server.send(test::fixture("ws_user/nautilus_ws_user_trade_multi_maker.json"));
  server.send("not json");
  ASSERT_TRUE(WsTestServer::wait_for(
      [&] { return orders.load() == 1 && trades.load() == 1 && errors.load() == 1; }));
  {
    std::lock_guard lock(mutex);
    EXPECT_EQ(order_type, "PLACEMENT");
    EXPECT_FALSE(trade_status.empty());
  }

  channel.subscribe({"0x5f65177b394277fd294cd75650044e32ba009a95022d88a0c1d565897d72f8f1"});
  ASSERT_TRUE(WsTestServer::wait_for([&] { return server.received().size() == 2; }));
  server.drop();
  ASSERT_TRUE(WsTestServer::wait_for([&] { return server.received().size() == 3; }));
  const auto again = nlohmann::json::parse(server.received()[2]);
  EXPECT_EQ(again["markets"].size(), 2u);
  EXPECT_EQ(again["auth"]["apiKey"], "key-1");
  channel.stop();
}

}  // namespace
}  // namespace polycopy::polymarket
