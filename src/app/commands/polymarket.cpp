#include <CLI/CLI.hpp>

#include "app/commands.hpp"

namespace polycopy::app {

void register_polymarket_commands(CLI::App& cli, GlobalFlags& /*flags*/, int& exit_code) {
  auto* group =
      cli.add_subcommand("polymarket", "venue protocol tools: parse payloads, sign orders");
  group->require_subcommand(1);
  register_polymarket_parse_command(*group, exit_code);
  register_polymarket_sign_commands(*group, exit_code);
}

}  // namespace polycopy::app
