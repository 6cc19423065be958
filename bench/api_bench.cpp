// HTTP API throughput (GET /api/lt/strategies over keep-alive loopback connections, one per
// client thread) and the server's idle memory with 1,000 strategies.
#include <benchmark/benchmark.h>
#include <spdlog/spdlog.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>

#include "core/ids.hpp"
#include "service/api_routes.hpp"
#include "service/auth.hpp"
#include "service/http_server.hpp"
#include "service/http_types.hpp"
#include "service/strategy_service.hpp"

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using namespace polycopy;

constexpr int kListedStrategies = 10;

long rss_kb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

// A running API with one user owning kListedStrategies LT strategies.
struct ApiUnderTest {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("polycopy_bench_" + core::random_hex(6));
  core::SystemClock clock;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<service::Router> router;
  std::unique_ptr<service::HttpServer> server;
  std::uint16_t port = 0;
  std::string user_id, key;

  explicit ApiUnderTest(int lt_strategies) {
    spdlog::set_level(spdlog::level::warn);  // per-request logs would dominate the figure
    std::filesystem::create_directories(dir);
    store = store::open_sqlite_store((dir / "bench.db").string()).value();
    (void)store->migrate().value();
    user_id = service::create_user(*store, clock, "bench").value().id;
    key = service::create_api_key(*store, clock, user_id, "bench").value().plaintext;
    service::StrategyService strategies(*store, clock);
    const auto ft = strategies.create(service::StrategyKind::ft, user_id, {{"name", "ft"}});
    for (int i = 0; i < lt_strategies; ++i)
      strategies.create(service::StrategyKind::lt, user_id,
                        {{"name", "lt " + std::to_string(i)}, {"ft_strategy_id", ft.body["id"]}});
    router = std::make_unique<service::Router>(service::make_api_router(*store, clock));
    service::ServerOptions options;
    options.port = 0;
    server = std::make_unique<service::HttpServer>(
        options, [r = router.get()](const service::HttpRequest& req) { return r->handle(req); });
    port = server->start().value();
  }
  ~ApiUnderTest() {
    server.reset();
    store.reset();
    std::filesystem::remove_all(dir);
  }
};

void BM_ListLtStrategies(benchmark::State& state) {
  static ApiUnderTest api(kListedStrategies);
  asio::io_context io;
  beast::tcp_stream stream(io);
  stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), api.port));
  http::request<http::empty_body> request{http::verb::get, "/api/lt/strategies", 11};
  request.set(http::field::host, "127.0.0.1");
  request.set(http::field::authorization, "Bearer " + api.key);
  beast::flat_buffer buffer;
  for (auto _ : state) {
    http::write(stream, request);
    http::response<http::string_body> response;
    http::read(stream, buffer, response);
    if (response.result_int() != 200) state.SkipWithError("unexpected status");
    benchmark::DoNotOptimize(response.body().data());
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["strategies_per_response"] =
      benchmark::Counter(kListedStrategies, benchmark::Counter::kAvgThreads);
}
BENCHMARK(BM_ListLtStrategies)->Threads(2)->UseRealTime()->MinTime(2.0);

void BM_IdleRssWith1000Strategies(benchmark::State& state) {
  for (auto _ : state) {
    const long before = rss_kb();
    ApiUnderTest api(1000);
    const long after = rss_kb();
    state.counters["rss_before_kb"] = static_cast<double>(before);
    state.counters["rss_with_server_and_1000_lt_kb"] = static_cast<double>(after);
    state.counters["rss_delta_kb"] = static_cast<double>(after - before);
  }
}
BENCHMARK(BM_IdleRssWith1000Strategies)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
