#pragma once
// What the demo prints at the end, read back from the store (so it shows what a user would
// find through the API): source trades seen, evaluations by outcome and reason (FT and LT),
// orders by state, fills, fill rate and slippage, LT vs FT PnL, risk events (refusals by
// rule, breaker trips, alerts) and redemptions pending.
#include <nlohmann/json.hpp>

#include "app/demo/demo_run.hpp"
#include "app/demo/demo_setup.hpp"
#include "store/store.hpp"

namespace polycopy::app {

core::Result<nlohmann::json> demo_report(store::Store& store, const DemoCast& cast,
                                         const DemoCounters& counters);

// The report as text for a terminal.
std::string format_demo_report(const nlohmann::json& report);

}  // namespace polycopy::app
