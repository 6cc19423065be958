#pragma once
// Runs the real `polycopy` binary in a child process and captures its output.
#include <map>
#include <nlohmann/json.hpp>
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

// The whole file ("" when it cannot be read).
std::string read_file(const std::string& path);

// A child `polycopy` process with extra environment, its stdout in `stdout_file` and its
// stderr in `stdout_file` + ".err"; killed if still running at the end.
class Child {
 public:
  Child(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
        const std::string& stdout_file);
  ~Child();
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  // SIGTERM, then the exit code (128 + signal when killed; -1 when it did not stop in 10 s).
  int stop();

 private:
  int pid_ = -1;
  bool waited_ = false;
};

// The first stdout line of a child (JSON), waited for up to 5 s; null when none came.
nlohmann::json first_json_line(const std::string& stdout_file);

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
