#pragma once
// Loading a scenario from a JSON or TOML file (format: docs/sim-scenario.md), and saving one
// as JSON (e.g. a generated scenario, to replay it later).
#include <filesystem>
#include <string_view>

#include "core/error.hpp"
#include "sim/scenario/scenario.hpp"

namespace polycopy::sim {

// Picks the format by extension (.json / .toml, any case).
// Errors: "unsupported_scenario_format", "scenario_unreadable", "invalid_scenario" (every
// problem of the document, each with its path).
core::Result<Scenario> load_scenario_file(const std::filesystem::path& path);

// The same document as JSON or TOML text. Errors: "invalid_scenario".
core::Result<Scenario> parse_scenario_json(std::string_view text);
core::Result<Scenario> parse_scenario_toml(std::string_view text);

// Writes write_scenario_json(scenario) to a .json path.
// Errors: "unsupported_scenario_format", "scenario_unwritable".
core::Status save_scenario_file(const std::filesystem::path& path, const Scenario& scenario);

}  // namespace polycopy::sim
