// The simulator's throughput over loopback:
//  1. orders accepted per second: pre-signed V2 orders posted by several client threads
//     (HTTP keep-alive, L2 HMAC), each verified (signature recovery), checked and matched
//     against the book by the simulator;
//  2. market-data messages per second fanned out to 100 websocket subscribers.
//   build/sim_bench [orders=20000] [client_threads=4] [subscribers=100] [trades=2000]
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

#include <spdlog/spdlog.h>

#include "chain/address.hpp"
#include "chain/private_key.hpp"
#include "net/http_client.hpp"
#include "net/ws_client.hpp"
#include "polymarket/clients/clob_key_client.hpp"
#include "polymarket/clients/clob_trading_client.hpp"
#include "polymarket/orders/engine_order.hpp"
#include "sim/http/sim_server.hpp"
#include "sim/scenario/scenario_generator.hpp"
#include "sim/venue/venue.hpp"

namespace {

using namespace polycopy;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

int arg(int argc, char** argv, int index, int fallback) {
  return argc > index ? std::atoi(argv[index]) : fallback;
}

const sim::ScenarioMarket& first_open_market(const sim::Scenario& s) {
  for (const auto& m : s.markets)
    if (!m.closed && !m.neg_risk && m.order_version == 2 && !m.outcomes[0].bids.empty()) return m;
  std::fprintf(stderr, "no open V2 market in the generated scenario\n");
  std::exit(1);
}

void bench_orders(sim::SimServer& server, const sim::BaseUrls& urls, const sim::Scenario& s,
                  int orders, int threads) {
  net::HttpClientOptions options;
  options.retry.max_attempts = 1;
  net::HttpClient http(options);
  const auto key =
      chain::PrivateKey::parse("0x00000000000000000000000000000000000000000000000000000000000b0b01")
          .value();
  const auto creds =
      polymarket::ClobKeyClient(http, urls.clob, key).create_or_derive_api_key(chain::Uint256{});
  if (!creds) {
    std::fprintf(stderr, "api key: %s\n", creds.error().to_string().c_str());
    std::exit(1);
  }
  server.venue().fund(key.address(), core::Usd::from_micros(1'000'000'000'000'000),
                      core::Usd::from_micros(1'000'000'000'000'000));
  const auto& market = first_open_market(s);
  const auto& outcome = market.outcomes[0];
  const polymarket::MarketRules rules{market.tick, false, market.min_order_size};
  // Resting bids one to five ticks under the best bid: each is matched against the book
  // (nothing crosses) and rests.
  const std::int64_t tick = polymarket::tick_price(market.tick).micros();
  std::vector<polymarket::SignedOrder> signed_orders;
  signed_orders.reserve(static_cast<std::size_t>(orders));
  const auto now_ms = static_cast<std::uint64_t>(core::to_unix_ms(core::SystemClock().now()));
  for (int i = 0; i < orders; ++i) {
    polymarket::EngineOrderRequest r;
    r.token_id = outcome.token_id;
    r.price =
        core::Price::from_micros(outcome.bids.front().price.micros() - tick * (1 + i % 5)).value();
    r.size = market.min_order_size;
    r.salt = 1'000'000 + static_cast<std::uint64_t>(i);
    r.timestamp_ms = now_ms + static_cast<std::uint64_t>(i);
    signed_orders.push_back(polymarket::build_engine_order(r, rules, key, 0).value());
  }
  const polymarket::L2Identity identity{chain::to_checksum_address(key.address()), *creds};
  std::atomic<int> next{0}, accepted{0}, refused{0};
  const auto start = Clock::now();
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      polymarket::ClobTradingClient trading(http, urls.clob, identity);
      const polymarket::PostOptions post{creds->key, polymarket::OrderType::gtc, false, false};
      for (int i = next++; i < orders; i = next++) {
        const auto result = trading.post_order(signed_orders[static_cast<std::size_t>(i)], post);
        (result && result->success ? accepted : refused)++;
      }
    });
  }
  for (auto& w : workers) w.join();
  const double secs = seconds_since(start);
  std::printf(
      "orders: %d accepted, %d refused in %.2f s over %d client threads: %.0f orders/s "
      "(signed by the client; verified, checked and matched by the simulator)\n",
      accepted.load(), refused.load(), secs, threads, accepted.load() / secs);
}

void bench_fanout(sim::SimServer& server, const sim::BaseUrls& urls, const sim::Scenario& s,
                  int subscribers, int trades) {
  const auto& market = first_open_market(s);
  const std::string token = market.outcomes[0].token_id.to_decimal();
  std::atomic<long> frames{0};
  std::vector<std::unique_ptr<net::WsClient>> clients;
  for (int i = 0; i < subscribers; ++i) {
    net::WsOptions options;
    options.url = urls.ws_market;
    options.subscriptions = {R"({"assets_ids":[")" + token + R"("],"type":"market"})"};
    options.ping_interval = std::chrono::milliseconds(0);
    options.idle_timeout = std::chrono::milliseconds(0);
    clients.push_back(
        std::make_unique<net::WsClient>(options, [&frames](const std::string&) { frames++; }));
    if (!clients.back()->start()) std::exit(1);
  }
  // Every subscriber has its initial book: all are subscribed.
  const auto ready_by = Clock::now() + std::chrono::seconds(20);
  while (frames < subscribers && Clock::now() < ready_by)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  if (frames < subscribers) {
    std::fprintf(stderr, "only %ld of %d subscribers got their book\n", frames.load(), subscribers);
    std::exit(1);
  }
  frames = 0;
  const auto wallet = chain::parse_address("0x00000000000000000000000000000000000000c0").value();
  const auto price = market.outcomes[0].asks.front().price;
  const auto size = core::Shares::from_micros(1'000'000);
  const auto start = Clock::now();
  for (int i = 0; i < trades; ++i)
    (void)server.venue().trader_trade(wallet, market.outcomes[0].token_id, polymarket::Side::buy,
                                      price, size);
  const long events_per_trade_estimate = 2;  // price_change + last_trade_price at least
  const long expected = static_cast<long>(trades) * events_per_trade_estimate * subscribers;
  const auto done_by = Clock::now() + std::chrono::seconds(60);
  long last = -1;
  auto last_change = Clock::now();
  while (frames < expected && Clock::now() < done_by) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (frames != last) {
      last = frames;
      last_change = Clock::now();
    } else if (Clock::now() - last_change > std::chrono::seconds(2)) {
      break;  // nothing more is coming
    }
  }
  const double secs = std::chrono::duration<double>(last_change - start).count();
  std::printf(
      "fan-out: %ld websocket messages delivered to %d subscribers in %.2f s: %.0f "
      "messages/s (%d trades)\n",
      frames.load(), subscribers, secs, frames.load() / secs, trades);
  for (auto& c : clients) c->stop();
}

}  // namespace

int main(int argc, char** argv) {
  spdlog::set_level(spdlog::level::warn);  // one log line per request would dominate
  const int orders = arg(argc, argv, 1, 20'000);
  const int threads = arg(argc, argv, 2, 4);
  const int subscribers = arg(argc, argv, 3, 100);
  const int trades = arg(argc, argv, 4, 2'000);
  sim::GeneratorOptions generator;
  generator.seed = 7;
  const sim::Scenario scenario = sim::generate_scenario(generator);
  core::SystemClock wall;
  sim::SimOptions options;
  options.rate_limits = false;
  sim::SimServer server(scenario, options, wall);
  const auto urls = server.start();
  if (!urls) {
    std::fprintf(stderr, "start: %s\n", urls.error().to_string().c_str());
    return 1;
  }
  bench_orders(server, *urls, scenario, orders, threads);
  bench_fanout(server, *urls, scenario, subscribers, trades);
  server.stop();
  return 0;
}
