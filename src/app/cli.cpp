#include "app/cli.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "app/command_context.hpp"
#include "app/commands.hpp"

namespace polycopy::app {

int run_cli(int argc, char** argv) {
  CLI::App cli{"polycopy: copy the trades of chosen Polymarket traders, on paper and live"};
  cli.name("polycopy");
  cli.require_subcommand(1);
  cli.fallthrough();  // --config/--db are accepted before or after the command
  cli.set_version_flag("--version", std::string(kVersion));

  GlobalFlags flags;
  cli.add_option("--config", flags.config_file, "TOML configuration file")
      ->check(CLI::ExistingFile);
  cli.add_option("--db", flags.db, "database: path of the SQLite file");

  int exit_code = kExitOk;
  register_commands(cli, flags, exit_code);

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = cli.exit(error);
    return code == 0 ? kExitOk : kExitUsage;
  }
  return exit_code;
}

}  // namespace polycopy::app
