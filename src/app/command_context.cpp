#include "app/command_context.hpp"

#include <spdlog/spdlog.h>
#include <iostream>

namespace polycopy::app {

void print_error(const core::Error& error) {
  std::cerr << "error: " << error.code << ": " << error.message << "\n";
}

std::optional<CommandContext> make_context(const GlobalFlags& flags) {
  auto config = load_config({flags.config_file, current_environment()});
  if (!config) {
    print_error(config.error());
    return std::nullopt;
  }
  CommandContext context(std::move(config).value());
  if (flags.db) {
    if (flags.db->empty()) {
      print_error({"invalid_config", "--db: must not be empty"});
      return std::nullopt;
    }
    context.mutable_config().database.path = *flags.db;
  }
  if (auto status = core::init_logging(context.config().log); !status) {
    print_error(status.error());
    return std::nullopt;
  }
  return context;
}

store::Store* CommandContext::open_store() {
  if (store_) return store_.get();
  auto opened = store::open_sqlite_store(config_.database.path);
  if (!opened) {
    print_error(opened.error());
    return nullptr;
  }
  auto applied = (*opened)->migrate();
  if (!applied) {
    print_error(applied.error());
    return nullptr;
  }
  for (const auto& migration : *applied) {
    spdlog::info("applied migration {} ({})", migration.version, migration.name);
  }
  store_ = std::move(opened).value();
  return store_.get();
}

}  // namespace polycopy::app
