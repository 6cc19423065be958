#pragma once
// Runs a Node.js script of one of the repository's tools/ folders (reference clients
// installed from npm) and reads the JSON lines it prints. Missing node or node_modules is a
// failure, not a skip: the set-up script installs both.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace polycopy::test {

// tools/<name> of this checkout, found from this file's path.
std::string tools_dir(const std::string& name);

// `node <script> <arguments>` in tools/<tool>, its stdout's JSON lines (key order kept).
// `module` names a package that must be installed there (node_modules/<module>). Throws
// std::runtime_error with a clear message when node, the packages or the script fail.
std::vector<nlohmann::ordered_json> node_json_lines(const std::string& tool,
                                                    const std::string& script,
                                                    const std::string& arguments,
                                                    const std::string& module);

}  // namespace polycopy::test
