#include <CLI/CLI.hpp>

#include "app/commands.hpp"

namespace polycopy::app {

void register_commands(CLI::App& cli, GlobalFlags& flags, int& exit_code) {
  register_migrate_command(cli, flags, exit_code);
  register_serve_command(cli, flags, exit_code);
  register_user_commands(cli, flags, exit_code);
  register_strategy_commands(cli, flags, exit_code);
  register_ft_report_commands(cli, flags, exit_code);
  register_lt_report_commands(cli, flags, exit_code);
  register_risk_commands(cli, flags, exit_code);
  register_wallet_commands(cli, flags, exit_code);
  register_engine_commands(cli, flags, exit_code);
  register_polymarket_commands(cli, flags, exit_code);
  register_config_commands(cli, flags, exit_code);
  register_chain_commands(cli, flags, exit_code);
  register_redeem_command(cli, flags, exit_code);
  register_sim_command(cli, flags, exit_code);
  register_demo_command(cli, flags, exit_code);
}

}  // namespace polycopy::app
