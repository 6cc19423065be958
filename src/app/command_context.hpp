#pragma once
// What every command shares: the flags every command takes (--config, --db), the loaded
// configuration, and the store opened on demand.
#include <memory>
#include <optional>
#include <string>

#include "app/config.hpp"
#include "store/store.hpp"

namespace polycopy::app {

// Exit codes of the CLI.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;  // bad usage or bad configuration; the database is untouched

struct GlobalFlags {
  std::optional<std::string> config_file;  // --config FILE
  std::optional<std::string> db;           // --db PATH
};

class CommandContext {
 public:
  explicit CommandContext(Config config) : config_(std::move(config)) {}

  const Config& config() const { return config_; }
  Config& mutable_config() { return config_; }

  // Opens the database and applies pending migrations (start-up always migrates). On failure
  // prints the error and returns null.
  store::Store* open_store();

 private:
  Config config_;
  std::unique_ptr<store::Store> store_;
};

// Loads the configuration from the flags and the environment, applies --db, and sets up
// logging. On a bad configuration prints every problem to stderr and returns nullopt.
std::optional<CommandContext> make_context(const GlobalFlags& flags);

// Prints "error: <code>: <message>" to stderr.
void print_error(const core::Error& error);

}  // namespace polycopy::app
