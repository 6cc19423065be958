#include "chain/node_script.hpp"

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>

namespace polycopy::test {

std::string tools_dir(const std::string& name) {
  // tests/chain/<this file> -> repository root -> tools/<name>
  const auto root = std::filesystem::path(__FILE__).parent_path().parent_path().parent_path();
  return (root / "tools" / name).string();
}

std::vector<nlohmann::ordered_json> node_json_lines(const std::string& tool,
                                                    const std::string& script,
                                                    const std::string& arguments,
                                                    const std::string& module) {
  const std::string dir = tools_dir(tool);
  if (!std::filesystem::exists(dir + "/" + script))
    throw std::runtime_error("script missing: " + dir + "/" + script);
  if (!std::filesystem::exists(dir + "/node_modules/" + module))
    throw std::runtime_error("tools/" + tool + "/node_modules is missing: run `cd " + dir +
                             " && npm ci` (the set-up script does this)");
  const std::string command =
      "cd '" + dir + "' && node " + script + " " + arguments + " 2>/dev/null";
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
  std::vector<nlohmann::ordered_json> lines;
  std::size_t start = 0;
  while (start < output.size()) {
    auto end = output.find('\n', start);
    if (end == std::string::npos) end = output.size();
    if (end > start)
      lines.push_back(nlohmann::ordered_json::parse(output.substr(start, end - start)));
    start = end + 1;
  }
  if (lines.empty()) throw std::runtime_error("the script printed nothing: " + command);
  return lines;
}

}  // namespace polycopy::test
