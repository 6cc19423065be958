// The simulator over real loopback sockets: Polymarket's official V2 client (npm) and the
// project's own C++ clients run the same script against it; controls, faults, rate limits
// and the websocket channels.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <thread>

#include "chain/address.hpp"
#include "chain/hex.hpp"
#include "chain/private_key.hpp"
#include "net/http_client.hpp"
#include "net/ws_client.hpp"
#include "polymarket/clients/clob_key_client.hpp"
#include "polymarket/clients/clob_public_client.hpp"
#include "polymarket/clients/clob_trading_client.hpp"
#include "polymarket/clients/gamma_client.hpp"
#include "polymarket/orders/engine_order.hpp"
#include "sim/http/sim_server.hpp"
#include "sim/sim_test_scenario.hpp"

namespace polycopy::sim {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

std::unique_ptr<net::HttpClient> http_client() {
  net::HttpClientOptions options;
  options.transport.connect_timeout = 1'000ms;
  options.transport.timeout = 3'000ms;
  options.retry.max_attempts = 1;
  return std::make_unique<net::HttpClient>(options);
}

struct RunningSim {
  explicit RunningSim(bool rate_limits = false) {
    SimOptions options;
    options.rate_limits = rate_limits;
    server = std::make_unique<SimServer>(testing::small_scenario(), options, wall);
    urls = server->start().value();
  }
  core::SystemClock wall;
  std::unique_ptr<SimServer> server;
  BaseUrls urls;
};

// The body of a response, 2xx or not.
std::pair<int, json> call(net::HttpClient& http, net::HttpMethod method, const std::string& url,
                          const std::string& body = {}) {
  net::HttpRequest request;
  request.method = method;
  request.url = url;
  request.body = body;
  const auto result = http.send(request);
  const net::HttpResponse* response =
      result ? &*result : (result.error().response ? &*result.error().response : nullptr);
  if (response == nullptr) return {0, json()};
  return {response->status, json::parse(response->body, nullptr, false)};
}

std::string crosscheck_dir() {
  return (std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() / "tools" /
          "crosscheck")
      .string();
}

// A trader of the simulator: a key, its API credentials (derived by L1) and an L2 client.
struct Account {
  Account(net::HttpClient& http, const std::string& clob, const std::string& key_hex)
      : key(chain::PrivateKey::parse("0x" + std::string(64 - key_hex.size(), '0') + key_hex)
                .value()),
        creds(polymarket::ClobKeyClient(http, clob, key)
                  .create_or_derive_api_key(chain::Uint256{})
                  .value()),
        trading(http, clob,
                polymarket::L2Identity{chain::to_checksum_address(key.address()), creds}) {}

  // The user-channel subscription message of this key.
  std::string user_subscription() const {
    return json{
        {"auth",
         {{"apiKey", creds.key}, {"secret", creds.secret}, {"passphrase", creds.passphrase}}},
        {"markets", json::array()},
        {"type", "user"}}
        .dump();
  }

  // A signed order on a tick-0.01 market (the scenario's plain, V3 and V1 markets).
  polymarket::SignedOrder sign(
      const char* token, std::int64_t price_micros, std::int64_t size_micros, std::uint64_t salt,
      polymarket::OrderType type = polymarket::OrderType::gtc,
      polymarket::ProtocolVersion version = polymarket::ProtocolVersion::v2) const {
    polymarket::EngineOrderRequest r;
    r.version = version;
    r.token_id = chain::Uint256::parse_decimal(token).value();
    r.price = core::Price::from_micros(price_micros).value();
    r.size = core::Shares::from_micros(size_micros);
    r.order_type = type;
    r.salt = salt;
    r.timestamp_ms = static_cast<std::uint64_t>(core::to_unix_ms(core::SystemClock().now()));
    const polymarket::MarketRules rules{polymarket::TickSize::t0_01, false,
                                        core::Shares::from_micros(5'000'000)};
    return polymarket::build_engine_order(r, rules, key, 0).value();
  }
  polymarket::PostOptions post_options(polymarket::OrderType type) const {
    return {creds.key, type, false, false};
  }

  chain::PrivateKey key;
  polymarket::ApiCredentials creds;
  polymarket::ClobTradingClient trading;
};

TEST(SimServer, PrintsBaseUrlsOnOnePort) {
  RunningSim sim;
  EXPECT_EQ(sim.urls.gamma, sim.urls.clob + "/gamma");
  EXPECT_EQ(sim.urls.data, sim.urls.clob + "/data");
  EXPECT_EQ(sim.urls.sim, sim.urls.clob + "/sim");
  EXPECT_EQ(sim.urls.ws_market.rfind("ws://", 0), 0u);
  const auto j = sim.urls.to_json();
  for (const char* key : {"clob", "gamma", "data", "ws_market", "ws_user", "sim"})
    EXPECT_TRUE(j.contains(key)) << key;
}

// Missing node or node_modules is a failure: the set-up script installs both.
TEST(SimServer, OfficialClientPassesTheScript) {
  const std::string dir = crosscheck_dir();
  ASSERT_TRUE(std::filesystem::exists(dir + "/node_modules/@polymarket/clob-client-v2"))
      << "run `npm ci` in " << dir;
  RunningSim sim(/*rate_limits=*/true);
  const std::string command =
      "cd '" + dir + "' && node sim-client.mjs --host " + sim.urls.clob + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  char buffer[4096];
  while (fgets(buffer, sizeof buffer, pipe) != nullptr) out += buffer;
  const int status = pclose(pipe);
  EXPECT_EQ(status, 0) << out;
  for (const char* step :
       {"derive_api_key", "derive_again_same_key", "read_book", "post_resting_order",
        "list_open_orders", "cancel_order", "order_gone_after_cancel", "post_marketable_order",
        "read_trades", "tampered_signature_rejected"}) {
    EXPECT_NE(out.find(std::string(R"({"step":")") + step + R"(","ok":true)"), std::string::npos)
        << step << "\n"
        << out;
  }
}

TEST(SimServer, OwnClientsPassTheSameScript) {
  RunningSim sim(/*rate_limits=*/true);
  auto http = http_client();
  const auto key =
      chain::PrivateKey::parse("0x000000000000000000000000000000000000000000000000000000000000beef")
          .value();
  polymarket::ClobKeyClient keys(*http, sim.urls.clob, key);
  const auto creds = keys.create_or_derive_api_key(chain::Uint256{});
  ASSERT_TRUE(creds) << creds.error().to_string();
  const auto again = keys.derive_api_key(chain::Uint256{});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->key, creds->key);

  polymarket::ClobPublicClient clob(*http, sim.urls.clob);
  const auto book = clob.book(testing::kPlainYesToken);
  ASSERT_TRUE(book) << book.error().to_string();
  ASSERT_FALSE(book->bids.empty());
  ASSERT_FALSE(book->asks.empty());

  polymarket::ClobTradingClient trading(
      *http, sim.urls.clob,
      polymarket::L2Identity{chain::to_checksum_address(key.address()), *creds});
  const polymarket::MarketRules rules{polymarket::TickSize::t0_01, false,
                                      core::Shares::from_micros(5'000'000)};
  polymarket::EngineOrderRequest resting;
  resting.token_id = chain::Uint256::parse_decimal(testing::kPlainYesToken).value();
  resting.price = core::Price::from_micros(450'000).value();
  resting.size = core::Shares::from_micros(10'000'000);
  resting.salt = 12345;
  resting.timestamp_ms = static_cast<std::uint64_t>(core::to_unix_ms(sim.wall.now()));
  const auto order = polymarket::build_engine_order(resting, rules, key, 0);
  ASSERT_TRUE(order) << order.error().to_string();
  const polymarket::PostOptions post{creds->key, polymarket::OrderType::gtc, false, false};
  const auto posted = trading.post_order(*order, post);
  ASSERT_TRUE(posted) << posted.error().to_string();
  EXPECT_TRUE(posted->success);
  EXPECT_EQ(posted->status, "live");
  ASSERT_TRUE(posted->order_id);
  EXPECT_EQ(*posted->order_id, order->hash);

  const auto open = trading.open_orders();
  ASSERT_TRUE(open) << open.error().to_string();
  ASSERT_EQ(open->size(), 1u);
  EXPECT_EQ(open->front().order_id, order->hash);

  const std::string id = chain::to_hex(order->hash);
  const auto canceled = trading.cancel_order(id);
  ASSERT_TRUE(canceled) << canceled.error().to_string();
  EXPECT_EQ(canceled->canceled, std::vector<std::string>{id});
  EXPECT_TRUE(trading.open_orders()->empty());

  polymarket::EngineOrderRequest taking = resting;
  taking.price = core::Price::from_micros(510'000).value();
  taking.size = core::Shares::from_micros(5'000'000);
  taking.order_type = polymarket::OrderType::fok;
  taking.salt = 12346;
  const auto take = polymarket::build_engine_order(taking, rules, key, 0);
  ASSERT_TRUE(take) << take.error().to_string();
  const auto matched =
      trading.post_order(*take, {creds->key, polymarket::OrderType::fok, false, false});
  ASSERT_TRUE(matched) << matched.error().to_string();
  EXPECT_EQ(matched->status, "matched");
  ASSERT_EQ(matched->trade_ids.size(), 1u);
  const auto trades = trading.trades();
  ASSERT_TRUE(trades) << trades.error().to_string();
  ASSERT_EQ(trades->size(), 1u);
  // 5 shares at 0.51 came out of the default 10,000 pUSD, and are held now.
  const auto cash = trading.balance_allowance({});
  ASSERT_TRUE(cash) << cash.error().to_string();
  EXPECT_EQ(cash->balance, "9997450000");
  polymarket::BalanceAllowanceQuery held;
  held.asset_type = polymarket::AssetType::conditional;
  held.token_id = testing::kPlainYesToken;
  const auto shares = trading.balance_allowance(held);
  ASSERT_TRUE(shares) << shares.error().to_string();
  EXPECT_EQ(shares->balance, "5000000");

  // The same order again is a duplicate; a tampered signature is refused.
  const auto duplicate =
      trading.post_order(*take, {creds->key, polymarket::OrderType::fok, false, false});
  EXPECT_FALSE(duplicate && duplicate->success);
  auto tampered = *order;
  tampered.order.salt = 99999;  // the signature no longer covers the order
  const auto refused = trading.post_order(tampered, post);
  ASSERT_FALSE(refused && refused->success);
}

// Each market takes the exchange generation it is on; an order signed for another is
// order_version_mismatch (so the client re-reads /version), not a bad signature.
TEST(SimServer, OrdersMustBeSignedForTheMarketsExchangeVersion) {
  RunningSim sim;
  auto http = http_client();
  Account account(*http, sim.urls.clob, "b3");
  std::uint64_t salt = 1;
  const auto post = [&](const char* token, polymarket::ProtocolVersion version) {
    const auto order =
        account.sign(token, 400'000, 10'000'000, salt++, polymarket::OrderType::gtc, version);
    const auto result =
        account.trading.post_order(order, account.post_options(polymarket::OrderType::gtc));
    if (result && result->success) return std::string("live");
    return result ? result->error_msg : result.error().message;
  };
  EXPECT_EQ(post(testing::kV3YesToken, polymarket::ProtocolVersion::v3), "live");
  EXPECT_NE(
      post(testing::kV3YesToken, polymarket::ProtocolVersion::v2).find("order_version_mismatch"),
      std::string::npos);
  EXPECT_NE(
      post(testing::kPlainYesToken, polymarket::ProtocolVersion::v3).find("order_version_mismatch"),
      std::string::npos);
  EXPECT_EQ(post(testing::kV1YesToken, polymarket::ProtocolVersion::v1), "live");
  EXPECT_NE(
      post(testing::kV1YesToken, polymarket::ProtocolVersion::v2).find("order_version_mismatch"),
      std::string::npos);
  EXPECT_NE(
      post(testing::kPlainYesToken, polymarket::ProtocolVersion::v1).find("order_version_mismatch"),
      std::string::npos);
}

TEST(SimServer, BadControlsGetVenueStyleErrors) {
  RunningSim sim;
  auto http = http_client();
  const auto expect_error = [&](net::HttpMethod method, const std::string& path,
                                const std::string& body, int status) {
    const auto [code, reply] = call(*http, method, sim.urls.clob + path, body);
    EXPECT_EQ(code, status) << path << " " << reply.dump();
    ASSERT_TRUE(reply.is_object()) << path;
    EXPECT_TRUE(reply.contains("error") && reply["error"].is_string()) << reply.dump();
  };
  expect_error(net::HttpMethod::post, "/sim/clock/advance", "{", 400);
  expect_error(net::HttpMethod::post, "/sim/clock/advance", R"({"seconds":-5})", 400);
  expect_error(net::HttpMethod::post, "/sim/markets/0x12/resolve", R"({"winner":0})", 400);
  expect_error(net::HttpMethod::post,
               "/sim/markets/0x9999999999999999999999999999999999999999999999999999999999999999/"
               "resolve",
               R"({"winner":0})", 404);
  expect_error(net::HttpMethod::post,
               std::string("/sim/markets/") + testing::kPlainCondition + "/resolve",
               R"({"winner":7})", 400);
  expect_error(net::HttpMethod::post, "/sim/faults", R"({"kind":"meteor"})", 400);
  expect_error(net::HttpMethod::post, "/sim/trades", R"({"trader":"nope"})", 400);
  expect_error(net::HttpMethod::get, "/no/such/route", "", 404);
  expect_error(net::HttpMethod::get, "/book?token_id=0042", "", 400);
  expect_error(net::HttpMethod::get, "/book?token_id=4242", "", 404);
  expect_error(net::HttpMethod::post, "/order", "{}", 401);     // no L2 headers
  expect_error(net::HttpMethod::get, "/data/trades", "", 400);  // Data API: user required
}

TEST(SimServer, ControlsMoveTheVenue) {
  RunningSim sim;
  auto http = http_client();
  const auto [s0, state0] = call(*http, net::HttpMethod::get, sim.urls.sim + "/state");
  ASSERT_EQ(s0, 200);
  const auto [s1, advanced] =
      call(*http, net::HttpMethod::post, sim.urls.sim + "/clock/advance", R"({"seconds":3600})");
  ASSERT_EQ(s1, 200);
  EXPECT_GE(advanced["now_ms"].get<std::int64_t>() - state0["now_ms"].get<std::int64_t>(),
            3'600'000);
  const auto [s2, trade] = call(*http, net::HttpMethod::post, sim.urls.sim + "/trades",
                                json{{"trader", testing::kTrader},
                                     {"token_id", testing::kPlainYesToken},
                                     {"side", "BUY"},
                                     {"price", "0.51"},
                                     {"size", "20"}}
                                    .dump());
  ASSERT_EQ(s2, 200) << trade.dump();
  const auto [s3, rows] = call(*http, net::HttpMethod::get,
                               sim.urls.data + "/trades?user=" + std::string(testing::kTrader));
  ASSERT_EQ(s3, 200);
  ASSERT_EQ(rows.size(), 4u);  // three from history, then the new one first
  EXPECT_EQ(rows[0]["size"], 20);
  EXPECT_EQ(rows[0]["price"], 0.51);
  const auto [sa, activity] = call(*http, net::HttpMethod::get,
                                   sim.urls.data + "/activity?limit=2&user=" + testing::kTrader);
  ASSERT_EQ(sa, 200);
  ASSERT_EQ(activity.size(), 2u);
  EXPECT_EQ(activity[0]["type"], "TRADE");
  EXPECT_EQ(activity[0]["usdcSize"], 10.2);
  const auto [sp, positions] =
      call(*http, net::HttpMethod::get, sim.urls.data + "/positions?user=" + testing::kTrader);
  ASSERT_EQ(sp, 200);
  ASSERT_EQ(positions.size(), 1u);
  EXPECT_EQ(positions[0]["size"], 53);  // 10 + 11 + 12 + 20 shares of Yes
  const auto [sl, board] = call(*http, net::HttpMethod::get,
                                sim.urls.data + "/v1/leaderboard?timePeriod=WEEK&orderBy=VOL");
  ASSERT_EQ(sl, 200);
  ASSERT_FALSE(board.empty());
  EXPECT_EQ(board[0]["proxyWallet"], testing::kTrader);
  EXPECT_EQ(board[0]["rank"], "1");
  EXPECT_EQ(call(*http, net::HttpMethod::get,
                 sim.urls.data + "/trades?offset=5000&user=" + std::string(testing::kTrader))
                .first,
            400);  // past the venue's offset ceiling
  const auto [s4, resolved] =
      call(*http, net::HttpMethod::post,
           sim.urls.sim + "/markets/" + testing::kPlainCondition + "/resolve", R"({"winner":1})");
  ASSERT_EQ(s4, 200) << resolved.dump();
  const auto [s5, market] =
      call(*http, net::HttpMethod::get, sim.urls.clob + "/markets/" + testing::kPlainCondition);
  ASSERT_EQ(s5, 200);
  EXPECT_EQ(market["closed"], true);
  EXPECT_EQ(market["tokens"][1]["winner"], true);
  const auto [s6, gamma] =
      call(*http, net::HttpMethod::get,
           sim.urls.gamma + "/markets?condition_ids=" + testing::kPlainCondition);
  ASSERT_EQ(s6, 200);
  ASSERT_EQ(gamma.size(), 1u);
  EXPECT_EQ(gamma[0]["outcomePrices"], R"(["0","1"])");
  // Gamma takes lists as repeated parameters, as the project's Gamma client sends them.
  polymarket::GammaClient gamma_client(*http, sim.urls.gamma);
  const auto two =
      gamma_client.markets_by_condition_ids({testing::kPlainCondition, testing::kNegRiskCondition});
  ASSERT_TRUE(two) << two.error().to_string();
  ASSERT_EQ(two->size(), 2u);
}

TEST(SimServer, InjectedFaults) {
  RunningSim sim;
  auto http = http_client();
  auto [s, r] = call(*http, net::HttpMethod::post, sim.urls.sim + "/faults",
                     R"({"kind":"server_error","path":"/book","count":1,"status":503})");
  ASSERT_EQ(s, 200) << r.dump();
  const std::string book = sim.urls.clob + "/book?token_id=" + testing::kPlainYesToken;
  EXPECT_EQ(call(*http, net::HttpMethod::get, book).first, 503);
  EXPECT_EQ(call(*http, net::HttpMethod::get, book).first, 200);  // count used up
  call(*http, net::HttpMethod::post, sim.urls.sim + "/faults",
       R"({"kind":"too_many_requests","path":"/book","count":2})");
  EXPECT_EQ(call(*http, net::HttpMethod::get, book).first, 429);
  EXPECT_EQ(call(*http, net::HttpMethod::get, book).first, 429);
  EXPECT_EQ(call(*http, net::HttpMethod::get, book).first, 200);
  call(*http, net::HttpMethod::post, sim.urls.sim + "/faults",
       R"({"kind":"latency","path":"/book","latency_ms":300})");
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(call(*http, net::HttpMethod::get, book).first, 200);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 300ms);
  call(*http, net::HttpMethod::post, sim.urls.sim + "/faults",
       R"({"kind":"lose_response","path":"/book","count":-1})");
  EXPECT_EQ(call(*http, net::HttpMethod::get, book).first, 0);  // no answer at all
  EXPECT_EQ(call(*http, net::HttpMethod::delete_, sim.urls.sim + "/faults").first, 200);
  EXPECT_EQ(call(*http, net::HttpMethod::get, book).first, 200);
}

// An order the venue accepted but whose answer was lost: the client reports unknown_outcome
// and the order is there when the reconciler looks.
TEST(SimServer, LostOrderResponseLeavesTheOrderPlaced) {
  RunningSim sim;
  auto http = http_client();
  Account account(*http, sim.urls.clob, "cafe");
  call(*http, net::HttpMethod::post, sim.urls.sim + "/faults",
       R"({"kind":"lose_response","method":"POST","path":"/order"})");
  const auto order = account.sign(testing::kPlainYesToken, 400'000, 10'000'000, 777);
  const auto posted =
      account.trading.post_order(order, account.post_options(polymarket::OrderType::gtc));
  ASSERT_FALSE(posted);
  EXPECT_EQ(posted.error().code, "unknown_outcome");
  const auto found = account.trading.order(chain::to_hex(order.hash));
  ASSERT_TRUE(found) << found.error().to_string();
  EXPECT_EQ(found->order_id, order.hash);
}

// Collects a websocket's frames.
struct Frames {
  std::mutex mutex;
  std::vector<std::string> frames;
  void add(const std::string& f) {
    std::lock_guard lock(mutex);
    frames.push_back(f);
  }
  bool wait_for(const std::string& needle, std::chrono::milliseconds timeout = 3'000ms) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < until) {
      {
        std::lock_guard lock(mutex);
        for (const auto& f : frames)
          if (f.find(needle) != std::string::npos) return true;
      }
      std::this_thread::sleep_for(10ms);
    }
    return false;
  }
};

TEST(SimServer, MarketChannelSendsBooksThenChanges) {
  RunningSim sim;
  Frames frames;
  net::WsOptions options;
  options.url = sim.urls.ws_market;
  options.subscriptions = {
      json{{"assets_ids", {testing::kPlainYesToken}}, {"type", "market"}}.dump()};
  options.ping_interval = 200ms;
  net::WsClient ws(options, [&](const std::string& f) { frames.add(f); });
  ASSERT_TRUE(ws.start());
  ASSERT_TRUE(frames.wait_for(R"("event_type":"book")"));
  auto http = http_client();
  call(*http, net::HttpMethod::post, sim.urls.sim + "/trades",
       json{{"trader", testing::kTrader},
            {"token_id", testing::kPlainYesToken},
            {"side", "BUY"},
            {"price", "0.51"},
            {"size", "100"}}
           .dump());
  EXPECT_TRUE(frames.wait_for(R"("event_type":"price_change")"));
  EXPECT_TRUE(frames.wait_for(R"("event_type":"last_trade_price")"));
  call(*http, net::HttpMethod::post,
       sim.urls.sim + "/markets/" + testing::kPlainCondition + "/tick-size",
       R"({"tick_size":"0.001"})");
  EXPECT_TRUE(frames.wait_for(R"("new_tick_size":"0.001")"));
  const auto [status, tick] =
      call(*http, net::HttpMethod::get,
           sim.urls.clob + "/tick-size?token_id=" + testing::kPlainYesToken);
  EXPECT_EQ(status, 200);
  EXPECT_EQ(tick["minimum_tick_size"], 0.001);
  std::this_thread::sleep_for(300ms);
  EXPECT_GE(ws.stats().pongs, 1u);  // PING answered with PONG
  ws.stop();
}

TEST(SimServer, DroppedWebsocketsReconnect) {
  RunningSim sim;
  Frames frames;
  net::WsOptions options;
  options.url = sim.urls.ws_market;
  options.subscriptions = {
      json{{"assets_ids", {testing::kPlainYesToken}}, {"type", "market"}}.dump()};
  options.reconnect.initial = 20ms;
  net::WsClient ws(options, [&](const std::string& f) { frames.add(f); });
  ASSERT_TRUE(ws.start());
  ASSERT_TRUE(frames.wait_for(R"("event_type":"book")"));
  auto http = http_client();
  const auto [status, dropped] =
      call(*http, net::HttpMethod::post, sim.urls.sim + "/websockets/drop");
  ASSERT_EQ(status, 200);
  EXPECT_EQ(dropped["dropped"], 1);
  const auto until = std::chrono::steady_clock::now() + 3s;
  while (ws.stats().reconnects == 0 && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(10ms);
  EXPECT_EQ(ws.stats().reconnects, 1u);
  ws.stop();
}

TEST(SimServer, UserChannelSendsOrdersAndTradesOfItsKeyOnly) {
  RunningSim sim;
  auto http = http_client();
  Account me(*http, sim.urls.clob, "d00d");
  Account other(*http, sim.urls.clob, "f1");
  Frames mine, stranger;
  net::WsOptions options;
  options.url = sim.urls.ws_user;
  options.subscriptions = {me.user_subscription()};
  net::WsClient ws(options, [&](const std::string& f) { mine.add(f); });
  ASSERT_TRUE(ws.start());
  options.subscriptions = {other.user_subscription()};
  net::WsClient ws2(options, [&](const std::string& f) { stranger.add(f); });
  ASSERT_TRUE(ws2.start());
  std::this_thread::sleep_for(200ms);  // both subscribed
  const auto order =
      me.sign(testing::kPlainYesToken, 510'000, 5'000'000, 4242, polymarket::OrderType::fok);
  ASSERT_TRUE(me.trading.post_order(order, me.post_options(polymarket::OrderType::fok)));
  EXPECT_TRUE(mine.wait_for(R"("event_type":"trade")"));
  EXPECT_TRUE(mine.wait_for(R"("status":"MATCHED")"));
  call(*http, net::HttpMethod::post, sim.urls.sim + "/clock/advance", R"({"seconds":10})");
  EXPECT_TRUE(mine.wait_for(R"("status":"CONFIRMED")"));
  std::this_thread::sleep_for(100ms);
  {
    std::lock_guard lock(stranger.mutex);
    for (const auto& f : stranger.frames) EXPECT_EQ(f.find(me.creds.key), std::string::npos) << f;
  }
  ws.stop();
  ws2.stop();
}

TEST(SimServer, RateLimitsAnswer429) {
  RunningSim sim(/*rate_limits=*/true);
  auto http = http_client();
  // /tick-size allows 200 per 10 s: the burst runs out well before 400 requests.
  int limited = 0;
  for (int i = 0; i < 400 && limited == 0; ++i) {
    const auto [status, body] =
        call(*http, net::HttpMethod::get,
             sim.urls.clob + "/tick-size?token_id=" + testing::kPlainYesToken);
    if (status == 429) {
      ++limited;
      EXPECT_EQ(body["error"], "Too Many Requests");
    }
  }
  EXPECT_EQ(limited, 1);
}

}  // namespace
}  // namespace polycopy::sim
