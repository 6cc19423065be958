// Live trading against the simulator, in one process over real loopback sockets, on a real
// SQLite file (WAL), with a sealed wallet, permissive risk rules (all but the depth rule set,
// none binding) and an FT twin that accepts every trade of the followed trader (allow_adding, so
// the same tokens can be bought again). Each trade is priced two ticks under the best ask:
// its copy rests on the book and never fills.
//
//  1. BM_LtLatency: one source trade at a time is stored as new, then LtExecutor::run
//     evaluates it and places its order. Timed per trade with std::chrono::steady_clock:
//       total  = stored -> the signed POST /order handed to the HTTP transport (on the wire);
//       venue  = the venue round trips before the order (GET /book, GET /version);
//       engine = total - venue: reading the strategy and its book, evaluation, planning,
//                unsealing the key, signing, the risk check with its reservation and the
//                intent (one transaction), the L2 headers and the order's JSON.
//     The HTTP client's injected clock is a probe: net::HttpClient::send reads it right
//     before and right after each transport attempt, which brackets every request without
//     touching engine code. Also reported: storing the trade (insert) and what follows the
//     venue's answer (mark submitted, store the signal). Percentiles are computed here.
//  2. BM_LtThroughput: a backlog of N stored trades, one LtExecutor::run: posted orders/s.
//
//   build/lt_order_bench [--benchmark_filter=Latency]   (about 10-20 s on 2 cores)
// The database lives under $TMPDIR: TMPDIR=/dev/shm takes the disk's fsyncs (WAL
// checkpoints) out of the picture.
#include <benchmark/benchmark.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "chain/hex.hpp"
#include "chain/private_key.hpp"
#include "core/secret_box.hpp"
#include "engine/lt_executor.hpp"
#include "engine/order_placer.hpp"
#include "engine/wallet_access.hpp"
#include "net/http_client.hpp"
#include "polymarket/orders/engine_order.hpp"
#include "risk/risk_manager.hpp"
#include "sim/http/sim_server.hpp"
#include "sim/scenario/scenario_generator.hpp"
#include "sim/venue/venue.hpp"
#include "store/store.hpp"
#include "store/wallet_secret_context.hpp"

namespace {

using namespace polycopy;
namespace fs = std::filesystem;
using Steady = std::chrono::steady_clock;

constexpr std::int64_t kUnit = core::kMicrosPerUnit;
const std::string kKey = "0x00000000000000000000000000000000000000000000000000000000000000b2";
const std::string kTrader = "0x" + std::string(39, '0') + "7";

template <class T>
T need(core::Result<T> result) {
  if (!result) throw std::runtime_error(result.error().to_string());
  return std::move(result).value();
}
void need(const core::Status& status) {
  if (!status) throw std::runtime_error(status.error().to_string());
}

double us(Steady::duration d) {
  return std::chrono::duration<double, std::micro>(d).count();
}

// The HTTP client's clock: wall time for the client, and a steady stamp of every reading.
// HttpClient::send reads it once before its transport attempt and once after it.
class ProbeClock final : public core::Clock {
 public:
  core::Timestamp now() const override {
    std::lock_guard lock(mutex_);
    stamps_.push_back(Steady::now());
    return wall_.now();
  }
  std::vector<Steady::time_point> take() {
    std::lock_guard lock(mutex_);
    return std::exchange(stamps_, {});
  }

 private:
  core::SystemClock wall_;
  mutable std::mutex mutex_;
  mutable std::vector<Steady::time_point> stamps_;
};

struct Token {
  std::string condition_id, token_id;
  std::int64_t outcome_index;
  std::int64_t price_micros;  // two ticks under the best ask
};

// The simulator, a migrated store, a funded wallet, an FT twin and its LT strategy.
class World {
 public:
  World() : scenario_(make_scenario()) {
    sim::SimOptions options;
    options.rate_limits = false;
    options.threads = 2;
    server_ = std::make_unique<sim::SimServer>(scenario_, options, wall_);
    urls_ = need(server_->start());
    net::HttpClientOptions http_options;
    http_options.retry.max_attempts = 1;
    http_ = std::make_unique<net::HttpClient>(http_options, net::HttpClientDeps{&probe_});
    clock_.set(server_->venue().now());

    std::string pattern = (fs::temp_directory_path() / "polycopy_lt_bench_XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
    store_ = need(store::open_sqlite_store((dir_ / "bench.db").string()));
    need(store_->migrate());
    setup();
    risk_ = std::make_unique<risk::RiskManager>(*store_, clock_);
    wallets_ = std::make_unique<engine::WalletAccess>(*store_, box_, *http_, urls_.clob, clock_);
    placer_ = std::make_unique<engine::OrderPlacer>(*store_, *risk_, *wallets_, *http_, urls_.clob,
                                                    clock_);
    executor_ = std::make_unique<engine::LtExecutor>(*store_, *placer_, clock_);
  }
  ~World() {
    executor_.reset();
    placer_.reset();
    wallets_.reset();
    risk_.reset();
    store_.reset();
    server_->stop();
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  // Stores the next trade of the followed trader (a new transaction each time).
  void add_trade() {
    const Token& t = tokens_[static_cast<std::size_t>(next_tx_) % tokens_.size()];
    store::SourceTradeRecord r;
    r.trader_address = kTrader;
    r.tx_hash = tx_hash(++next_tx_);
    r.condition_id = t.condition_id;
    r.token_id = t.token_id;
    r.id = store::source_trade_id(r.tx_hash, r.token_id, r.trader_address);
    r.outcome = t.outcome_index == 0 ? "Yes" : "No";
    r.outcome_index = t.outcome_index;
    r.side = store::TradeSide::buy;
    r.price = need(core::Price::from_micros(t.price_micros));
    r.size = core::Shares::from_micros(50 * kUnit);
    r.usd = core::notional(r.size, r.price, core::Rounding::down);
    r.traded_at = r.received_at = clock_.now();
    if (need(store_->insert_source_trades({r})).size() != 1)
      throw std::runtime_error("trade not stored as new");
  }

  // One executor pass, as LtEngine::execute makes it (without its reconciler and venue
  // adoption): the strategy, its twin and its wallet (with the cached API credentials) are
  // read, then every trade it evaluates must become a posted order.
  engine::LtRun run() {
    const auto lt = need(store_->get_lt_strategy("usr_b", "lt_b")).value();
    const auto twin = need(store_->get_ft_strategy("usr_b", "ft_b")).value();
    const auto wallet = need(store_->find_wallet("wal_b")).value();
    auto done = need(executor_->run(lt, twin, wallet, {}));
    if (done.stopped) throw std::runtime_error("stopped: " + done.stopped->to_string());
    if (done.posted != done.evaluated)
      throw std::runtime_error("evaluated " + std::to_string(done.evaluated) + ", posted " +
                               std::to_string(done.posted) + " (refused by risk " +
                               std::to_string(done.refused_by_risk) + ", rejected " +
                               std::to_string(done.rejected) + ", not placeable " +
                               std::to_string(done.not_placeable) + ")");
    return done;
  }

  ProbeClock& probe() { return probe_; }
  std::size_t tokens() const { return tokens_.size(); }

 private:
  static sim::Scenario make_scenario() {
    sim::GeneratorOptions options;
    options.seed = 43;
    options.traders = 2;
    options.markets = 60;
    options.horizon = std::chrono::hours(24);
    options.speed = 0;  // frozen simulated time
    auto scenario = sim::generate_scenario(options);
    scenario.speed = 0;
    return scenario;
  }

  static std::string tx_hash(std::uint64_t n) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out(64, '0');
    for (std::size_t i = 0; i < 64 && n != 0; ++i, n >>= 4) out[63 - i] = kDigits[n & 15];
    return "0x" + out;
  }

  void setup() {
    const auto now = clock_.now();
    need(store_->insert_user({"usr_b", "bench", now}));
    // Open markets with a 0.01 tick on the server's order version: both outcomes, when the
    // copy (two ticks under the best ask) stays well inside (0, 1).
    for (const auto& m : scenario_.markets) {
      if (m.closed || m.winner || m.order_version != scenario_.server_version ||
          m.tick != polymarket::TickSize::t0_01 || m.outcomes.size() != 2)
        continue;
      store::MarketRecord record;
      record.condition_id = chain::to_hex(m.condition_id);
      record.question = m.question;
      record.updated_at = now;
      std::vector<Token> added;
      for (std::size_t i = 0; i < m.outcomes.size(); ++i) {
        const auto& asks = m.outcomes[i].asks;
        if (asks.empty()) continue;
        std::int64_t best = kUnit;
        for (const auto& level : asks) best = std::min(best, level.price.micros());
        if (best < 100'000 || best > 900'000) continue;
        added.push_back({record.condition_id, m.outcomes[i].token_id.to_decimal(),
                         static_cast<std::int64_t>(i), best - 20'000});
      }
      need(store_->upsert_market(
          record, {{m.outcomes[0].token_id.to_decimal(), record.condition_id, 0, "Yes"},
                   {m.outcomes[1].token_id.to_decimal(), record.condition_id, 1, "No"}}));
      tokens_.insert(tokens_.end(), added.begin(), added.end());
    }
    if (tokens_.size() < 10) throw std::runtime_error("too few open tokens in the scenario");

    const auto key = need(chain::PrivateKey::parse(kKey));
    const auto big = core::Usd::from_micros(1'000'000'000 * kUnit);
    server_->venue().fund(key.address(), big, big);
    store::Wallet wallet;
    wallet.id = "wal_b";
    wallet.user_id = "usr_b";
    wallet.address = chain::to_hex(key.address());
    wallet.encrypted_private_key =
        box_.seal(kKey, store::wallet_secret_context("wal_b", store::kPrivateKeySecret));
    wallet.created_at = now;
    need(store_->insert_wallet(wallet));

    store::FtStrategy twin;
    twin.id = "ft_b";
    twin.user_id = "usr_b";
    twin.params.name = "paper";
    twin.params.target_traders = {kTrader};
    twin.params.min_trader_resolved_count = 0;
    twin.params.allow_adding = true;
    twin.params.bet_size = core::Usd::from_micros(6 * kUnit);
    twin.params.starting_cash = big;
    twin.created_at = twin.updated_at = now;
    need(store_->insert_ft_strategy(twin));

    store::LtStrategy lt;
    lt.id = "lt_b";
    lt.user_id = "usr_b";
    lt.params.name = "live";
    lt.params.ft_strategy_id = "ft_b";
    lt.params.wallet_id = "wal_b";
    lt.params.starting_equity = big;
    auto& r = lt.params.risk;  // every rule but depth set, none binding
    const auto usd = [](std::int64_t whole) { return core::Usd::from_micros(whole * kUnit); };
    r.daily_budget_usd = r.weekly_budget_usd = r.monthly_budget_usd = usd(100'000'000);
    r.max_position_usd = usd(1'000'000);
    r.max_total_exposure_usd = usd(100'000'000);
    r.max_open_positions = 1'000'000;
    r.max_positions_per_market = 1'000'000;
    r.max_drawdown_pct = core::Ratio::from_micros(500'000);
    r.consecutive_loss_limit = 10;
    r.max_slippage_pct = core::Ratio::from_micros(1'000'000);  // ask over limit, per limit
    // min_order_book_depth_usd counts asks at or under the limit: a resting order has none.
    lt.paused = false;
    lt.created_at = lt.updated_at = now;
    need(store_->insert_lt_strategy(lt));
  }

  sim::Scenario scenario_;
  core::SystemClock wall_;
  std::unique_ptr<sim::SimServer> server_;
  sim::BaseUrls urls_;
  ProbeClock probe_;
  std::unique_ptr<net::HttpClient> http_;
  core::ManualClock clock_;
  fs::path dir_;
  std::unique_ptr<store::Store> store_;
  core::SecretBox box_ = core::SecretBox::from_hex(std::string(64, 'd')).value();
  std::unique_ptr<risk::RiskManager> risk_;
  std::unique_ptr<engine::WalletAccess> wallets_;
  std::unique_ptr<engine::OrderPlacer> placer_;
  std::unique_ptr<engine::LtExecutor> executor_;
  std::vector<Token> tokens_;
  std::uint64_t next_tx_ = 0;
};

struct Percentiles {
  double p50, p90, p99, max;
};
Percentiles percentiles(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const auto at = [&](double q) {
    return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))];
  };
  return {at(0.50), at(0.90), at(0.99), v.back()};
}

void BM_LtLatency(benchmark::State& state) {
  const auto trades = static_cast<std::size_t>(state.range(0));
  World world;
  for (int i = 0; i < 20; ++i) {  // warm-up: API credentials, connections, page cache
    world.add_trade();
    world.run();
  }
  std::vector<double> insert, total, venue, engine, after;
  std::size_t requests = 0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < trades; ++i) {
      const auto before = Steady::now();
      world.add_trade();
      const auto stored = Steady::now();
      (void)world.probe().take();
      world.run();
      const auto done = Steady::now();
      // Pairs of (before, after) stamps, one per request; the last request is POST /order.
      const auto stamps = world.probe().take();
      if (stamps.size() < 4 || stamps.size() % 2 != 0)
        throw std::runtime_error("unexpected requests: " + std::to_string(stamps.size()));
      requests += stamps.size() / 2;
      Steady::duration waited{};
      for (std::size_t k = 0; k + 2 < stamps.size(); k += 2) waited += stamps[k + 1] - stamps[k];
      const auto wire = stamps[stamps.size() - 2];
      insert.push_back(us(stored - before));
      total.push_back(us(wire - stored));
      venue.push_back(us(waited));
      engine.push_back(us(wire - stored - waited));
      after.push_back(us(done - stamps.back()));
    }
  }
  const auto report = [&](const char* name, const std::vector<double>& v) {
    const auto p = percentiles(v);
    state.counters[std::string(name) + "_p50_us"] = p.p50;
    state.counters[std::string(name) + "_p99_us"] = p.p99;
    state.counters[std::string(name) + "_max_us"] = p.max;
    std::printf("  %-7s p50 %8.1f  p90 %8.1f  p99 %8.1f  max %8.1f us\n", name, p.p50, p.p90, p.p99,
                p.max);
  };
  std::printf("lt latency over %zu trades (%zu tokens):\n", total.size(), world.tokens());
  report("total", total);
  report("engine", engine);
  report("venue", venue);
  report("insert", insert);
  report("after", after);
  // Growth with the live orders already stored: the engine's median, first vs last tenth.
  const auto tenth = engine.size() / 10;
  const auto first = percentiles({engine.begin(), engine.begin() + tenth}).p50;
  const auto last = percentiles({engine.end() - tenth, engine.end()}).p50;
  std::printf("  engine p50 over the first / last tenth: %.1f / %.1f us; %.1f requests per order\n",
              first, last, static_cast<double>(requests) / static_cast<double>(total.size()));
  const auto engine_p99 = percentiles(engine).p99;
  std::printf("  engine p99 %.1f us: the 1 ms target is %s\n", engine_p99,
              engine_p99 < 1000.0 ? "met" : "NOT met");
}
BENCHMARK(BM_LtLatency)->Arg(1'000)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_LtThroughput(benchmark::State& state) {
  const auto backlog = state.range(0);
  World world;
  world.add_trade();  // warm-up
  world.run();
  std::int64_t posted = 0;
  for (auto _ : state) {
    state.PauseTiming();
    for (std::int64_t i = 0; i < backlog; ++i) world.add_trade();
    state.ResumeTiming();
    posted += world.run().posted;
  }
  state.counters["orders_per_s"] =
      benchmark::Counter(static_cast<double>(posted), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_LtThroughput)->Arg(2'000)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  spdlog::set_level(spdlog::level::warn);  // the engine's info lines are not what is measured
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
