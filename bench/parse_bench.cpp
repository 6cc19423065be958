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
#include "trades_payload.hpp"

namespace {

namespace pp = polycopy::polymarket::parse;

// n trades as one JSON array, each a fixture trade with its numbers and hash varied.
std::string make_payload(std::size_t n) {
  return polycopy::bench::trades_payload(n, [](nlohmann::json& trade, std::size_t i) {
    trade["size"] =
        nlohmann::json::parse(std::to_string(1 + i % 997) + "." + std::to_string(10 + i % 89));
    trade["price"] = nlohmann::json::parse("0." + std::to_string(100 + i % 899));
    trade["timestamp"] = 1783008527 + static_cast<std::int64_t>(i);
    char hash[67];
    std::snprintf(hash, sizeof hash, "0x%064zx", i * 2654435761u);
    trade["transactionHash"] = hash;
  });
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
