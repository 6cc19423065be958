#include "app/api_server.hpp"

#include <spdlog/spdlog.h>

#include "app/command_context.hpp"
#include "app/commands.hpp"
#include "core/log.hpp"
#include "service/api_routes.hpp"

namespace polycopy::app {

Config::Server with_listen(Config::Server config, const std::string& listen) {
  if (std::string reason;
      !listen.empty() && !parse_listen_address(listen, config.host, config.port, reason))
    fail({"invalid_config", "--listen: " + reason}, kExitUsage);
  return config;
}

namespace {

service::MetricsAccess metrics_access(const service::MetricsRegistry* registry,
                                      const Config::Server& config) {
  service::MetricsAccess access;
  access.registry = registry;
  if (!config.metrics_token.empty()) {
    core::register_secret(config.metrics_token);  // never in a log line
    access.token = config.metrics_token;
  }
  return access;
}

}  // namespace

ApiServer::ApiServer(store::Store& store, const core::Clock& clock,
                     const core::SecretBox* wallet_key, const service::JobAccess& jobs,
                     const Config::Server& config, service::MetricsRegistry* metrics)
    : own_metrics_(metrics ? nullptr : std::make_unique<service::MetricsRegistry>()),
      metrics_(metrics ? metrics : own_metrics_.get()),
      router_(service::make_api_router(store, clock, wallet_key, jobs,
                                       metrics_access(metrics_, config))) {
  service::ServerOptions options;
  options.host = config.host;
  options.port = config.port;
  options.threads = config.threads;
  options.max_body_bytes = static_cast<std::size_t>(config.max_body_bytes);
  server_ =
      std::make_unique<service::HttpServer>(options, service::counting_handler(router_, *metrics_));
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
