// Risk manager throughput on a real SQLite file: check_and_reserve (every rule set, all
// passing) as one write transaction each, with H resolved positions of history and 20
// orders in flight; each approved reservation is released again outside the timed region
// so the in-flight count stays put. Also the refusal path (a daily budget already used up)
// and a fill.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "core/clock.hpp"
#include "risk/risk_manager.hpp"
#include "store/store.hpp"

namespace {

namespace core = polycopy::core;
namespace risk = polycopy::risk;
namespace store = polycopy::store;
namespace fs = std::filesystem;

constexpr std::int64_t kUnit = core::kMicrosPerUnit;
const core::Timestamp kNow = core::from_unix_ms(1'772'463'600'000);

template <class T>
T need(core::Result<T> result) {
  if (!result) throw std::runtime_error(result.error().to_string());
  return std::move(result).value();
}
void need(const core::Status& status) {
  if (!status) throw std::runtime_error(status.error().to_string());
}

risk::OrderRequest order(int market) {
  risk::OrderRequest request;
  request.condition_id = "0xm" + std::to_string(market % 50);
  request.token_id = request.condition_id + "-yes";
  request.limit_price = core::Price::from_micros(500'000).value();
  request.size = core::Shares::from_micros(10 * kUnit);
  for (int level = 0; level < 10; ++level)
    request.asks.push_back({core::Price::from_micros(500'000 - level * 10'000).value(),
                            core::Shares::from_micros(1'000 * kUnit)});
  return request;
}

// A migrated database with one running LT strategy; removed at destruction.
class Fixture {
 public:
  explicit Fixture(bool tight_budget) {
    std::string pattern = (fs::temp_directory_path() / "polycopy_risk_bench_XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
    store_ = need(store::open_sqlite_store((dir_ / "bench.db").string()));
    need(store_->migrate());
    need(store_->insert_user({"usr_b", "bench", kNow}));
    store::FtStrategy ft;
    ft.id = "ft_b";
    ft.user_id = "usr_b";
    ft.params.name = "paper";
    ft.created_at = ft.updated_at = kNow;
    need(store_->insert_ft_strategy(ft));
    store::LtStrategy lt;
    lt.id = "lt_b";
    lt.user_id = "usr_b";
    lt.params.name = "live";
    lt.params.ft_strategy_id = "ft_b";
    lt.paused = false;
    lt.created_at = lt.updated_at = kNow;
    auto& r = lt.params.risk;
    const auto usd = [](std::int64_t whole) { return core::Usd::from_micros(whole * kUnit); };
    r.daily_budget_usd = tight_budget ? usd(0) : usd(1'000'000'000);
    r.weekly_budget_usd = usd(1'000'000'000);
    r.monthly_budget_usd = usd(1'000'000'000);
    r.max_position_usd = usd(1'000);
    r.max_total_exposure_usd = usd(1'000'000'000);
    r.max_open_positions = 1'000'000;
    r.max_positions_per_market = 1'000'000;
    r.max_drawdown_pct = core::Ratio::from_micros(500'000);
    r.consecutive_loss_limit = 10;
    r.max_slippage_pct = core::Ratio::from_micros(50'000);
    r.min_order_book_depth_usd = usd(100);
    need(store_->insert_lt_strategy(lt));
    manager_ = std::make_unique<risk::RiskManager>(*store_, clock_);
  }
  ~Fixture() {
    manager_.reset();
    store_.reset();
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  std::string reserve(int market) {
    auto outcome = need(manager_->check_and_reserve("lt_b", order(market)));
    if (!outcome.reservation_id) throw std::runtime_error("refused: " + outcome.refusal->message);
    clock_.advance(std::chrono::milliseconds(1));
    return *outcome.reservation_id;
  }
  void release(const std::string& id) {
    need(manager_->finish_order("lt_b", {id, risk::OrderEnd::cancelled}));
  }
  void fill(const std::string& id, int n) {
    risk::FillEvent event;
    event.reservation_id = id;
    event.fill_key = "vt_" + std::to_string(n);
    event.shares = core::Shares::from_micros(10 * kUnit);
    event.price = core::Price::from_micros(500'000).value();
    event.completes_order = true;
    event.filled_at = clock_.now();
    need(manager_->record_fill("lt_b", event));
  }
  void resolve(const std::string& id, bool won) {
    risk::ResolveEvent event;
    event.reservation_id = id;
    event.payout_per_share = won ? core::Price::one() : core::Price{};
    need(manager_->record_resolution("lt_b", event));
  }
  risk::RiskManager& manager() { return *manager_; }

 private:
  fs::path dir_;
  core::ManualClock clock_{kNow};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<risk::RiskManager> manager_;
};

void BM_CheckAndReserve(benchmark::State& state) {
  Fixture fixture(false);
  for (int i = 0; i < state.range(0); ++i) {
    const std::string id = fixture.reserve(i);
    fixture.fill(id, i);
    fixture.resolve(id, i % 2 == 0);  // alternate: the losing streak never reaches 10
  }
  for (int i = 0; i < 20; ++i) fixture.reserve(i);
  int n = 0;
  for (auto _ : state) {
    const std::string id = fixture.reserve(++n);
    state.PauseTiming();
    fixture.release(id);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CheckAndReserve)->Arg(0)->Arg(10'000)->Unit(benchmark::kMicrosecond)->UseRealTime();

void BM_CheckAndReserveRefused(benchmark::State& state) {
  Fixture fixture(true);
  int n = 0;
  for (auto _ : state) {
    auto outcome = fixture.manager().check_and_reserve("lt_b", order(++n));
    if (!outcome || !outcome->refusal) state.SkipWithError("expected a refusal");
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CheckAndReserveRefused)->Unit(benchmark::kMicrosecond)->UseRealTime();

void BM_RecordFill(benchmark::State& state) {
  Fixture fixture(false);
  int n = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const std::string id = fixture.reserve(++n);
    state.ResumeTiming();
    fixture.fill(id, n);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RecordFill)->Unit(benchmark::kMicrosecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
