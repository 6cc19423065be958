#include "app/demo/demo_run.hpp"

#include <iostream>

#include "engine/ft_engine.hpp"
#include "engine/lt_engine.hpp"
#include "polymarket/clients/data_client.hpp"
#include "polymarket/clients/gamma_client.hpp"
#include "risk/risk_manager.hpp"
#include "service/time_format.hpp"

namespace polycopy::app {
namespace {

void note_problems(const std::vector<std::string>& problems, DemoCounters& counters) {
  for (const auto& problem : problems) std::cerr << "problem: " << problem << "\n";
  counters.problems += static_cast<std::int64_t>(problems.size());
}

std::string iso_minutes(core::Timestamp at) {
  const auto text = service::format_iso8601(at);  // 2026-01-01T00:00:00.000Z
  return text.substr(0, 16).replace(10, 1, " ");
}

}  // namespace

core::Result<DemoCounters> run_demo_steps(
    store::Store& store, const core::SecretBox& wallet_key, net::HttpClient& http,
    const sim::BaseUrls& urls, core::ManualClock& clock,
    const std::function<core::Result<core::Timestamp>(std::chrono::seconds)>& advance,
    const DemoRunOptions& options) {
  polymarket::DataClient data(http, urls.data);
  polymarket::GammaClient gamma(http, urls.gamma);
  engine::FtEngineOptions ft_options;
  ft_options.market_refresh_interval = options.step;
  engine::FtEngine ft(store, data, gamma, clock, ft_options);
  risk::RiskManager risk(store, clock);
  engine::WalletAccess wallets(store, wallet_key, http, urls.clob, clock);
  engine::LtEngine lt(store, risk, wallets, http, urls.clob, clock);

  DemoCounters counters;
  for (int step = 0; step <= options.steps; ++step) {
    if (step > 0) {
      auto now = advance(std::chrono::duration_cast<std::chrono::seconds>(options.step));
      if (!now) return now.error();
      clock.set(*now);
    }
    const auto tick = ft.tick();
    note_problems(tick.problems, counters);
    counters.source_trades += tick.trades_stored;
    counters.resolutions += tick.resolutions;
    counters.ft_accepted += tick.accepted;

    const auto executed = lt.execute({});
    note_problems(executed.problems, counters);
    counters.lt_evaluated += executed.runs.evaluated;
    counters.lt_posted += executed.runs.posted;
    counters.lt_refused_by_risk += executed.runs.refused_by_risk;
    counters.lt_not_placeable += executed.runs.not_placeable;
    counters.lt_rejected += executed.runs.rejected;

    const auto tracked = lt.track();
    note_problems(tracked.problems, counters);
    counters.fills += tracked.fills_recorded;
    counters.orders_ended += tracked.orders_ended;

    auto resolved = lt.resolve();
    if (!resolved) return resolved.error();
    note_problems(resolved->errors, counters);
    counters.paper_settled += resolved->paper_settled + tick.positions_settled;
    counters.lt_settled += resolved->settled;
    counters.lt_won += resolved->won;
    counters.lt_lost += resolved->lost;

    if (step % options.progress_every == 0 || step == options.steps) {
      std::cerr << "[" << iso_minutes(clock.now()) << "] step " << step << "/" << options.steps
                << ": " << counters.source_trades << " trades, " << counters.lt_posted
                << " orders, " << counters.fills << " fills, " << counters.lt_refused_by_risk
                << " refused by risk, " << counters.lt_settled << " LT positions settled\n";
    }
  }
  return counters;
}

}  // namespace polycopy::app
