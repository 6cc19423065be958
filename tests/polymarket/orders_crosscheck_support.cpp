#include "polymarket/orders_crosscheck_support.hpp"

#include "chain/node_script.hpp"

namespace polycopy::test {

std::string crosscheck_dir() {
  return tools_dir("crosscheck");
}

std::vector<nlohmann::ordered_json> generate_crosscheck_cases(const std::string& arguments) {
  return node_json_lines("crosscheck", "gen-cases.mjs", arguments, "@polymarket/clob-client-v2");
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
