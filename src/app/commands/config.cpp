#include <CLI/CLI.hpp>
#include <iostream>

#include "app/command_context.hpp"
#include "app/commands.hpp"

namespace polycopy::app {

void register_config_commands(CLI::App& cli, GlobalFlags& flags, int& exit_code) {
  auto* group = cli.add_subcommand("config", "check or show the effective configuration");
  group->require_subcommand(1);
  auto* check = group->add_subcommand("check", "validate the configuration; exit 2 if it is bad");
  check->callback([&flags, &exit_code] {
    exit_code = make_context(flags) ? kExitOk : kExitUsage;
    if (exit_code == kExitOk) std::cout << "configuration ok\n";
  });
  auto* show = group->add_subcommand("show", "print the effective configuration as TOML");
  show->callback([&flags, &exit_code] {
    auto context = make_context(flags);
    if (!context) {
      exit_code = kExitUsage;
      return;
    }
    std::cout << to_toml(context->config());
  });
}

}  // namespace polycopy::app
