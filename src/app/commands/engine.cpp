// `polycopy engine run`: the forward-testing engine against the configured venue
// ([polymarket] URLs), one tick every --interval seconds until SIGINT/SIGTERM, or one tick
// with --once (its report as JSON on stdout; exit 1 when a step failed).
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "app/alert_jobs.hpp"
#include "app/api_server.hpp"
#include "app/command_context.hpp"
#include "app/commands.hpp"
#include "app/health_jobs.hpp"
#include "app/lt_jobs.hpp"
#include "app/wallet_key.hpp"
#include "engine/activity_watch.hpp"
#include "engine/ft_engine.hpp"
#include "engine/process_health.hpp"
#include "engine/tick_scheduler.hpp"
#include "engine/venue_clock.hpp"
#include "net/http_client.hpp"
#include "net/rate_limiter.hpp"
#include "polymarket/clients/clob_public_client.hpp"
#include "polymarket/clients/data_client.hpp"
#include "polymarket/clients/gamma_client.hpp"
#include "polymarket/clients/rate_limits.hpp"
#include "service/metrics_registry.hpp"

namespace polycopy::app {
namespace {

struct EngineFlags {
  bool once = false;
  std::int64_t interval_s = 60;
  std::int64_t market_refresh_s = 300;
  std::int64_t discovery_s = 3600;
  std::string clock = "system";
  bool websocket = true;
  std::int64_t min_gap_s = 10;
  std::string listen;  // also serve the API (with the job routes) on HOST:PORT
};

nlohmann::json to_json(const engine::TickReport& r) {
  return {{"strategies", r.strategies},
          {"traders", r.traders},
          {"trades_fetched", r.trades_fetched},
          {"trades_stored", r.trades_stored},
          {"markets_stored", r.markets_stored},
          {"resolutions", r.resolutions},
          {"positions_settled", r.positions_settled},
          {"evaluated", r.evaluated},
          {"accepted", r.accepted},
          {"problems", r.problems}};
}

// SIGINT/SIGTERM stop the scheduler. The signals (and SIGUSR2, the thread's own exit call)
// are blocked in every thread, which must be so before any other thread starts.
class StopSignals {
 public:
  explicit StopSignals(engine::TickScheduler& scheduler) {
    sigemptyset(&signals_);
    sigaddset(&signals_, SIGINT);
    sigaddset(&signals_, SIGTERM);
    sigaddset(&signals_, SIGUSR2);
    pthread_sigmask(SIG_BLOCK, &signals_, nullptr);
    thread_ = std::thread([this, &scheduler] {
      int got = 0;
      sigwait(&signals_, &got);
      if (got != SIGUSR2) scheduler.stop();
    });
  }
  ~StopSignals() {
    pthread_kill(thread_.native_handle(), SIGUSR2);
    thread_.join();
  }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

 private:
  sigset_t signals_;
  std::thread thread_;
};

// The checks of what runs in this process: the Data API's freshness per followed trader,
// the websockets (market, and each wallet's user socket), the live-trading jobs, and the
// trading wallets' funds against their open commitments.
void add_process_probes(HealthJobs& health, const engine::FtEngine& ft, LtJobs* lt,
                        const core::Clock& clock, const EngineFlags& flags, std::mutex& watch_mutex,
                        const std::unique_ptr<engine::ActivityWatch>& watch) {
  // Stale after three ticks without an answer for the trader.
  const auto max_age = std::chrono::seconds(3 * flags.interval_s);
  health.add_probe([&ft, &clock, max_age] {
    return std::vector<store::HealthCheckRecord>{ft.freshness().check(clock.now(), max_age)};
  });
  health.add_probe([&watch_mutex, &watch, &clock] {
    std::lock_guard lock(watch_mutex);
    std::vector<store::HealthCheckRecord> out;
    if (watch) out.push_back(engine::websocket_check("ws_market", watch->stats(), clock.now()));
    return out;
  });
  if (!lt) return;
  health.add_probe([lt, &clock] {
    std::vector<store::HealthCheckRecord> out;
    for (const auto& [wallet_id, stats] : lt->user_socket_stats())
      out.push_back(engine::websocket_check("ws_user:" + wallet_id, stats, clock.now()));
    out.push_back(engine::jobs_check(lt->job_statuses(), std::chrono::steady_clock::now()));
    for (auto& check : lt->wallet_funds()) out.push_back(std::move(check));
    return out;
  });
}

void run_engine(const GlobalFlags& global, const EngineFlags& flags) {
  if (flags.clock != "system" && flags.clock != "venue") {
    fail({"invalid_argument", "--clock must be system or venue"}, kExitUsage);
  }
  if (flags.interval_s <= 0 || flags.market_refresh_s <= 0 || flags.discovery_s <= 0 ||
      flags.min_gap_s < 0) {
    fail({"invalid_argument", "intervals must be positive seconds"}, kExitUsage);
  }
  engine::TickScheduler scheduler;
  StopSignals stop_signals(scheduler);

  CommandContext context = load_context(global);
  const auto server_config = with_listen(context.config().server, flags.listen);
  store::Store& store = context.store();
  const auto& venue = context.config().polymarket;

  core::SystemClock system_clock;
  net::RateLimiter limiter(system_clock);
  polymarket::apply_rate_limits(limiter, polymarket::default_rate_limits());
  net::HttpClientDeps deps;
  deps.limiter = &limiter;
  net::HttpClient http({}, deps);
  polymarket::DataClient data(http, venue.data_url);
  polymarket::GammaClient gamma(http, venue.gamma_url);
  polymarket::ClobPublicClient clob(http, venue.clob_url);
  engine::VenueClock venue_clock(clob, system_clock);
  const bool use_venue_clock = flags.clock == "venue";
  const core::Clock& clock =
      use_venue_clock ? static_cast<const core::Clock&>(venue_clock) : system_clock;

  engine::FtEngineOptions options;
  options.market_refresh_interval = std::chrono::seconds(flags.market_refresh_s);
  options.discovery_interval = std::chrono::seconds(flags.discovery_s);
  engine::FtEngine ft(store, data, gamma, clock, options);
  // The process's counters (GET /metrics with --listen): websocket reconnects, requests.
  service::MetricsRegistry metrics;

  // Live trading needs the wallet key; without one, the engine paper-trades only.
  std::optional<core::SecretBox> lt_wallet_key;
  std::unique_ptr<LtJobs> lt;
  if (auto wallet_key = load_wallet_key(context.config(), current_environment()); wallet_key) {
    lt_wallet_key.emplace(std::move(*wallet_key));
    lt = std::make_unique<LtJobs>(
        store, *lt_wallet_key, http, venue.clob_url, clock,
        [&ft](const std::string& ft_id) { return ft.discovered_traders(ft_id); });
    if (flags.websocket && !flags.once)
      lt->enable_user_fills(venue.ws_url + "/user", metrics.ws_reconnect_hook("user"));
    if (context.config().chain.auto_redeem) lt->enable_redemption(context.config().chain);
  } else if (wallet_key.error().code == "wallet_key_missing") {
    spdlog::warn("live trading is off: {}", wallet_key.error().message);
  } else {
    fail(wallet_key.error(), kExitUsage);
  }
  // The market websocket (early ticks on activity): created below, read by its health check
  // (so declared before the health jobs, which outlive neither).
  std::mutex watch_mutex;
  std::unique_ptr<engine::ActivityWatch> watch;
  // Health checks (recorded for /readyz and /api/health); the node only when redeeming.
  const bool redeeming = lt && context.config().chain.auto_redeem;
  HealthJobs health(store, clock, clob, http, redeeming ? &context.config().chain : nullptr);
  add_process_probes(health, ft, lt.get(), clock, flags, watch_mutex, watch);
  // Alert rules and their delivery to the configured channels (own thread).
  AlertJobs alerts(store, clock, context.config().alerts);
  std::unique_ptr<ApiServer> api;
  if (!flags.listen.empty()) {
    service::JobAccess access;
    access.jobs = lt.get();
    access.cron_secret =
        require(load_cron_secret(context.config(), current_environment()), kExitUsage);
    api = std::make_unique<ApiServer>(store, clock, lt_wallet_key ? &*lt_wallet_key : nullptr,
                                      access, server_config, &metrics);
  }
  spdlog::info("polycopy {} engine: data {}, gamma {}, clock {}, every {} s", kVersion,
               venue.data_url, venue.gamma_url, flags.clock, flags.interval_s);

  if (flags.websocket && !flags.once) {
    std::lock_guard lock(watch_mutex);
    watch = std::make_unique<engine::ActivityWatch>(
        venue.ws_url + "/market", [&scheduler] { scheduler.wake(); },
        metrics.ws_reconnect_hook("market"));
  }
  bool watch_started = false;
  bool jobs_started = false;

  while (true) {
    // With the venue's clock, the tick runs as of the venue time just read.
    engine::TickReport report;
    std::optional<core::Timestamp> at;
    if (use_venue_clock) {
      auto synced = venue_clock.sync();
      if (synced) {
        at = *synced;
      } else {
        report.problems.push_back("venue clock: " + synced.error().code + ": " +
                                  synced.error().message);
      }
    }
    if (report.problems.empty()) report = ft.tick(at);
    for (const auto& problem : report.problems) spdlog::warn("tick: {}", problem);
    // New source trades are executed at once (the sweep catches anything missed).
    if (lt && !flags.once && report.trades_stored > 0) lt->trades_arrived();
    spdlog::info(
        "tick: {} strategies, {} traders, {} new trades, {} markets, {} resolutions, {} "
        "settled, {} evaluated, {} accepted",
        report.strategies, report.traders, report.trades_stored, report.markets_stored,
        report.resolutions, report.positions_settled, report.evaluated, report.accepted);
    if (flags.once) {
      nlohmann::json out = to_json(report);
      std::size_t problems = report.problems.size();
      if (lt) {
        // One pass of each live-trading job, in order, as of the same tick.
        for (const char* job : {"lt-execute", "lt-track", "lt-resolve", "lt-redemptions"}) {
          auto ran = lt->run_job(job, std::nullopt);
          if (!ran) fail(ran.error());
          problems += (*ran)["problems"].size();
          out["lt"][job] = std::move(*ran);
        }
      }
      out["health"] = health.run_now();
      out["alerts"] = alerts.run_now();
      std::cout << out.dump() << "\n";
      if (problems > 0) fail({"tick_incomplete", std::to_string(problems) + " step(s) failed"});
      return;
    }
    if (!jobs_started) {
      if (lt) lt->start();
      health.start();
      alerts.start();
      jobs_started = true;
    }
    if (watch) {
      if (auto tokens = engine::tokens_to_watch(store); tokens) {
        watch->watch(*tokens);
      } else {
        spdlog::warn("websocket: {}: {}", tokens.error().code, tokens.error().message);
      }
      if (!watch_started) {
        if (auto started = watch->start(); !started) {
          spdlog::warn("websocket: {}: {} (polling only)", started.error().code,
                       started.error().message);
          std::lock_guard lock(watch_mutex);
          watch.reset();
        }
        watch_started = true;
      }
    }
    // The next tick: after the interval, or early on market activity, min_gap after it (so a
    // burst of trades makes one tick).
    const auto wake = scheduler.wait(std::chrono::seconds(flags.interval_s));
    if (wake == engine::TickScheduler::Wake::stop) break;
    if (wake == engine::TickScheduler::Wake::activity &&
        !scheduler.pause(std::chrono::seconds(flags.min_gap_s))) {
      break;
    }
  }
  if (watch) watch->stop();
  alerts.stop();
  health.stop();
  if (lt) lt->stop();
  spdlog::info("engine stopped");
}

}  // namespace

void register_engine_commands(CLI::App& cli, GlobalFlags& flags, int& exit_code) {
  auto* group = cli.add_subcommand("engine", "the trading engine");
  group->require_subcommand(1);
  auto engine_flags = std::make_shared<EngineFlags>();
  auto* run = group->add_subcommand(
      "run", "follow traders and paper-trade every active FT strategy until SIGINT/SIGTERM");
  run->add_flag("--once", engine_flags->once, "run one tick, print its report as JSON, exit");
  run->add_option("--interval", engine_flags->interval_s, "seconds between ticks (default 60)");
  run->add_option("--market-refresh", engine_flags->market_refresh_s,
                  "seconds between refreshes of open markets (default 300)");
  run->add_option("--discovery-interval", engine_flags->discovery_s,
                  "seconds between leaderboard reads (default 3600)");
  run->add_option("--clock", engine_flags->clock,
                  "system (default) or venue: take the time from the venue's GET /time (for "
                  "the simulator, whose time is simulated)");
  run->add_flag("--websocket,!--no-websocket", engine_flags->websocket,
                "wake early on trades and resolutions of watched markets seen on the market "
                "websocket ([polymarket] ws_url + /market; default on)");
  run->add_option("--min-gap", engine_flags->min_gap_s,
                  "seconds at least between two ticks woken by the websocket (default 10)");
  run->add_option("--listen", engine_flags->listen,
                  "also serve the API on HOST:PORT, with the job routes (POST /api/lt/execute, "
                  "/api/cron/*) running this engine's jobs");
  run->callback(
      command_callback(exit_code, [&flags, engine_flags] { run_engine(flags, *engine_flags); }));
}

}  // namespace polycopy::app
