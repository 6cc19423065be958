#pragma once
// The demo's main loop: the simulated venue's clock moves a step at a time (frozen in
// between, so a run is the same every time for a seed), and each step runs the engine as it
// runs live: the FT tick (new trades, markets, resolutions, paper positions), then the LT
// jobs (reconcile and execute, track orders, resolve positions). Progress goes to stderr.
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "core/clock.hpp"
#include "core/secret_box.hpp"
#include "net/http_client.hpp"
#include "sim/http/sim_server.hpp"
#include "store/store.hpp"

namespace polycopy::app {

struct DemoRunOptions {
  std::chrono::minutes step{15};
  int steps = 4 * 24 * 3;   // three simulated days
  int progress_every = 24;  // steps between progress lines
};

struct DemoCounters {
  std::int64_t source_trades = 0;
  std::int64_t resolutions = 0;
  std::int64_t ft_accepted = 0, paper_settled = 0;
  std::int64_t lt_evaluated = 0, lt_posted = 0, lt_refused_by_risk = 0, lt_not_placeable = 0,
               lt_rejected = 0;
  std::int64_t fills = 0, orders_ended = 0;
  std::int64_t lt_settled = 0, lt_won = 0, lt_lost = 0;
  std::int64_t problems = 0;
};

// `advance`: moves the venue's clock by a step and returns its new time.
core::Result<DemoCounters> run_demo_steps(
    store::Store& store, const core::SecretBox& wallet_key, net::HttpClient& http,
    const sim::BaseUrls& urls, core::ManualClock& clock,
    const std::function<core::Result<core::Timestamp>(std::chrono::seconds)>& advance,
    const DemoRunOptions& options);

}  // namespace polycopy::app
