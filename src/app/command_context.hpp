#pragma once
// What every command shares: the flags every command takes (--config, --db), the loaded
// configuration, the store opened on demand, and a way to end with an exit code.
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "app/config.hpp"
#include "store/store.hpp"

namespace polycopy::service {
struct ServiceResult;
}  // namespace polycopy::service

namespace polycopy::app {

// Exit codes of the CLI.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;  // bad usage or bad configuration; the database is untouched

struct GlobalFlags {
  std::optional<std::string> config_file;  // --config FILE
  std::optional<std::string> db;           // --db PATH
};

// Ends the running command with this exit code; what went wrong was printed already.
struct CommandExit {
  int code;
};

// Prints "error: <code>: <message>" to stderr.
void print_error(const core::Error& error);
// Prints the error and ends the command.
[[noreturn]] void fail(const core::Error& error, int exit_code = kExitFailure);

// The value, or (on an error) prints it and ends the command.
template <class T>
T require(core::Result<T> result, int exit_code = kExitFailure) {
  if (!result) fail(result.error(), exit_code);
  return std::move(result).value();
}

class CommandContext {
 public:
  explicit CommandContext(Config config) : config_(std::move(config)) {}

  const Config& config() const { return config_; }
  Config& mutable_config() { return config_; }

  // Opens the database and applies pending migrations (start-up always migrates); ends the
  // command on failure.
  store::Store& store();

 private:
  Config config_;
  std::unique_ptr<store::Store> store_;
};

// Loads the configuration from the flags and the environment, applies --db, and sets up
// logging. On a bad configuration prints every problem and ends the command with exit 2.
CommandContext load_context(const GlobalFlags& flags);

// A CLI11 callback that runs `body` and stores its exit code (0, or a CommandExit's).
std::function<void()> command_callback(int& exit_code, std::function<void()> body);

// A JSON object given as --json TEXT or --file PATH ("-" for standard input);
// "invalid_argument" when neither is given or the file cannot be read.
core::Result<nlohmann::json> read_json_input(const std::string& json_text, const std::string& file);

// Prints a service answer as the API's JSON (dump(2)), or ends the command with its error.
void print_service_result(const service::ServiceResult& result);

}  // namespace polycopy::app
