#include "app/command_context.hpp"

#include <spdlog/spdlog.h>
#include <fstream>
#include <iostream>
#include <sstream>

#include "service/api_routes.hpp"
#include "service/strategy_service.hpp"

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

core::Result<nlohmann::json> read_json_input(const std::string& json_text,
                                             const std::string& file) {
  std::string text = json_text;
  if (!file.empty()) {
    std::ostringstream buffer;
    if (file == "-") {
      buffer << std::cin.rdbuf();
    } else {
      std::ifstream in(file);
      if (!in) return core::Error{"invalid_argument", "cannot read " + file};
      buffer << in.rdbuf();
    }
    text = buffer.str();
  }
  if (text.empty()) return core::Error{"invalid_argument", "give the JSON as --json or --file"};
  return service::parse_json_body(text);
}

void print_service_result(const service::ServiceResult& result) {
  if (result.status >= 400) {
    const auto& error = result.body.at("error");
    fail({error.value("code", "error"), error.value("message", "")});
  }
  std::cout << result.body.dump(2) << "\n";
}

}  // namespace polycopy::app
