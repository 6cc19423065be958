// CLOB L2 batch endpoints over a real loopback socket: POST /orders (array of envelopes, one
// answer per order, never re-sent), DELETE /cancel-market-orders and POST /v1/heartbeats. The
// server recomputes every HMAC over the raw body it received and the path without the query.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "polymarket/auth/l2_auth.hpp"
#include "polymarket/clients/clob_trading_client.hpp"
#include "polymarket/clients_http_server.hpp"
#include "polymarket/clients_support.hpp"

namespace polycopy::polymarket {
namespace {

using testing::LoopbackHttpServer;
using testing::Reply;
using testing::SeenRequest;

constexpr const char* kAddress = "0xa3D82Ed56F4c68d2328Fb8c29e568Ba2cAF7d7c8";
constexpr const char* kSecret = "ZXhhbXBsZS1zZWNyZXQtZm9yLWRvY3MtMDEyMzQ1Njc=";
constexpr const char* kMarket =
    "0xdd22472e552920b8438158ea7238bfadfa4f736aa4cee91a6b86c39ead110917";

std::string envelope(int salt) {
  return R"({"deferExec":false,"postOnly":false,"order":{"salt":)" + std::to_string(salt) +
         R"(,"maker":"0xa3D82Ed56F4c68d2328Fb8c29e568Ba2cAF7d7c8","signer":"0xa3D82Ed56F4c68d2328Fb8c29e568Ba2cAF7d7c8","tokenId":"123","makerAmount":"5000000","takerAmount":"10000000","side":"BUY","signatureType":0,"timestamp":"1760000000000","expiration":"0","metadata":"0x0000000000000000000000000000000000000000000000000000000000000000","builder":"0x0000000000000000000000000000000000000000000000000000000000000000","signature":"0x1b"},"owner":"key-1","orderType":"GTC"})";
}

L2Identity identity() {
  return L2Identity{kAddress, ApiCredentials{"key-1", kSecret, "pass-1"}};
}

// "" when the L2 headers are what the venue would accept.
std::string l2_problem(const SeenRequest& r) {
  if (r.header("poly_address") != kAddress) return "address";
  if (r.header("poly_api_key") != "key-1") return "api key";
  if (r.header("poly_passphrase") != "pass-1") return "passphrase";
  L2Request req;
  req.timestamp_s = std::stoull(r.header("poly_timestamp"));
  req.method = r.method;
  req.path = r.path;
  if (!r.body.empty()) req.body = r.body;
  auto expected = l2_signature(kSecret, req);
  if (!expected || *expected != r.header("poly_signature")) return "signature";
  return "";
}

Reply guarded(const SeenRequest& r, Reply ok) {
  if (!l2_problem(r).empty()) return {401, R"({"error":"Unauthorized/Invalid api key"})"};
  return ok;
}

TEST(ClientsClobBatch, PostOrdersSendsOneSignedArrayAndParsesEachAnswer) {
  LoopbackHttpServer server([](const SeenRequest& r) {
    return guarded(
        r,
        {200,
         "[" + test::fixture("clob_order_post/ccxt_post_order_live_success.json") +
             R"(,{"success":false,"errorMsg":"order is invalid. Price breaks minimum tick size rules","orderID":"","status":""}])"});
  });
  auto http = testing::make_http();
  ClobTradingClient clob(*http, server.base_url(), identity());
  auto placed = clob.post_orders_body({envelope(1), envelope(2)});
  ASSERT_TRUE(placed) << placed.error().to_string();
  ASSERT_EQ(placed->size(), 2u);
  EXPECT_TRUE((*placed)[0].success);
  EXPECT_EQ((*placed)[0].status, "live");
  EXPECT_FALSE((*placed)[1].success);
  EXPECT_EQ((*placed)[1].error_code, "INVALID_ORDER_MIN_TICK_SIZE");
  const auto seen = server.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].method, "POST");
  EXPECT_EQ(seen[0].path, "/orders");
  EXPECT_EQ(seen[0].query, "");
  EXPECT_EQ(seen[0].body, "[" + envelope(1) + "," + envelope(2) + "]");
  EXPECT_EQ(l2_problem(seen[0]), "");
}

TEST(ClientsClobBatch, BatchSizeIsCheckedBeforeSending) {
  LoopbackHttpServer server([](const SeenRequest&) { return Reply{200, "[]"}; });
  auto http = testing::make_http();
  ClobTradingClient clob(*http, server.base_url(), identity());
  auto empty = clob.post_orders_body({});
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, "invalid_argument");
  std::vector<std::string> sixteen(kMaxBatchOrders + 1, envelope(1));
  auto too_many = clob.post_orders_body(sixteen);
  ASSERT_FALSE(too_many);
  EXPECT_EQ(too_many.error().code, "invalid_argument");
  EXPECT_EQ(server.count(), 0);
}

TEST(ClientsClobBatch, LostOr5xxBatchIsUnknownOutcomeAndNotResent) {
  LoopbackHttpServer dropper([](const SeenRequest&) {
    Reply r;
    r.drop = true;
    return r;
  });
  LoopbackHttpServer failing([](const SeenRequest&) {
    return Reply{500, R"({"error":"could not run the execution"})"};
  });
  auto http = testing::make_http();
  ClobTradingClient lost(*http, dropper.base_url(), identity());
  ClobTradingClient broken(*http, failing.base_url(), identity());
  auto a = lost.post_orders_body({envelope(1), envelope(2)});
  auto b = broken.post_orders_body({envelope(1)});
  ASSERT_FALSE(a);
  ASSERT_FALSE(b);
  EXPECT_EQ(a.error().code, "unknown_outcome");
  EXPECT_EQ(b.error().code, "unknown_outcome");
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(dropper.count("POST", "/orders"), 1);
  EXPECT_EQ(failing.count("POST", "/orders"), 1);
}

TEST(ClientsClobBatch, RefusedBatchGivesTheVenueCode) {
  LoopbackHttpServer server([](const SeenRequest& r) {
    return guarded(r, {400, R"({"error":"Invalid payload"})"});
  });
  auto http = testing::make_http();
  ClobTradingClient clob(*http, server.base_url(), identity());
  auto placed = clob.post_orders_body({envelope(1)});
  ASSERT_FALSE(placed);
  EXPECT_EQ(placed.error().code, "bad_request");
  EXPECT_EQ(placed.error().message, "Invalid payload");
}

TEST(ClientsClobBatch, CancelMarketOrdersSendsMarketAndAsset) {
  LoopbackHttpServer server([](const SeenRequest& r) {
    return guarded(r, {200, R"({"canceled":["0x01","0x02"],"not_canceled":{}})"});
  });
  auto http = testing::make_http();
  ClobTradingClient clob(*http, server.base_url(), identity());
  CancelMarketRequest both;
  both.market = kMarket;
  both.asset_id = "123";
  auto cancel = clob.cancel_market_orders(both);
  ASSERT_TRUE(cancel) << cancel.error().to_string();
  EXPECT_EQ(cancel->canceled.size(), 2u);
  CancelMarketRequest asset_only;
  asset_only.asset_id = "123";
  ASSERT_TRUE(clob.cancel_market_orders(asset_only));
  auto neither = clob.cancel_market_orders({});
  ASSERT_FALSE(neither);
  EXPECT_EQ(neither.error().code, "invalid_argument");
  const auto seen = server.requests();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].method, "DELETE");
  EXPECT_EQ(seen[0].path, "/cancel-market-orders");
  EXPECT_EQ(seen[0].body, std::string(R"({"market":")") + kMarket + R"(","asset_id":"123"})");
  EXPECT_EQ(seen[1].body, R"({"asset_id":"123"})");
  for (const auto& r : seen) EXPECT_EQ(l2_problem(r), "");
}

TEST(ClientsClobBatch, CancelMarketOrdersWithAWrongSecretIsUnauthorized) {
  LoopbackHttpServer server([](const SeenRequest& r) { return guarded(r, {200, "{}"}); });
  auto http = testing::make_http();
  L2Identity wrong = identity();
  wrong.credentials.secret = "d3Jvbmctc2VjcmV0";
  ClobTradingClient clob(*http, server.base_url(), wrong);
  CancelMarketRequest request;
  request.market = kMarket;
  auto cancel = clob.cancel_market_orders(request);
  ASSERT_FALSE(cancel);
  EXPECT_EQ(cancel.error().code, "unauthorized");
  EXPECT_EQ(server.count("DELETE", "/cancel-market-orders"), 1);
}

TEST(ClientsClobBatch, HeartbeatSendsTheIdAndReadsTheAnswer) {
  LoopbackHttpServer server([](const SeenRequest& r) {
    if (r.body == R"({"heartbeat_id":"hb-bad"})")
      return guarded(r, {200, R"({"heartbeat_id":"hb-bad","error_msg":"unknown heartbeat"})"});
    return guarded(r, {200, R"({"heartbeat_id":"hb-2"})"});
  });
  auto http = testing::make_http();
  ClobTradingClient clob(*http, server.base_url(), identity());
  auto beat = clob.heartbeat("hb-1");
  ASSERT_TRUE(beat) << beat.error().to_string();
  EXPECT_EQ(beat->heartbeat_id, "hb-2");
  EXPECT_FALSE(beat->error_msg);
  auto bad = clob.heartbeat("hb-bad");
  ASSERT_TRUE(bad) << bad.error().to_string();
  EXPECT_EQ(bad->error_msg, "unknown heartbeat");
  const auto seen = server.requests();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].method, "POST");
  EXPECT_EQ(seen[0].path, "/v1/heartbeats");
  EXPECT_EQ(seen[0].body, R"({"heartbeat_id":"hb-1"})");
  for (const auto& r : seen) EXPECT_EQ(l2_problem(r), "");
}

TEST(ClientsClobBatch, HeartbeatWithoutAnIdIsAPayloadError) {
  LoopbackHttpServer server([](const SeenRequest& r) { return guarded(r, {200, "{}"}); });
  auto http = testing::make_http();
  ClobTradingClient clob(*http, server.base_url(), identity());
  auto beat = clob.heartbeat("hb-1");
  ASSERT_FALSE(beat);
  EXPECT_EQ(beat.error().code, "missing_field");
}

}  // namespace
}  // namespace polycopy::polymarket
