#include "app/command_context.hpp"

#include <spdlog/spdlog.h>
#include <iostream>

namespace polycopy::app {

void print_error(const core::Error& error) {
  std::cerr << "error: " << error.code << ": " << error.message << "\n";
}

void fail(const core::Error& error, int exit_code) {
  print_error(error);
  throw CommandExit{exit_code};
}

CommandContext load_context(const GlobalFlags& flags) {
  CommandContext context(
      require(load_config({flags.config_file, current_environment()}), kExitUsage));
  if (flags.db) {
    if (flags.db->empty()) fail({"invalid_config", "--db: must not be empty"}, kExitUsage);
    context.mutable_config().database.path = *flags.db;
  }
  if (auto status = core::init_logging(context.config().log); !status) {
    fail(status.error(), kExitUsage);
  }
  return context;
}

store::Store& CommandContext::store() {
  if (store_) return *store_;
  auto opened = require(store::open_sqlite_store(config_.database.path));
  for (const auto& migration : require(opened->migrate())) {
    spdlog::info("applied migration {} ({})", migration.version, migration.name);
  }
  store_ = std::move(opened);
  return *store_;
}

std::function<void()> command_callback(int& exit_code, std::function<void()> body) {
  return [&exit_code, body = std::move(body)] {
    try {
      body();
      exit_code = kExitOk;
    } catch (const CommandExit& exit) {
      exit_code = exit.code;
    }
  };
}

}  // namespace polycopy::app
