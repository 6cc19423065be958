// Source-trade ingestion throughput: a realistic Data API /trades payload (the shared fixture's
// trades repeated with varied hashes, traders, sizes and times) parsed with the project's parser
// and stored into a fresh SQLite file in batches of 100 through ingest_trader_trades (trades
// plus the trader's feed cursor in one transaction), as the forward-testing feed does.
// Fixtures: $POLYCOPY_SHARED_DIR/fixtures, else ../../shared next to this file.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "engine/venue_mapping.hpp"
#include "polymarket/parse/payload.hpp"
#include "store/store.hpp"
#include "trades_payload.hpp"

namespace {

namespace pp = polycopy::polymarket::parse;
namespace store = polycopy::store;
namespace core = polycopy::core;

constexpr std::size_t kTrades = 20'000;
constexpr std::size_t kBatch = 100;  // one page of one trader's feed

// n distinct trades as one JSON array; each run of kBatch trades belongs to one trader.
std::string make_payload(std::size_t n) {
  return polycopy::bench::trades_payload(n, [](nlohmann::json& trade, std::size_t i) {
    char text[67];
    std::snprintf(text, sizeof text, "0x%064zx", i * 2654435761u + 1);
    trade["transactionHash"] = text;
    std::snprintf(text, sizeof text, "0x%040zx", i / kBatch + 1);
    trade["proxyWallet"] = text;
    trade["size"] = nlohmann::json::parse(std::to_string(1 + i % 997) + ".25");
    trade["timestamp"] = 1783008527 + static_cast<std::int64_t>(i);
  });
}

const std::string& payload() {
  static const std::string p = make_payload(kTrades);
  return p;
}

std::vector<store::SourceTradeRecord> parse_records(const std::string& body) {
  auto parsed = pp::parse_data_trades(body);
  if (!parsed) throw core::Failure(parsed.error());
  std::vector<store::SourceTradeRecord> out;
  out.reserve(parsed->items.size());
  for (const auto& t : parsed->items) {
    out.push_back(polycopy::engine::to_source_trade(t, core::from_unix_ms(0)).value());
  }
  return out;
}

// A migrated store on a file in a fresh temp directory, removed at destruction.
class TempStore {
 public:
  TempStore() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "polycopy_ingest_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
    store_ = store::open_sqlite_store((dir_ / "bench.db").string()).value();
    (void)store_->migrate().value();
  }
  ~TempStore() {
    store_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  store::Store& get() { return *store_; }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
};

// Stores the records in per-trader batches; returns how many were new.
std::size_t ingest(store::Store& s, const std::vector<store::SourceTradeRecord>& records) {
  std::size_t stored = 0;
  std::vector<store::SourceTradeRecord> batch;
  for (std::size_t begin = 0; begin < records.size(); begin += kBatch) {
    const std::size_t end = std::min(records.size(), begin + kBatch);
    batch.assign(records.begin() + static_cast<std::ptrdiff_t>(begin),
                 records.begin() + static_cast<std::ptrdiff_t>(end));
    const auto& newest = batch.back();
    const store::FeedCursor cursor{newest.trader_address, newest.traded_at, newest.tx_hash,
                                   newest.token_id, newest.received_at};
    stored += s.ingest_trader_trades(batch, cursor).value().size();
  }
  return stored;
}

void report(benchmark::State& state, std::size_t trades) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * payload().size()));
  state.counters["trades/s"] =
      benchmark::Counter(static_cast<double>(trades) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
  state.counters["payload_MB"] = static_cast<double>(payload().size()) / 1e6;
}

// Parse the payload, then store every (new) trade into an empty database.
void BM_IngestFromPayload(benchmark::State& state) {
  std::size_t stored = 0;
  for (auto _ : state) {
    state.PauseTiming();
    {
      TempStore db;
      state.ResumeTiming();
      stored = ingest(db.get(), parse_records(payload()));
      state.PauseTiming();
    }
    state.ResumeTiming();
  }
  if (stored != kTrades) state.SkipWithError("not every trade was stored");
  report(state, kTrades);
}
BENCHMARK(BM_IngestFromPayload)->Unit(benchmark::kMillisecond)->UseRealTime();

// Storing only (records already parsed): the database side of the feed.
void BM_IngestStoreOnly(benchmark::State& state) {
  const auto records = parse_records(payload());
  for (auto _ : state) {
    state.PauseTiming();
    {
      TempStore db;
      state.ResumeTiming();
      benchmark::DoNotOptimize(ingest(db.get(), records));
      state.PauseTiming();
    }
    state.ResumeTiming();
  }
  report(state, kTrades);
}
BENCHMARK(BM_IngestStoreOnly)->Unit(benchmark::kMillisecond)->UseRealTime();

// A restarted feed re-reading pages it already stored: every trade is a skipped duplicate.
void BM_IngestReplayedDuplicates(benchmark::State& state) {
  const auto records = parse_records(payload());
  TempStore db;
  ingest(db.get(), records);
  for (auto _ : state) {
    if (ingest(db.get(), records) != 0) state.SkipWithError("a duplicate was stored");
  }
  report(state, kTrades);
}
BENCHMARK(BM_IngestReplayedDuplicates)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
