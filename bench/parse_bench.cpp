// Data API trade parsing throughput: a large realistic /trades payload built in memory by
// repeating the shared fixture's trades with varied sizes, prices, timestamps and hashes.
// Fixtures: $POLYCOPY_SHARED_DIR/fixtures, else ../../shared next to this file.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "polymarket/parse/json_tree.hpp"
#include "polymarket/parse/payload.hpp"

namespace {

namespace pp = polycopy::polymarket::parse;

std::string read_trades_fixture() {
  const char* env = std::getenv("POLYCOPY_SHARED_DIR");
  const std::filesystem::path shared =
      env && *env ? std::filesystem::path(env)
                  : std::filesystem::path(__FILE__).parent_path() / ".." / ".." / "shared";
  std::ifstream in(shared / "fixtures/data_trades/swift_trades_market_spain_2026.json");
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// n trades as one JSON array, each a fixture trade with its numbers and hash varied.
std::string make_payload(std::size_t n) {
  const auto base = nlohmann::json::parse(read_trades_fixture());
  std::string out = "[";
  char hash[67];
  for (std::size_t i = 0; i < n; ++i) {
    auto trade = base.at(i % base.size());
    trade["size"] =
        nlohmann::json::parse(std::to_string(1 + i % 997) + "." + std::to_string(10 + i % 89));
    trade["price"] = nlohmann::json::parse("0." + std::to_string(100 + i % 899));
    trade["timestamp"] = 1783008527 + static_cast<std::int64_t>(i);
    std::snprintf(hash, sizeof hash, "0x%064zx", i * 2654435761u);
    trade["transactionHash"] = hash;
    if (i) out += ',';
    out += trade.dump();
  }
  return out + "]";
}

const std::string& payload() {
  static const std::string p = make_payload(20'000);
  return p;
}

void report(benchmark::State& state, std::size_t trades) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * payload().size()));
  state.counters["trades/s"] =
      benchmark::Counter(static_cast<double>(trades) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
  state.counters["payload_MB"] = static_cast<double>(payload().size()) / 1e6;
}

void BM_DataTradesTyped(benchmark::State& state) {
  const auto& body = payload();
  std::size_t trades = 0;
  for (auto _ : state) {
    auto parsed = pp::parse_data_trades(body);
    if (!parsed) {
      state.SkipWithError(parsed.error().to_string().c_str());
      return;
    }
    trades = parsed->items.size();
    benchmark::DoNotOptimize(parsed);
  }
  report(state, trades);
}
BENCHMARK(BM_DataTradesTyped)->Unit(benchmark::kMillisecond);

void BM_DataTradesJsonTreeOnly(benchmark::State& state) {
  const auto& body = payload();
  for (auto _ : state) {
    auto tree = pp::parse_json(body);
    benchmark::DoNotOptimize(tree);
  }
  report(state, 20'000);
}
BENCHMARK(BM_DataTradesJsonTreeOnly)->Unit(benchmark::kMillisecond);

void BM_DataTradesNormalisedJson(benchmark::State& state) {
  const auto& body = payload();
  for (auto _ : state) {
    auto out = pp::parse_to_normalized_json(pp::PayloadKind::data_trades, body);
    benchmark::DoNotOptimize(out);
  }
  report(state, 20'000);
}
BENCHMARK(BM_DataTradesNormalisedJson)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
