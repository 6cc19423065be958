#pragma once
// Runs the real `polycopy` binary in a child process and captures its output.
#include <map>
#include <string>
#include <vector>

namespace polycopy::test {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs POLYCOPY_BINARY with the arguments (no shell), the given extra environment, and
// optional standard input.
CliResult run_polycopy(const std::vector<std::string>& args,
                       const std::map<std::string, std::string>& environment = {},
                       const std::string& input = "");

// A fresh temporary directory, removed with the object.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace polycopy::test
