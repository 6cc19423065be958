#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include "app/command_context.hpp"
#include "app/commands.hpp"
#include "app/wallet_key.hpp"
#include "core/clock.hpp"
#include "service/api_routes.hpp"
#include "service/http_server.hpp"
#include "service/http_types.hpp"

namespace polycopy::app {

void register_serve_command(CLI::App& cli, GlobalFlags& flags, int& exit_code) {
  auto* command = cli.add_subcommand("serve", "run the HTTP API until SIGINT/SIGTERM");
  auto listen = std::make_shared<std::string>();
  command->add_option("--listen", *listen,
                      "address to listen on, HOST:PORT (default 127.0.0.1:8787)");
  command->callback(command_callback(exit_code, [&flags, listen] {
    CommandContext context = load_context(flags);
    auto& server_config = context.mutable_config().server;
    if (std::string reason; !listen->empty() && !parse_listen_address(*listen, server_config.host,
                                                                      server_config.port, reason)) {
      fail({"invalid_config", "--listen: " + reason}, kExitUsage);
    }
    store::Store& store = context.store();
    core::SystemClock clock;
    // Wallets can be stored only with a wallet key; without one the rest still serves.
    auto wallet_key = load_wallet_key(context.config(), current_environment());
    if (!wallet_key && wallet_key.error().code != "wallet_key_missing")
      fail(wallet_key.error(), kExitUsage);
    if (!wallet_key) spdlog::warn("{}", wallet_key.error().message);
    const service::Router router =
        service::make_api_router(store, clock, wallet_key ? &*wallet_key : nullptr);
    service::ServerOptions options;
    options.host = server_config.host;
    options.port = server_config.port;
    options.threads = server_config.threads;
    options.max_body_bytes = static_cast<std::size_t>(server_config.max_body_bytes);
    service::HttpServer server(
        options, [&router](const service::HttpRequest& request) { return router.handle(request); });
    const auto port = require(server.start());
    spdlog::info("polycopy {} serving on {}:{} (database {})", kVersion, options.host, port,
                 context.config().database.path);
    if (auto status = server.run(true); !status) fail(status.error());
    spdlog::info("stopped");
  }));
}

}  // namespace polycopy::app
