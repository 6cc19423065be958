#include <CLI/CLI.hpp>
#include <iostream>

#include "app/command_context.hpp"
#include "app/commands.hpp"

namespace polycopy::app {

void register_config_commands(CLI::App& cli, GlobalFlags& flags, int& exit_code) {
  auto* group = cli.add_subcommand("config", "check or show the effective configuration");
  group->require_subcommand(1);
  auto* check = group->add_subcommand("check", "validate the configuration; exit 2 if it is bad");
  check->callback(command_callback(exit_code, [&flags] {
    load_context(flags);
    std::cout << "configuration ok\n";
  }));
  auto* show = group->add_subcommand("show", "print the effective configuration as TOML");
  show->callback(command_callback(
      exit_code, [&flags] { std::cout << to_toml(load_context(flags).config()); }));
}

}  // namespace polycopy::app
