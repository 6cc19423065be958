#pragma once
// Registers every `polycopy` command on the CLI11 app. Each command's callback stores its
// exit code in `exit_code`.
#include <string>
#include <string_view>

namespace CLI {
class App;
}

namespace polycopy::app {

struct GlobalFlags;
}  // namespace polycopy::app

namespace polycopy::store {
class Store;
struct User;
}  // namespace polycopy::store

namespace polycopy::app {

inline constexpr std::string_view kVersion = "0.1.0";

void register_commands(CLI::App& cli, GlobalFlags& flags, int& exit_code);

// The user with this name; ends the command with "user_not_found" otherwise.
store::User require_user(store::Store& store, const std::string& name);

// One registration function per command group (src/app/commands/*.cpp).
void register_migrate_command(CLI::App& cli, GlobalFlags& flags, int& exit_code);
void register_config_commands(CLI::App& cli, GlobalFlags& flags, int& exit_code);
// `polycopy redeem --strategy ID [--dry-run]`: on-chain redemption of winning positions.
void register_redeem_command(CLI::App& cli, GlobalFlags& flags, int& exit_code);
// `polycopy chain balance`: on-chain reads through the configured node(s).
void register_chain_commands(CLI::App& cli, GlobalFlags& flags, int& exit_code);
void register_serve_command(CLI::App& cli, GlobalFlags& flags, int& exit_code);
void register_user_commands(CLI::App& cli, GlobalFlags& flags, int& exit_code);
void register_strategy_commands(CLI::App& cli, GlobalFlags& flags, int& exit_code);
// `polycopy ft positions|signals|performance`: forward-testing reports.
void register_ft_report_commands(CLI::App& cli, GlobalFlags& flags, int& exit_code);
// `polycopy lt orders|positions|performance|execution-quality|redemptions`: live-trading reports.
void register_lt_report_commands(CLI::App& cli, GlobalFlags& flags, int& exit_code);
// `polycopy risk show|set|state|reset-breaker|changes`: an LT strategy's risk manager.
void register_risk_commands(CLI::App& cli, GlobalFlags& flags, int& exit_code);
void register_wallet_commands(CLI::App& cli, GlobalFlags& flags, int& exit_code);
// `polycopy engine run`: the forward-testing engine.
void register_engine_commands(CLI::App& cli, GlobalFlags& flags, int& exit_code);
// `polycopy sim`: the simulated venue.
void register_sim_command(CLI::App& cli, GlobalFlags& flags, int& exit_code);
void register_demo_command(CLI::App& cli, GlobalFlags& flags, int& exit_code);
// `polycopy polymarket …`: venue protocol tools (parse, sign-order, l1-headers, l2-headers).
void register_polymarket_commands(CLI::App& cli, GlobalFlags& flags, int& exit_code);
void register_polymarket_parse_command(CLI::App& group, int& exit_code);
void register_polymarket_sign_commands(CLI::App& group, int& exit_code);

}  // namespace polycopy::app
