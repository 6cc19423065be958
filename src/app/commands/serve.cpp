#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include "app/api_server.hpp"
#include "app/command_context.hpp"
#include "app/commands.hpp"
#include "app/wallet_key.hpp"
#include "core/clock.hpp"

namespace polycopy::app {

void register_serve_command(CLI::App& cli, GlobalFlags& flags, int& exit_code) {
  auto* command = cli.add_subcommand("serve", "run the HTTP API until SIGINT/SIGTERM");
  auto listen = std::make_shared<std::string>();
  command->add_option("--listen", *listen,
                      "address to listen on, HOST:PORT (default 127.0.0.1:8787)");
  command->callback(command_callback(exit_code, [&flags, listen] {
    CommandContext context = load_context(flags);
    const auto server_config = with_listen(context.config().server, *listen);
    store::Store& store = context.store();
    core::SystemClock clock;
    // Wallets can be stored only with a wallet key; without one the rest still serves.
    auto wallet_key = load_wallet_key(context.config(), current_environment());
    if (!wallet_key && wallet_key.error().code != "wallet_key_missing")
      fail(wallet_key.error(), kExitUsage);
    if (!wallet_key) spdlog::warn("{}", wallet_key.error().message);
    // No engine runs here: the job routes answer 503 (see `engine run --listen`).
    ApiServer server(store, clock, wallet_key ? &*wallet_key : nullptr, {}, server_config);
    spdlog::info("database {}", context.config().database.path);
    if (auto status = server.run_until_signal(); !status) fail(status.error());
    spdlog::info("stopped");
  }));
}

}  // namespace polycopy::app
