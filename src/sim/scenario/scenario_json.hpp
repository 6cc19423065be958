#pragma once
// The scenario document (docs/sim-scenario.md) as a JSON tree. The TOML loader converts its
// table to the same tree, so both formats share one reader and one set of checks.
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "core/error.hpp"
#include "sim/scenario/scenario.hpp"

namespace polycopy::sim {

// Reads and validates a document. Every problem is reported at once in one
// "invalid_scenario" error. Book levels come back best first, trades and resolutions
// sorted by time (stable, so equal times keep their document order).
core::Result<Scenario> scenario_from_json(const nlohmann::json& document);

// The document for a scenario, every field written out (defaults too), money as decimal
// strings, times as ISO-8601 UTC: scenario_from_json of it gives the same Scenario back.
std::string write_scenario_json(const Scenario& scenario);

}  // namespace polycopy::sim
