// `polycopy demo`: the whole product on one machine in under a minute. Starts the simulated
// venue and a fresh SQLite store (in a temporary folder, or --dir), creates a user, an FT
// strategy and its LT twin with risk rules, runs a seeded scenario (the venue's clock moved
// 15 minutes a step over three simulated days) through the engine, and prints a report.
// --keep then leaves the API (and the simulator) up to explore until Ctrl-C. With
// --alert-webhook the alerts the run raised (the breaker's trip…) go to that webhook.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "app/alert_jobs.hpp"
#include "app/command_context.hpp"
#include "app/commands.hpp"
#include "app/demo/demo_report.hpp"
#include "app/demo/demo_run.hpp"
#include "app/demo/demo_setup.hpp"
#include "app/lt_jobs.hpp"
#include "core/ids.hpp"
#include "service/api_routes.hpp"
#include "service/http_server.hpp"
#include "sim/http/sim_server.hpp"
#include "sim/scenario/scenario_generator.hpp"

namespace polycopy::app {
namespace {

struct DemoFlags {
  std::string dir;
  std::uint64_t seed = 7;
  int days = 3;
  bool keep = false;
  bool json = false;
  std::string listen = "127.0.0.1:8787";
  std::string alert_webhook, alert_webhook_secret;
};

// The run's alerts through the rules and to the webhook, as of the demo's clock.
void deliver_demo_alerts(store::Store& store, const core::Clock& clock, const DemoFlags& flags) {
  Config::Alerts alerts;
  alerts.webhook_url = flags.alert_webhook;
  alerts.webhook_secret = flags.alert_webhook_secret;
  alerts.webhook_min_severity = "info";
  AlertJobs jobs(store, clock, alerts, std::chrono::hours(24 * (flags.days + 1)));
  const auto report = jobs.run_now();
  const auto& delivery = report["alert-delivery"];
  std::cerr << "alerts: " << report["alert-rules"].value("raised", 0) << " raised by the rules, "
            << delivery.value("sent", 0) << " delivered to " << flags.alert_webhook << ", "
            << delivery.value("retrying", 0) + delivery.value("failed", 0) << " not delivered\n";
}

std::filesystem::path demo_dir(const std::string& given) {
  if (!given.empty()) {
    std::error_code error;
    std::filesystem::create_directories(given, error);
    if (error) fail({"invalid_argument", "--dir " + given + ": " + error.message()}, kExitUsage);
    return given;
  }
  std::string pattern = (std::filesystem::temp_directory_path() / "polycopy-demo-XXXXXX").string();
  if (!mkdtemp(pattern.data())) fail({"io_error", "cannot create a temporary folder"});
  return pattern;
}

void run_demo(const DemoFlags& flags) {
  if (flags.days < 1 || flags.days > 7)
    fail({"invalid_argument", "--days must be 1 to 7"}, kExitUsage);
  std::string host;
  std::uint16_t port = 0;
  if (std::string reason; !parse_listen_address(flags.listen, host, port, reason))
    fail({"invalid_argument", "--listen: " + reason}, kExitUsage);
  // Ctrl-C (with --keep) is waited for here; every thread started below inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  // The report is the output: the engine's routine logging would bury it (the problems
  // the jobs report are printed and counted by the run itself).
  spdlog::set_level(spdlog::level::err);
  const auto dir = demo_dir(flags.dir);
  const std::string db = (dir / "polycopy.db").string();
  if (std::filesystem::exists(db))
    fail({"invalid_argument", db + " exists: give --dir an empty folder"}, kExitUsage);
  auto store = require(store::open_sqlite_store(db));
  require(store->migrate());

  sim::GeneratorOptions generator;
  generator.seed = flags.seed;
  generator.traders = 8;
  generator.markets = 30;
  generator.horizon = std::chrono::hours(24 * (flags.days + 1));
  generator.speed = 0;  // the demo moves the venue's clock itself, a step at a time
  auto scenario = sim::generate_scenario(generator);
  scenario.speed = 0;
  core::SystemClock wall;
  sim::SimOptions sim_options;
  sim_options.rate_limits = false;  // one engine, a few thousand requests in a minute
  sim::SimServer venue(scenario, sim_options, wall);
  const auto urls = require(venue.start());
  std::cerr << "polycopy demo: simulator at " << urls.clob << " (seed " << flags.seed << ", "
            << scenario.traders.size() << " traders, " << scenario.markets.size()
            << " markets), database " << db << "\n";

  net::HttpClientOptions http_options;
  net::HttpClient http(http_options);
  core::ManualClock clock(scenario.start);
  const auto wallet_key = require(core::SecretBox::from_hex(core::random_hex(32)));
  const auto cast = require(create_demo_cast(*store, clock, wallet_key, scenario));
  std::cerr << "created user demo, FT strategy " << cast.ft_id << " and its live twin "
            << cast.lt_id
            << " (daily budget 40 USD, breaker at 3 losses in a row or 5 % drawdown)\n";

  const auto advance = [&](std::chrono::seconds by) -> core::Result<core::Timestamp> {
    auto answer =
        http.post(urls.sim + "/clock/advance", nlohmann::json{{"seconds", by.count()}}.dump(),
                  {{"Content-Type", "application/json"}});
    if (!answer) return answer.error().to_error();
    const auto body = nlohmann::json::parse(answer->body, nullptr, false);
    if (!body.is_object() || !body.contains("now_ms"))
      return core::Error{"sim_error", "the simulator's clock did not answer: " + answer->body};
    return core::from_unix_ms(body["now_ms"].get<std::int64_t>());
  };
  DemoRunOptions run_options;
  run_options.steps = 4 * 24 * flags.days;
  const auto counters =
      require(run_demo_steps(*store, wallet_key, http, urls, clock, advance, run_options));
  if (!flags.alert_webhook.empty()) deliver_demo_alerts(*store, clock, flags);
  const auto report = require(demo_report(*store, cast, counters));
  if (flags.json) {
    std::cout << report.dump(2) << std::endl;
  } else {
    std::cout << format_demo_report(report) << std::flush;
  }
  if (!flags.keep) return;

  LtJobs jobs(*store, wallet_key, http, urls.clob, clock, {});
  service::JobAccess access;
  access.jobs = &jobs;
  const auto router = service::make_api_router(*store, clock, &wallet_key, access);
  service::ServerOptions options;
  options.host = host;
  options.port = port;
  service::HttpServer server(
      options, [&router](const service::HttpRequest& request) { return router.handle(request); });
  const auto bound = require(server.start());
  std::cerr << "\nAPI at http://" << host << ":" << bound << " (Authorization: Bearer "
            << cast.api_key << "), e.g. GET /api/lt/strategies/" << cast.lt_id
            << "/performance; simulator at " << urls.clob << "; Ctrl-C to stop\n";
  int received = 0;
  sigwait(&signals, &received);
  server.stop();
  venue.stop();
}

}  // namespace

void register_demo_command(CLI::App& cli, GlobalFlags& flags, int& exit_code) {
  auto* command = cli.add_subcommand(
      "demo", "run the simulator and the engine on a seeded scenario, print a report");
  auto f = std::make_shared<DemoFlags>();
  command->add_option("--dir", f->dir, "folder for the SQLite file (default: a new temp folder)");
  command->add_option("--seed", f->seed, "scenario seed")->capture_default_str();
  command->add_option("--days", f->days, "simulated days (1-7)")->capture_default_str();
  command->add_flag("--keep", f->keep, "leave the API and the simulator up until Ctrl-C");
  command->add_option("--listen", f->listen, "API address with --keep")->capture_default_str();
  command->add_flag("--json", f->json, "print the report as JSON");
  command->add_option("--alert-webhook", f->alert_webhook,
                      "send the run's alerts to this webhook URL (JSON, HMAC-signed)");
  command->add_option("--alert-webhook-secret", f->alert_webhook_secret,
                      "the webhook's HMAC secret (default: POLYCOPY_ALERTS_WEBHOOK_SECRET)");
  command->callback(command_callback(exit_code, [&flags, f] {
    (void)flags;  // the demo makes its own store and venue: no --db, no configuration
    if (f->alert_webhook_secret.empty())
      if (const char* secret = std::getenv("POLYCOPY_ALERTS_WEBHOOK_SECRET"))
        f->alert_webhook_secret = secret;
    run_demo(*f);
  }));
}

}  // namespace polycopy::app
