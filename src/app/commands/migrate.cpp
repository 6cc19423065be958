#include <CLI/CLI.hpp>
#include <iostream>

#include "app/command_context.hpp"
#include "app/commands.hpp"

namespace polycopy::app {

void register_migrate_command(CLI::App& cli, GlobalFlags& flags, int& exit_code) {
  auto* command = cli.add_subcommand("migrate", "create or upgrade the database schema");
  command->callback([&flags, &exit_code] {
    auto context = make_context(flags);
    if (!context) {
      exit_code = kExitUsage;
      return;
    }
    auto opened = store::open_sqlite_store(context->config().database.path);
    if (!opened) {
      print_error(opened.error());
      exit_code = kExitFailure;
      return;
    }
    auto& store = **opened;
    auto applied = store.migrate();
    if (!applied) {
      print_error(applied.error());
      exit_code = kExitFailure;
      return;
    }
    for (const auto& migration : *applied) {
      std::cout << "applied " << migration.version << " " << migration.name << "\n";
    }
    auto version = store.schema_version();
    if (!version) {
      print_error(version.error());
      exit_code = kExitFailure;
      return;
    }
    std::cout << "database " << context->config().database.path << " at schema version " << *version
              << (applied->empty() ? " (already up to date)" : "") << "\n";
  });
}

}  // namespace polycopy::app
