// Paper trading end to end on a real SQLite file: engine::FtRunner evaluates every stored
// source trade for one FT strategy and stores each outcome (signal, plus the paper position
// an accepted signal opens) through the Store port, in batches of 500 (one transaction each).
//
// The database (50 open markets, 5 resolved history markets, 20 traders, N BUY source
// trades, two FT strategies) is built once per N; every iteration runs on a fresh copy of
// that file, opened outside the timed region, so each run finds all N trades unevaluated.
// The first 5% of the trades are on the resolved markets (trader statistics exist; those
// trades are rejected as market_resolved); the rest are accepted by the copying strategy
// (fixed 10 USD bets, adding allowed, cash never runs out). The second strategy rejects
// every trade at the price filter: the signal-only write rate.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/money.hpp"
#include "engine/ft_runner.hpp"
#include "store/store.hpp"

namespace {

namespace store = polycopy::store;
namespace core = polycopy::core;
namespace engine = polycopy::engine;
namespace fs = std::filesystem;

constexpr std::int64_t kUnit = core::kMicrosPerUnit;
constexpr std::size_t kOpenMarkets = 50;
constexpr std::size_t kResolvedMarkets = 5;
constexpr std::size_t kTraders = 20;
constexpr std::int64_t kBatchSize = 500;  // FtRunner's default
const core::Timestamp kStart = core::from_unix_ms(1'765'000'000'000);
const std::string kUser = "usr_bench";
const std::string kCopyAll = "ft_copy_all";
const std::string kRejectAll = "ft_reject_all";

// "0x" + n in hex, left-padded with zeros to `digits` hex digits.
std::string hex(std::uint64_t n, std::size_t digits) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(digits, '0');
  for (std::size_t i = 0; i < digits && n != 0; ++i, n >>= 4) out[digits - 1 - i] = kDigits[n & 15];
  return "0x" + out;
}

std::string condition(std::size_t market) {
  return hex(0xc0ffee000000ull + market * 2654435761u, 64);
}
std::string token(std::size_t market, std::size_t outcome) {
  return "7155" + std::to_string(1'000'000'000'000ull + market * 2 + outcome) +
         "58712345678901234567890123456789012345678901234567890";
}
std::string trader(std::size_t i) {
  return hex(0xa000 + i * 40503u, 40);
}

// The evaluation time: one minute after the newest trade (trade i is at kStart + i seconds).
core::Timestamp evaluation_time(std::size_t trades) {
  return kStart + std::chrono::seconds(static_cast<std::int64_t>(trades) + 60);
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "polycopy_ft_paper_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  fs::path file(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

void check(const core::Status& status, const char* what) {
  if (!status.ok()) throw std::runtime_error(std::string(what) + ": " + status.error().message);
}

store::FtStrategyParams copy_all(const std::string& name) {
  store::FtStrategyParams p;
  p.name = name;
  p.starting_cash = core::Usd::from_micros(1'000'000'000 * kUnit);
  p.max_trade_age_seconds = 10LL * 365 * 24 * 3600;
  p.min_trader_resolved_count = 0;
  p.allow_adding = true;
  p.sizing_mode = store::SizingMode::fixed;
  p.bet_size = core::Usd::from_micros(10 * kUnit);
  p.min_bet = core::Usd::from_micros(1 * kUnit);
  return p;
}

store::FtStrategyParams reject_all(const std::string& name) {
  store::FtStrategyParams p = copy_all(name);
  p.price_min = core::Price::from_micros(900'000).value();  // trades are at 0.20..0.80
  p.price_max = core::Price::from_micros(950'000).value();
  return p;
}

void add_strategy(store::Store& s, const std::string& id, const store::FtStrategyParams& params) {
  store::FtStrategy strategy;
  strategy.id = id;
  strategy.user_id = kUser;
  strategy.params = params;
  strategy.created_at = strategy.updated_at = kStart;
  check(s.insert_ft_strategy(strategy), "insert_ft_strategy");
}

void add_market(store::Store& s, std::size_t i, core::Timestamp now) {
  store::MarketRecord m;
  m.condition_id = condition(i);
  m.question = "Will bench market " + std::to_string(i) + " resolve Yes?";
  m.category = i % 2 ? "politics" : "crypto";
  m.end_at = now + std::chrono::hours(24 * 30);
  m.min_order_size = core::Shares::from_micros(5 * kUnit);
  m.updated_at = kStart;
  check(s.upsert_market(
            m, {{token(i, 0), m.condition_id, 0, "Yes"}, {token(i, 1), m.condition_id, 1, "No"}}),
        "upsert_market");
}

// Trade i: BUY at kStart + i s, price 0.20..0.80 in cents, 5..1000 shares. The first 5% are
// on the resolved markets, the rest spread over the open ones.
store::SourceTradeRecord make_trade(std::size_t i, std::size_t trades) {
  const std::size_t history = trades / 20;
  const std::size_t market =
      i < history ? kOpenMarkets + i % kResolvedMarkets : (i * 7) % kOpenMarkets;
  const std::size_t outcome = (i / 3) % 2;
  store::SourceTradeRecord r;
  r.trader_address = trader((i * 13) % kTraders);
  r.tx_hash = hex(0x5eed0000ull + i * 2654435761ull, 64);
  r.condition_id = condition(market);
  r.token_id = token(market, outcome);
  r.id = store::source_trade_id(r.tx_hash, r.token_id, r.trader_address);
  r.outcome = outcome == 0 ? "Yes" : "No";
  r.outcome_index = static_cast<std::int64_t>(outcome);
  r.side = store::TradeSide::buy;
  r.price =
      core::Price::from_micros(static_cast<std::int64_t>(200'000 + (i * 37) % 61 * 10'000)).value();
  r.size = core::Shares::from_micros(static_cast<std::int64_t>(5 + (i * 131) % 996) * kUnit);
  r.usd = core::notional(r.size, r.price, core::Rounding::down);
  r.traded_at = kStart + std::chrono::seconds(static_cast<std::int64_t>(i));
  r.received_at = r.traded_at + std::chrono::seconds(2);
  return r;
}

// A closed database file holding everything above, built once per trade count.
class Template {
 public:
  explicit Template(std::size_t trades) : trades_(trades) {
    const core::Timestamp now = evaluation_time(trades);
    auto s = store::open_sqlite_store(path().string()).value();
    (void)s->migrate().value();
    check(s->insert_user({kUser, "bench", kStart}), "insert_user");
    add_strategy(*s, kCopyAll, copy_all("copy all"));
    add_strategy(*s, kRejectAll, reject_all("reject all"));
    for (std::size_t m = 0; m < kOpenMarkets + kResolvedMarkets; ++m) add_market(*s, m, now);

    std::vector<store::SourceTradeRecord> batch;
    for (std::size_t i = 0; i < trades; ++i) {
      batch.push_back(make_trade(i, trades));
      if (batch.size() == 1000 || i + 1 == trades) {
        if (s->insert_source_trades(batch).value().size() != batch.size())
          throw std::runtime_error("a source trade was not stored");
        batch.clear();
      }
    }
    // The history markets resolved after their trades: every trader has resolved figures.
    const core::Timestamp resolved_at =
        kStart + std::chrono::seconds(static_cast<std::int64_t>(trades / 20) + 1);
    for (std::size_t m = kOpenMarkets; m < kOpenMarkets + kResolvedMarkets; ++m) {
      store::ResolutionRecord r;
      r.condition_id = condition(m);
      r.winning_outcome_index = static_cast<std::int64_t>(m % 2);
      r.payout_numerator_0 = m % 2 ? 0 : 1;
      r.payout_numerator_1 = m % 2 ? 1 : 0;
      r.payout_denominator = 1;
      r.resolved_at = resolved_at;
      r.recorded_at = resolved_at;
      check(s->record_resolution(r), "record_resolution");
    }
    std::size_t with_stats = 0;
    for (std::size_t t = 0; t < kTraders; ++t) {
      const auto stats = s->get_trader_stats(trader(t), now).value();
      if (stats && stats->resolved_count > 0) ++with_stats;
    }
    if (with_stats != kTraders) throw std::runtime_error("a trader has no resolved history");
  }

  fs::path path() const { return dir_.file("template.db"); }
  std::size_t trades() const { return trades_; }

 private:
  TempDir dir_;
  std::size_t trades_;
};

const Template& template_for(std::size_t trades) {
  static std::map<std::size_t, std::unique_ptr<Template>> built;
  auto& slot = built[trades];
  if (!slot) slot = std::make_unique<Template>(trades);
  return *slot;
}

// A private copy of the template, opened (not timed by the caller).
struct Copy {
  explicit Copy(const Template& t) {
    const fs::path target = dir.file("bench.db");
    fs::copy_file(t.path(), target);
    for (const char* suffix : {"-wal", "-shm"}) {
      const fs::path extra = t.path().string() + suffix;
      if (fs::exists(extra)) fs::copy_file(extra, target.string() + suffix);
    }
    db = store::open_sqlite_store(target.string()).value();
  }
  TempDir dir;
  std::unique_ptr<store::Store> db;
};

void run_strategy(benchmark::State& state, const std::string& strategy_id,
                  std::int64_t expected_accepted) {
  const auto trades = static_cast<std::size_t>(state.range(0));
  const Template* source = nullptr;
  try {
    source = &template_for(trades);
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  const core::Timestamp now = evaluation_time(trades);
  core::ManualClock clock(now);
  engine::FtRun last;
  for (auto _ : state) {
    state.PauseTiming();
    auto copy = std::make_unique<Copy>(*source);
    const auto strategy = copy->db->get_ft_strategy(kUser, strategy_id).value().value();
    engine::FtRunner runner(*copy->db, clock, kBatchSize);
    state.ResumeTiming();

    auto run = runner.run(strategy, {}, now);

    state.PauseTiming();
    if (!run) {
      state.SkipWithError(run.error().message.c_str());
      break;
    }
    last = *run;
    copy.reset();  // closing and deleting the copy is not timed
    state.ResumeTiming();
  }
  if (state.error_occurred()) return;
  if (last.evaluated != static_cast<std::int64_t>(trades)) {
    state.SkipWithError("not every trade was evaluated");
    return;
  }
  if (last.accepted != expected_accepted) {
    state.SkipWithError("unexpected number of accepted trades");
    return;
  }
  const auto iterations = static_cast<double>(state.iterations());
  state.SetItemsProcessed(state.iterations() * last.evaluated);
  state.counters["evaluated"] = static_cast<double>(last.evaluated);
  state.counters["accepted"] = static_cast<double>(last.accepted);
  state.counters["positions/s"] = benchmark::Counter(
      static_cast<double>(last.accepted) * iterations, benchmark::Counter::kIsRate);
}

// Every trade evaluated and stored: a signal each, plus a paper position for the 95% accepted.
void BM_FtPaperCopyAll(benchmark::State& state) {
  const auto trades = state.range(0);
  run_strategy(state, kCopyAll, trades - trades / 20);
}
BENCHMARK(BM_FtPaperCopyAll)->Arg(5'000)->Arg(20'000)->Unit(benchmark::kMillisecond)->UseRealTime();

// Every trade rejected at the price filter: one signal row per trade, no positions.
void BM_FtPaperRejectAll(benchmark::State& state) {
  run_strategy(state, kRejectAll, 0);
}
BENCHMARK(BM_FtPaperRejectAll)
    ->Arg(5'000)
    ->Arg(20'000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
