// CLOB L2 endpoints over a real loopback socket. The server recomputes every HMAC with the
// auth functions over the raw body it received and the path without the query; POST /order
// whose answer is lost must give unknown_outcome and reach the server exactly once.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>

#include "chain/private_key.hpp"
#include "polymarket/auth/l2_auth.hpp"
#include "polymarket/clients/clob_trading_client.hpp"
#include "polymarket/clients_http_server.hpp"
#include "polymarket/clients_support.hpp"
#include "polymarket/orders/order_signer.hpp"

namespace polycopy::polymarket {
namespace {

using testing::LoopbackHttpServer;
using testing::Reply;
using testing::SeenRequest;

constexpr const char* kAddress = "0xa3D82Ed56F4c68d2328Fb8c29e568Ba2cAF7d7c8";
constexpr const char* kSecret = "ZXhhbXBsZS1zZWNyZXQtZm9yLWRvY3MtMDEyMzQ1Njc=";
constexpr const char* kOrderBody =
    R"({"deferExec":false,"postOnly":false,"order":{"salt":12345,"maker":"0xa3D82Ed56F4c68d2328Fb8c29e568Ba2cAF7d7c8","signer":"0xa3D82Ed56F4c68d2328Fb8c29e568Ba2cAF7d7c8","tokenId":"123","makerAmount":"5000000","takerAmount":"10000000","side":"BUY","signatureType":0,"timestamp":"1760000000000","expiration":"0","metadata":"0x0000000000000000000000000000000000000000000000000000000000000000","builder":"0x0000000000000000000000000000000000000000000000000000000000000000","signature":"0x1b"},"owner":"key-1","orderType":"GTC"})";

L2Identity identity() {
  return L2Identity{kAddress, ApiCredentials{"key-1", kSecret, "pass-1"}};
}

std::string open_order_json(const std::string& id_suffix) {
  return R"({"id":"0x94f351bb28cfe3d4507a24ffafa528409d6de50235f33e81e8fad12929c1cd)" + id_suffix +
         R"(","status":"LIVE","owner":"key-1","maker_address":"0xa3D82Ed56F4c68d2328Fb8c29e568Ba2cAF7d7c8",)"
         R"("market":"0xdd22472e552920b8438158ea7238bfadfa4f736aa4cee91a6b86c39ead110917",)"
         R"("asset_id":"21742633143463906290569050155826241533067272736897614950488156847949938836455",)"
         R"("side":"BUY","original_size":"100","size_matched":"0","price":"0.513",)"
         R"("associate_trades":[],"outcome":"Yes","created_at":1760000000,"expiration":"0","order_type":"GTC"})";
}

// Checks the L2 headers exactly as the venue would; "" when they are right.
std::string l2_problem(const SeenRequest& r) {
  if (r.header("poly_address") != kAddress) return "address";
  if (r.header("poly_api_key") != "key-1") return "api key";
  if (r.header("poly_passphrase") != "pass-1") return "passphrase";
  L2Request req;
  req.timestamp_s = std::stoull(r.header("poly_timestamp"));
  req.method = r.method;
  req.path = r.path;  // never the query
  if (!r.body.empty()) req.body = r.body;
  auto expected = l2_signature(kSecret, req);
  if (!expected || *expected != r.header("poly_signature")) return "signature";
  return "";
}

Reply guarded(const SeenRequest& r, Reply ok) {
  if (!l2_problem(r).empty()) return {401, R"({"error":"Unauthorized/Invalid api key"})"};
  return ok;
}

TEST(ClientsClobTrading, PostOrderSignsTheExactBodyAndParsesTheAnswer) {
  LoopbackHttpServer server([](const SeenRequest& r) {
    return guarded(r, {200, test::fixture("clob_order_post/ccxt_post_order_live_success.json")});
  });
  auto http = testing::make_http();
  ClobTradingClient clob(*http, server.base_url(), identity());
  auto placed = clob.post_order_body(kOrderBody);
  ASSERT_TRUE(placed) << placed.error().to_string();
  EXPECT_TRUE(placed->success);
  EXPECT_EQ(placed->status, "live");
  const auto seen = server.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].method, "POST");
  EXPECT_EQ(seen[0].path, "/order");
  EXPECT_EQ(seen[0].body, kOrderBody);
  EXPECT_EQ(l2_problem(seen[0]), "");
}

TEST(ClientsClobTrading, PostSignedOrderSendsTheOfficialBodyWithOwner) {
  LoopbackHttpServer server([](const SeenRequest& r) {
    return guarded(r, {200, test::fixture("clob_order_post/ccxt_post_order_live_success.json")});
  });
  const auto key =
      chain::PrivateKey::parse("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")
          .value();
  Order order;
  order.salt = 12345;
  order.maker = WireAddress{key.address(), true};
  order.signer = order.maker;
  order.token_id = chain::Uint256(123);
  order.maker_amount = 5'000'000;
  order.taker_amount = 10'000'000;
  order.timestamp_ms = 1'760'000'000'000;
  const auto signed_order = sign_order(order, key).value();
  auto http = testing::make_http();
  ClobTradingClient clob(*http, server.base_url(), identity());
  PostOptions options;
  options.order_type = OrderType::fok;
  auto placed = clob.post_order(signed_order, options);
  ASSERT_TRUE(placed) << placed.error().to_string();
  options.owner = "key-1";
  const auto seen = server.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].body, post_order_body(signed_order, options));
  EXPECT_NE(seen[0].body.find(R"("owner":"key-1","orderType":"FOK")"), std::string::npos);
  EXPECT_EQ(l2_problem(seen[0]), "");
}

TEST(ClientsClobTrading, VenueRefusalsGiveTheirCodes) {
  std::atomic<int> n{0};
  LoopbackHttpServer server([&](const SeenRequest& r) {
    if (n++ == 0)
      return guarded(
          r, {400,
              test::fixture("clob_order_post/go_post_order_400_not_enough_balance_escaped.json")});
    return guarded(
        r,
        {200,
         R"({"success":false,"errorMsg":"order is invalid. Price breaks minimum tick size rules","orderID":"","status":""})"});
  });
  auto http = testing::make_http();
  ClobTradingClient clob(*http, server.base_url(), identity());
  auto first = clob.post_order_body(kOrderBody);
  ASSERT_FALSE(first);
  EXPECT_EQ(first.error().code, "invalid_order_not_enough_balance");
  EXPECT_NE(first.error().message.find("balance: 16922"), std::string::npos);
  auto second = clob.post_order_body(kOrderBody);
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, "invalid_order_min_tick_size");
  EXPECT_EQ(server.count(), 2);
}

TEST(ClientsClobTrading, BadCredentialsGiveUnauthorized) {
  LoopbackHttpServer server([](const SeenRequest& r) { return guarded(r, {200, "{}"}); });
  auto http = testing::make_http();
  L2Identity wrong = identity();
  wrong.credentials.secret = "d3Jvbmctc2VjcmV0";
  ClobTradingClient clob(*http, server.base_url(), wrong);
  auto orders = clob.open_orders();
  ASSERT_FALSE(orders);
  EXPECT_EQ(orders.error().code, "unauthorized");
  EXPECT_EQ(orders.error().message, "Unauthorized/Invalid api key");
}

TEST(ClientsClobTrading, LostOrderAnswerIsUnknownOutcomeAndNotResent) {
  LoopbackHttpServer server([](const SeenRequest&) {
    Reply r;
    r.drop = true;  // the order may have been taken: close without a word
    return r;
  });
  auto http = testing::make_http();
  ClobTradingClient clob(*http, server.base_url(), identity());
  auto placed = clob.post_order_body(kOrderBody);
  ASSERT_FALSE(placed);
  EXPECT_EQ(placed.error().code, "unknown_outcome");
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(server.count("POST", "/order"), 1);
}

TEST(ClientsClobTrading, SlowOrderAnswerIsUnknownOutcomeAndNotResent) {
  LoopbackHttpServer server([](const SeenRequest&) {
    Reply r{200, test::fixture("clob_order_post/ccxt_post_order_live_success.json")};
    r.delay = std::chrono::milliseconds(600);
    return r;
  });
  auto http = testing::make_http(std::chrono::milliseconds(250));
  ClobTradingClient clob(*http, server.base_url(), identity());
  auto placed = clob.post_order_body(kOrderBody);
  ASSERT_FALSE(placed);
  EXPECT_EQ(placed.error().code, "unknown_outcome");
  EXPECT_EQ(server.count("POST", "/order"), 1);
}

TEST(ClientsClobTrading, OrderAnswered5xxIsUnknownOutcome) {
  LoopbackHttpServer server([](const SeenRequest&) {
    return Reply{500, R"({"error":"could not run the execution"})"};
  });
  auto http = testing::make_http();
  ClobTradingClient clob(*http, server.base_url(), identity());
  auto placed = clob.post_order_body(kOrderBody);
  ASSERT_FALSE(placed);
  EXPECT_EQ(placed.error().code, "unknown_outcome");
  EXPECT_EQ(server.count(), 1);
}

TEST(ClientsClobTrading, CancelSendsOrderIdAndSignsTheBody) {
  LoopbackHttpServer server([](const SeenRequest& r) {
    return guarded(r, {200, test::fixture("other/ccxt_delete_order_cancel_ok.json")});
  });
  auto http = testing::make_http();
  ClobTradingClient clob(*http, server.base_url(), identity());
  const std::string id = "0x94f351bb28cfe3d4507a24ffafa528409d6de50235f33e81e8fad12929c1cd16";
  auto cancel = clob.cancel_order(id);
  ASSERT_TRUE(cancel) << cancel.error().to_string();
  ASSERT_EQ(cancel->canceled.size(), 1u);
  EXPECT_EQ(cancel->canceled[0], id);
  EXPECT_TRUE(cancel->not_canceled.empty());
  const auto seen = server.requests();
  EXPECT_EQ(seen[0].method, "DELETE");
  EXPECT_EQ(seen[0].path, "/order");
  EXPECT_EQ(seen[0].body, R"({"orderID":")" + id + "\"}");
}

TEST(ClientsClobTrading, CancelManyAndAll) {
  LoopbackHttpServer server([](const SeenRequest& r) {
    return guarded(r, {200, R"({"canceled":["0x01"],"not_canceled":{"0x02":"order not found"}})"});
  });
  auto http = testing::make_http();
  ClobTradingClient clob(*http, server.base_url(), identity());
  auto many = clob.cancel_orders({"0x01", "0x02"});
  ASSERT_TRUE(many) << many.error().to_string();
  EXPECT_EQ(many->not_canceled.at("0x02"), "order not found");
  auto all = clob.cancel_all();
  ASSERT_TRUE(all) << all.error().to_string();
  const auto seen = server.requests();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].path, "/orders");
  EXPECT_EQ(seen[0].body, R"(["0x01","0x02"])");
  EXPECT_EQ(seen[1].path, "/cancel-all");
  EXPECT_EQ(seen[1].body, "");
  for (const auto& r : seen) EXPECT_EQ(r.method, "DELETE");
}

TEST(ClientsClobTrading, OpenOrdersFollowNextCursorUntilTheEnd) {
  LoopbackHttpServer server([](const SeenRequest& r) {
    const std::string cursor = r.param("next_cursor");
    if (cursor == "MA==")
      return guarded(r, {200, R"({"limit":1,"count":1,"next_cursor":"MQ==","data":[)" +
                                  open_order_json("16") + "]}"});
    if (cursor == "MQ==")
      return guarded(r, {200, R"({"limit":1,"count":1,"next_cursor":"LTE=","data":[)" +
                                  open_order_json("17") + "]}"});
    return Reply{400, R"({"error":"bad cursor"})"};
  });
  auto http = testing::make_http();
  ClobTradingClient clob(*http, server.base_url(), identity());
  OpenOrderFilter filter;
  filter.market = "0xdd22472e552920b8438158ea7238bfadfa4f736aa4cee91a6b86c39ead110917";
  auto orders = clob.open_orders(filter);
  ASSERT_TRUE(orders) << orders.error().to_string();
  EXPECT_EQ(orders->size(), 2u);
  const auto seen = server.requests();
  ASSERT_EQ(seen.size(), 2u);
  for (const auto& r : seen) {
    EXPECT_EQ(r.path, "/data/orders");
    EXPECT_EQ(r.param("market"), *filter.market);
    EXPECT_EQ(l2_problem(r), "");
  }
}

// Stopping at a repeated cursor would hide the open orders after it from the reconciler.
TEST(ClientsClobTrading, ARepeatedCursorIsAnError) {
  LoopbackHttpServer server([](const SeenRequest& r) {
    return guarded(r, {200, R"({"limit":1,"count":1,"next_cursor":"MQ==","data":[)" +
                                open_order_json("16") + "]}"});
  });
  auto http = testing::make_http();
  ClobTradingClient clob(*http, server.base_url(), identity());
  auto orders = clob.open_orders();
  ASSERT_FALSE(orders);
  EXPECT_EQ(orders.error().code, "cursor_loop");
  EXPECT_EQ(server.count(), 2);
}

TEST(ClientsClobTrading, OneOrderTradesAndBalance) {
  LoopbackHttpServer server([](const SeenRequest& r) {
    if (r.path.rfind("/data/order/", 0) == 0) return guarded(r, {200, open_order_json("16")});
    if (r.path == "/data/trades")
      return guarded(
          r, {200, R"({"limit":1,"count":1,"next_cursor":"LTE=","data":[)" +
                       test::fixture("clob_trades/nautilus_clob_trade_confirmed.json") + "]}"});
    if (r.path == "/balance-allowance")
      return guarded(
          r,
          {200,
           R"({"balance":"16922","allowances":{"0xE111180000d2663C0091e4f400237545B87B996B":"115792089237316195423570985008687907853269984665640564039457584007913129639935"}})"});
    return Reply{404, R"({"error":"no"})"};
  });
  auto http = testing::make_http();
  ClobTradingClient clob(*http, server.base_url(), identity());
  auto order = clob.order("0x94f351bb28cfe3d4507a24ffafa528409d6de50235f33e81e8fad12929c1cd16");
  ASSERT_TRUE(order) << order.error().to_string();
  EXPECT_EQ(order->price.micros(), 513'000);
  TradeFilter tf;
  tf.after = 1700000000;
  auto trades = clob.trades(tf);
  ASSERT_TRUE(trades) << trades.error().to_string();
  ASSERT_EQ(trades->size(), 1u);
  EXPECT_EQ((*trades)[0].status, "CONFIRMED");
  BalanceAllowanceQuery bq;
  bq.signature_type = 0;
  auto balance = clob.balance_allowance(bq);
  ASSERT_TRUE(balance) << balance.error().to_string();
  EXPECT_EQ(balance->balance, "16922");
  EXPECT_EQ(balance->allowances.size(), 1u);

  const auto seen = server.requests();
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[1].param("after"), "1700000000");
  EXPECT_EQ(seen[1].param("next_cursor"), "MA==");
  EXPECT_EQ(seen[2].param("asset_type"), "COLLATERAL");
  EXPECT_EQ(seen[2].param("signature_type"), "0");
  for (const auto& r : seen) EXPECT_EQ(l2_problem(r), "") << r.target;
}

}  // namespace
}  // namespace polycopy::polymarket
