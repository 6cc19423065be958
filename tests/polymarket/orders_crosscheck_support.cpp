#include "polymarket/orders_crosscheck_support.hpp"

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>

namespace polycopy::test {

std::string crosscheck_dir() {
  // tests/polymarket/<this file> -> repository root -> tools/crosscheck
  const auto root = std::filesystem::path(__FILE__).parent_path().parent_path().parent_path();
  return (root / "tools" / "crosscheck").string();
}

std::vector<nlohmann::ordered_json> generate_crosscheck_cases(const std::string& arguments) {
  const std::string dir = crosscheck_dir();
  if (!std::filesystem::exists(dir + "/gen-cases.mjs")) {
    throw std::runtime_error("cross-check generator missing: " + dir + "/gen-cases.mjs");
  }
  if (!std::filesystem::exists(dir + "/node_modules/@polymarket/clob-client-v2")) {
    throw std::runtime_error("tools/crosscheck/node_modules is missing: run `cd " + dir +
                             " && npm ci` (the set-up script does this)");
  }
  const std::string command =
      "cd '" + dir + "' && node gen-cases.mjs " + arguments + " 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot start: " + command);
  std::string output;
  char buffer[1 << 16];
  std::size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
  const int status = pclose(pipe);
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("`" + command + "` failed (exit status " +
                             std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) +
                             "; is node 20 installed and on PATH?)");
  }
  std::vector<nlohmann::ordered_json> cases;
  std::size_t start = 0;
  while (start < output.size()) {
    auto end = output.find('\n', start);
    if (end == std::string::npos) end = output.size();
    if (end > start)
      cases.push_back(nlohmann::ordered_json::parse(output.substr(start, end - start)));
    start = end + 1;
  }
  if (cases.empty()) throw std::runtime_error("the generator printed no cases: " + command);
  return cases;
}

std::string describe_case(const nlohmann::ordered_json& test_case, const std::string& got) {
  std::string expected =
      test_case.contains("expected")
          ? (test_case["expected"].is_string() ? test_case["expected"].get<std::string>()
                                               : test_case["expected"].dump())
          : "refusal: " + test_case.value("error", std::string());
  return "\n  input:    " + test_case["input"].dump() + "\n  expected: " + expected +
         "\n  got:      " + got;
}

}  // namespace polycopy::test
