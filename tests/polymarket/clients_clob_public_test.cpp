// CLOB public market data over a real loopback socket: paths, query parameters, parsing of
// fixture payloads, venue error bodies, retries of GETs on 429/5xx.
#include <gtest/gtest.h>

#include <atomic>

#include "polymarket/clients/clob_public_client.hpp"
#include "polymarket/clients_http_server.hpp"
#include "polymarket/clients_support.hpp"

namespace polycopy::polymarket {
namespace {

using testing::LoopbackHttpServer;
using testing::Reply;
using testing::SeenRequest;

constexpr const char* kToken =
    "21742633143463906290569050155826241533067272736897614950488156847949938836455";

Reply serve_public(const SeenRequest& r) {
  if (r.path == "/book") return {200, test::fixture("clob_book/nautilus_clob_book_2024_10.json")};
  if (r.path == "/price") return {200, test::fixture("clob_price/verified_price_side_019.json")};
  if (r.path == "/midpoint") return {200, test::fixture("clob_price/verified_midpoint_0195.json")};
  if (r.path == "/spread") return {200, test::fixture("clob_price/verified_spread_001.json")};
  if (r.path == "/tick-size") return {200, R"({"minimum_tick_size": 0.01})"};
  if (r.path == "/neg-risk") return {200, R"({"neg_risk": true})"};
  if (r.path == "/time") return {200, "1760000123"};
  if (r.path == "/version") return {200, R"({"version": 2})"};
  if (r.path.rfind("/markets/", 0) == 0)
    return {200, test::fixture("clob_market/nautilus_clob_market_trump2024_negrisk.json")};
  return {404, R"({"error":"not here"})"};
}

TEST(ClientsClobPublic, MarketDataPathsQueriesAndTypes) {
  LoopbackHttpServer server(serve_public);
  auto http = testing::make_http();
  ClobPublicClient clob(*http, server.base_url());

  auto book = clob.book(kToken);
  ASSERT_TRUE(book) << book.error().to_string();
  EXPECT_FALSE(book->bids.empty());
  auto price = clob.price(kToken, parse::TradeSide::sell);
  ASSERT_TRUE(price) << price.error().to_string();
  EXPECT_EQ(price->value.micros(), 190'000);
  EXPECT_EQ(clob.midpoint(kToken)->value.micros(), 195'000);
  EXPECT_EQ(clob.spread(kToken)->value.micros(), 10'000);
  EXPECT_EQ(clob.tick_size(kToken)->micros(), 10'000);
  EXPECT_TRUE(*clob.neg_risk(kToken));
  EXPECT_EQ(*clob.server_time(), 1760000123);
  EXPECT_EQ(*clob.version(), 2);
  auto market = clob.market("0xdd22472e552920b8438158ea7238bfadfa4f736aa4cee91a6b86c39ead110917");
  ASSERT_TRUE(market) << market.error().to_string();
  EXPECT_EQ(market->tokens.size(), 2u);

  const auto seen = server.requests();
  ASSERT_EQ(seen.size(), 9u);
  EXPECT_EQ(seen[0].target, std::string("/book?token_id=") + kToken);
  EXPECT_EQ(seen[1].path, "/price");
  EXPECT_EQ(seen[1].param("token_id"), kToken);
  EXPECT_EQ(seen[1].param("side"), "SELL");
  EXPECT_EQ(seen[4].path, "/tick-size");
  EXPECT_EQ(seen[5].path, "/neg-risk");
  EXPECT_EQ(seen[8].path,
            "/markets/0xdd22472e552920b8438158ea7238bfadfa4f736aa4cee91a6b86c39ead110917");
  for (const auto& r : seen) EXPECT_EQ(r.method, "GET");
}

TEST(ClientsClobPublic, VenueErrorBodyKeepsMessageAndCode) {
  LoopbackHttpServer server([](const SeenRequest&) {
    return Reply{404, R"({"error":"No orderbook exists for the requested token id"})"};
  });
  auto http = testing::make_http();
  ClobPublicClient clob(*http, server.base_url());
  auto book = clob.book("1");
  ASSERT_FALSE(book);
  EXPECT_EQ(book.error().code, "not_found");
  EXPECT_EQ(book.error().message, "No orderbook exists for the requested token id");
  EXPECT_EQ(server.count(), 1);  // 404 is final
}

TEST(ClientsClobPublic, GetsAreRetriedOn429And5xx) {
  std::atomic<int> n{0};
  LoopbackHttpServer server([&](const SeenRequest& r) {
    const int i = n++;
    if (i == 0) return Reply{429, R"({"error":"Too Many Requests"})"};
    if (i == 1) return Reply{502, "bad gateway"};
    return serve_public(r);
  });
  auto http = testing::make_http();
  ClobPublicClient clob(*http, server.base_url());
  auto mid = clob.midpoint(kToken);
  ASSERT_TRUE(mid) << mid.error().to_string();
  EXPECT_EQ(server.count("GET", "/midpoint"), 3);
}

TEST(ClientsClobPublic, GetsAreRetriedAfterATimeout) {
  std::atomic<int> n{0};
  LoopbackHttpServer server([&](const SeenRequest& r) {
    Reply reply = serve_public(r);
    if (n++ == 0) reply.delay = std::chrono::milliseconds(500);
    return reply;
  });
  auto http = testing::make_http(std::chrono::milliseconds(200));
  ClobPublicClient clob(*http, server.base_url());
  auto spread = clob.spread(kToken);
  ASSERT_TRUE(spread) << spread.error().to_string();
  EXPECT_EQ(server.count("GET", "/spread"), 2);
}

TEST(ClientsClobPublic, RetriesExhaustedGiveTheStatusCode) {
  LoopbackHttpServer server([](const SeenRequest&) {
    return Reply{503,
                 R"({"error":"Trading is currently disabled. Check polymarket.com for updates"})"};
  });
  auto http = testing::make_http();
  ClobPublicClient clob(*http, server.base_url());
  auto v = clob.version();
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().code, "trading_disabled");
  EXPECT_EQ(server.count(), 3);
}

TEST(ClientsClobPublic, ParseErrorsComeFromTheParsers) {
  LoopbackHttpServer server([](const SeenRequest&) { return Reply{200, R"({"bids": 3)"}; });
  auto http = testing::make_http();
  ClobPublicClient clob(*http, server.base_url());
  auto book = clob.book("1");
  ASSERT_FALSE(book);
  EXPECT_EQ(book.error().code, "invalid_json");
}

TEST(ClientsClobPublic, MarketsPageFollowsTheCursor) {
  LoopbackHttpServer server([](const SeenRequest&) {
    const std::string market =
        test::fixture("clob_market/nautilus_clob_market_trump2024_negrisk.json");
    return Reply{200, R"({"limit":1,"count":1,"next_cursor":"LTE=","data":[)" + market + "]}"};
  });
  auto http = testing::make_http();
  ClobPublicClient clob(*http, server.base_url());
  auto page = clob.markets_page();
  ASSERT_TRUE(page) << page.error().to_string();
  EXPECT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->next_cursor, kEndCursor);
  EXPECT_EQ(server.requests()[0].target, "/markets?next_cursor=MA%3D%3D");
}

}  // namespace
}  // namespace polycopy::polymarket
