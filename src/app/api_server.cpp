#include "app/api_server.hpp"

#include <spdlog/spdlog.h>

#include "app/command_context.hpp"
#include "app/commands.hpp"
#include "service/api_routes.hpp"

namespace polycopy::app {

Config::Server with_listen(Config::Server config, const std::string& listen) {
  if (std::string reason;
      !listen.empty() && !parse_listen_address(listen, config.host, config.port, reason))
    fail({"invalid_config", "--listen: " + reason}, kExitUsage);
  return config;
}

ApiServer::ApiServer(store::Store& store, const core::Clock& clock,
                     const core::SecretBox* wallet_key, const service::JobAccess& jobs,
                     const Config::Server& config)
    : router_(service::make_api_router(store, clock, wallet_key, jobs)) {
  service::ServerOptions options;
  options.host = config.host;
  options.port = config.port;
  options.threads = config.threads;
  options.max_body_bytes = static_cast<std::size_t>(config.max_body_bytes);
  server_ = std::make_unique<service::HttpServer>(
      options, [this](const service::HttpRequest& request) { return router_.handle(request); });
  port_ = require(server_->start());
  spdlog::info("polycopy {} serving on {}:{}", kVersion, options.host, port_);
}

ApiServer::~ApiServer() {
  server_->stop();
}

core::Status ApiServer::run_until_signal() {
  return server_->run(true);
}

}  // namespace polycopy::app
