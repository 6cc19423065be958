// Shared evaluations (filters + bet sizing) per second on one thread. A strategy with every
// filter set, 200 target traders, three categories and 300 open positions evaluates a pool
// of varied source trades; market and trader look-ups are the caller's and happen before.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "strategy/evaluation.hpp"

// Counts heap allocations, to show that an evaluation makes none. Not inlined, so that GCC
// does not see malloc/free pair with new/delete (a false -Wmismatched-new-delete).
namespace {
std::size_t g_allocations = 0;
}  // namespace

[[gnu::noinline]] void* operator new(std::size_t size) {
  ++g_allocations;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
[[gnu::noinline]] void operator delete(void* p) noexcept {
  std::free(p);
}
[[gnu::noinline]] void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}

namespace {

using namespace polycopy;
using namespace polycopy::strategy;
using namespace std::chrono_literals;

const core::Timestamp kNow = core::from_unix_ms(1'765'000'000'000);
constexpr std::size_t kPool = 4096;
constexpr std::size_t kMarkets = 64;
constexpr std::size_t kTraders = 32;

core::Ratio ratio(std::int64_t micros) {
  return core::Ratio::from_micros(micros);
}
core::Usd usd(std::int64_t units) {
  return core::Usd::from_micros(units * core::kMicrosPerUnit);
}

std::string address(std::size_t i) {
  char buffer[43];
  std::snprintf(buffer, sizeof buffer, "0x%040zx", i * 2654435761u);
  return buffer;
}

std::string token(std::size_t i) {
  return std::to_string(34549038436775387ull + i) + "7767555351401981287096280193432851657723404";
}

store::FtStrategyParams strategy_params() {
  store::FtStrategyParams p;
  p.name = "bench";
  for (std::size_t i = 0; i < 200; ++i) p.target_traders.push_back(address(i));
  p.price_min = core::Price::from_micros(50'000).value();
  p.price_max = core::Price::from_micros(950'000).value();
  p.min_trader_win_rate = ratio(550'000);
  p.max_trader_win_rate = ratio(990'000);
  p.min_edge = ratio(-500'000);
  p.max_edge = ratio(900'000);
  p.min_conviction = ratio(5'000);
  p.max_conviction = ratio(50'000'000);
  p.categories = {"politics", "crypto", "sports"};
  p.min_original_trade_usd = core::Usd::from_micros(500'000);
  p.max_original_trade_usd = usd(1'000'000);
  p.sizing_mode = store::SizingMode::confidence;
  return p;
}

// Half the markets carry a tag, half are categorised from their title.
std::vector<MarketInfo> markets() {
  const char* titles[] = {"Will Alex Moreno win the Ohio Senate race?",
                          "Will Bitcoin close above $120,000 on October 31?",
                          "Lakers vs. Celtics: who wins game 7?",
                          "Will the next presidential debate mention Ethereum?"};
  const char* tags[] = {"Politics", "crypto", "SPORTS", "politics"};
  std::vector<MarketInfo> out(kMarkets);
  for (std::size_t i = 0; i < kMarkets; ++i) {
    out[i].condition_id = "0xc" + std::to_string(i);
    out[i].token_ids = {token(2 * i), token(2 * i + 1)};
    out[i].question = titles[i % 4];
    if (i % 2) out[i].category = tags[i % 4];
    out[i].end_time = kNow + 24h * static_cast<int>(1 + i);
  }
  return out;
}

std::vector<TraderStats> traders() {
  std::vector<TraderStats> out(kTraders);
  for (std::size_t i = 0; i < kTraders; ++i)
    out[i] = TraderStats{static_cast<std::int64_t>(40 + i),
                         ratio(static_cast<std::int64_t>(600'000 + 10'000 * i)), std::nullopt,
                         usd(static_cast<std::int64_t>(20 + i)), usd(0)};
  return out;
}

// Trades by target traders on the markets above, prices 0.10..0.80, sizes 5..1000 shares.
// With `mixed`, one in four fails a filter at some stage (age, trader, price, position).
std::vector<SourceTrade> trades(bool mixed) {
  std::vector<SourceTrade> out(kPool);
  for (std::size_t i = 0; i < kPool; ++i) {
    SourceTrade& t = out[i];
    const std::size_t market = i % kMarkets;
    t.trader = address(i % kTraders);
    t.transaction_hash = "0x" + std::to_string(i);
    t.condition_id = "0xc" + std::to_string(market);
    t.token_id = token(2 * market + i % 2);
    t.outcome = i % 2 ? "No" : "Yes";
    t.price = core::Price::from_micros(static_cast<std::int64_t>(100'000 + (i * 7'919) % 700'000))
                  .value();
    t.size = core::Shares::from_micros(static_cast<std::int64_t>(5 + (i * 131) % 995) *
                                       core::kMicrosPerUnit);
    t.at = kNow - std::chrono::milliseconds(static_cast<std::int64_t>(i * 97 % 300'000));
    if (!mixed || i % 4 != 3) continue;
    switch (i / 4 % 4) {
      case 0:
        t.at = kNow - 1h;
        break;
      case 1:
        t.trader = address(10'000 + i);
        break;
      case 2:
        t.price = core::Price::from_micros(980'000).value();
        break;
      default:
        t.token_id = token(1'000'000 + i % 300);
        break;  // an open position
    }
  }
  return out;
}

struct Fixture {
  PreparedStrategy strategy{strategy_params()};
  std::vector<MarketInfo> market_infos = markets();
  std::vector<TraderStats> trader_stats = traders();
  IdSet held;
  StrategyState state{usd(5'000), held};
  std::vector<SourceTrade> pool;

  explicit Fixture(bool mixed) : pool(trades(mixed)) {
    std::vector<std::string> positions;
    for (std::size_t i = 0; i < 300; ++i) positions.push_back(token(1'000'000 + i));
    held = IdSet(std::move(positions));
  }

  EvaluationResult evaluate_one(std::size_t i) const {
    return evaluate(
        strategy, EvaluationInput{pool[i], &market_infos[i % kMarkets], trader_stats[i % kTraders],
                                  state, std::nullopt, kNow});
  }
};

void run(benchmark::State& state, bool mixed) {
  const Fixture fixture(mixed);
  std::size_t i = 0;
  std::int64_t accepted = 0;
  for (auto _ : state) {
    const EvaluationResult result = fixture.evaluate_one(i);
    accepted += result.accepted;
    benchmark::DoNotOptimize(result);
    i = (i + 1) % kPool;
  }
  state.counters["evaluations_per_second"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["accepted_share"] =
      static_cast<double>(accepted) / static_cast<double>(state.iterations());
}

void BM_EvaluateAllChecksPass(benchmark::State& state) {
  run(state, false);
}
BENCHMARK(BM_EvaluateAllChecksPass);

void BM_EvaluateMixed(benchmark::State& state) {
  run(state, true);
}
BENCHMARK(BM_EvaluateMixed);

struct Summary {
  double per_second;
  double allocations_per_evaluation;
};

// Our single-thread rate on the all-pass pool (the longest path), for the summary line.
Summary summary() {
  const Fixture fixture(false);
  constexpr std::size_t kEvaluations = 2'000'000;
  const std::size_t allocations_before = g_allocations;
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < kEvaluations; ++i) {
    auto result = fixture.evaluate_one(i % kPool);
    benchmark::DoNotOptimize(result);
  }
  const std::chrono::duration<double> secs = std::chrono::steady_clock::now() - start;
  return {static_cast<double>(kEvaluations) / secs.count(),
          static_cast<double>(g_allocations - allocations_before) / kEvaluations};
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  const Summary ours = summary();
  std::printf(
      "polycopy evaluations (all checks + sizing): %.0f/s (one thread; target >= "
      "1,000,000/s), %.3f heap allocations per evaluation\n",
      ours.per_second, ours.allocations_per_evaluation);
  return 0;
}
