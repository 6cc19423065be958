#include <CLI/CLI.hpp>
#include <iostream>

#include "app/command_context.hpp"
#include "app/commands.hpp"

namespace polycopy::app {

void register_migrate_command(CLI::App& cli, GlobalFlags& flags, int& exit_code) {
  auto* command = cli.add_subcommand("migrate", "create or upgrade the database schema");
  command->callback(command_callback(exit_code, [&flags] {
    const CommandContext context = load_context(flags);
    const auto& path = context.config().database.path;
    auto store = require(store::open_sqlite_store(path));
    const auto applied = require(store->migrate());
    for (const auto& migration : applied) {
      std::cout << "applied " << migration.version << " " << migration.name << "\n";
    }
    std::cout << "database " << path << " at schema version " << require(store->schema_version())
              << (applied.empty() ? " (already up to date)" : "") << "\n";
  }));
}

}  // namespace polycopy::app
