#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include "app/command_context.hpp"
#include "app/commands.hpp"
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
  command->callback([&flags, &exit_code, listen] {
    auto context = make_context(flags);
    if (!context) {
      exit_code = kExitUsage;
      return;
    }
    auto& server_config = context->mutable_config().server;
    if (!listen->empty()) {
      std::string reason;
      if (!parse_listen_address(*listen, server_config.host, server_config.port, reason)) {
        print_error({"invalid_config", "--listen: " + reason});
        exit_code = kExitUsage;
        return;
      }
    }
    store::Store* store = context->open_store();
    if (store == nullptr) {
      exit_code = kExitFailure;
      return;
    }
    core::SystemClock clock;
    const service::Router router = service::make_api_router(*store, clock);
    service::ServerOptions options;
    options.host = server_config.host;
    options.port = server_config.port;
    options.threads = server_config.threads;
    options.max_body_bytes = static_cast<std::size_t>(server_config.max_body_bytes);
    service::HttpServer server(
        options, [&router](const service::HttpRequest& request) { return router.handle(request); });
    auto port = server.start();
    if (!port) {
      print_error(port.error());
      exit_code = kExitFailure;
      return;
    }
    spdlog::info("polycopy {} serving on {}:{} (database {})", kVersion, options.host, *port,
                 context->config().database.path);
    if (auto status = server.run(true); !status) {
      print_error(status.error());
      exit_code = kExitFailure;
      return;
    }
    spdlog::info("stopped");
  });
}

}  // namespace polycopy::app
