// `polycopy sim`: serves the simulated venue until SIGINT/SIGTERM. The first line on stdout
// is one JSON object with the base URLs; logs go to stderr.
#include <pthread.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>

#include "app/command_context.hpp"
#include "app/commands.hpp"
#include "app/config.hpp"
#include "core/clock.hpp"
#include "sim/http/sim_server.hpp"
#include "sim/scenario/scenario_file.hpp"
#include "sim/scenario/scenario_generator.hpp"

namespace polycopy::app {
namespace {

struct SimFlags {
  std::string listen = "127.0.0.1:8788";
  std::uint64_t seed = 1;
  std::string scenario;
  std::optional<double> speed;
  int traders = 20;
  int markets = 50;
  bool no_rate_limits = false;
  std::string save_scenario;
};

sim::Scenario make_scenario(const SimFlags& f) {
  sim::Scenario scenario;
  if (!f.scenario.empty()) {
    scenario = require(sim::load_scenario_file(f.scenario), kExitUsage);
  } else {
    sim::GeneratorOptions options;
    options.seed = f.seed;
    options.traders = f.traders;
    options.markets = f.markets;
    scenario = sim::generate_scenario(options);
  }
  if (f.speed) scenario.speed = *f.speed;
  return scenario;
}

void run_sim(const SimFlags& f) {
  std::string host;
  std::uint16_t port = 0;
  if (std::string reason; !parse_listen_address(f.listen, host, port, reason))
    fail({"invalid_argument", "--listen: " + reason}, kExitUsage);
  if (f.speed && !(*f.speed >= 0 && *f.speed <= 1e6))
    fail({"invalid_argument", "--speed must be between 0 and 1000000"}, kExitUsage);
  if (f.traders < 0 || f.traders > 100'000 || f.markets < 1 || f.markets > 100'000)
    fail({"invalid_argument", "--traders 0..100000 and --markets 1..100000"}, kExitUsage);
  sim::Scenario scenario = make_scenario(f);
  if (!f.save_scenario.empty()) {
    if (auto saved = sim::save_scenario_file(f.save_scenario, scenario); !saved)
      fail(saved.error());
  }

  // Block the stop signals in every thread (the io threads inherit the mask) and wait for
  // them here, so Ctrl-C and SIGTERM end with a clean stop.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  core::SystemClock wall;
  sim::SimOptions options;
  options.host = host;
  options.port = port;
  options.rate_limits = !f.no_rate_limits;
  const std::size_t markets = scenario.markets.size();
  const std::size_t traders = scenario.traders.size();
  sim::SimServer server(std::move(scenario), options, wall);
  const auto urls = require(server.start());
  std::cout << urls.to_json().dump() << std::endl;
  spdlog::info("simulator serving {} markets and {} traders at {} (seed {})", markets, traders,
               urls.clob, f.seed);
  int received = 0;
  sigwait(&signals, &received);
  spdlog::info("signal {} received: stopping the simulator", received);
  server.stop();
  server.wait();
  spdlog::info("stopped");
}

}  // namespace

void register_sim_command(CLI::App& cli, GlobalFlags& flags, int& exit_code) {
  auto* command = cli.add_subcommand(
      "sim", "serve a simulated Polymarket (CLOB, Gamma, Data API, websockets) until Ctrl-C");
  auto f = std::make_shared<SimFlags>();
  command->add_option("--listen", f->listen, "HOST:PORT to serve on")->capture_default_str();
  command->add_option("--seed", f->seed, "seed of the generated scenario and the API keys")
      ->capture_default_str();
  command->add_option("--scenario", f->scenario,
                      "scenario file (.json or .toml) instead of a "
                      "generated one");
  command->add_option("--speed", f->speed,
                      "simulated seconds per real second (default: the "
                      "scenario's, 1 when generated)");
  command->add_option("--traders", f->traders, "traders to generate")->capture_default_str();
  command->add_option("--markets", f->markets, "markets to generate")->capture_default_str();
  command->add_flag("--no-rate-limits", f->no_rate_limits,
                    "serve every request (benchmarks); default: the venue's published limits");
  command->add_option("--save-scenario", f->save_scenario,
                      "write the scenario used to this JSON file (reload it with --scenario)");
  command->callback(command_callback(exit_code, [&flags, f] {
    load_context(flags);  // logging and configuration only: the simulator has no database
    run_sim(*f);
  }));
}

}  // namespace polycopy::app
