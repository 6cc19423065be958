#pragma once
// Runs tools/crosscheck/gen-cases.mjs (Polymarket's official TypeScript clients) and hands
// the cases to the cross-check tests. Missing node or node_modules is a failure, not a skip:
// the set-up script installs both.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace polycopy::test {

// tools/crosscheck of this checkout, found from this file's path.
std::string crosscheck_dir();

// The generator's JSON lines (key order kept). Throws std::runtime_error with a clear
// message when node, node_modules or the generator fails.
std::vector<nlohmann::ordered_json> generate_crosscheck_cases(const std::string& arguments);

// One line for a failure report: a case's input, what the client produced, what we did.
std::string describe_case(const nlohmann::ordered_json& test_case, const std::string& got);

}  // namespace polycopy::test
