#pragma once
// The HTTP API on a listening socket, started on construction and stopped on destruction:
// what `serve` runs in the foreground and `engine run --listen` beside the engine.
#include <memory>
#include <string>

#include "app/config.hpp"
#include "core/clock.hpp"
#include "core/secret_box.hpp"
#include "service/http_server.hpp"
#include "service/job_port.hpp"
#include "service/metrics_registry.hpp"
#include "service/router.hpp"
#include "store/store.hpp"

namespace polycopy::app {

// The server settings with a --listen "HOST:PORT" (empty: as configured) applied; a bad
// address ends the command with exit code 2. Call it before opening the store.
Config::Server with_listen(Config::Server config, const std::string& listen);

class ApiServer {
 public:
  // Ends the command with exit code 1 when it cannot listen. `metrics`: the process's
  // counters, shared with whatever else counts in it (the engine's websockets); null: the
  // server keeps its own. It must outlive the server.
  ApiServer(store::Store& store, const core::Clock& clock, const core::SecretBox* wallet_key,
            const service::JobAccess& jobs, const Config::Server& config,
            service::MetricsRegistry* metrics = nullptr);
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  std::uint16_t port() const { return port_; }
  service::MetricsRegistry& metrics() { return *metrics_; }
  // Serves until SIGINT/SIGTERM (the foreground server of `serve`).
  core::Status run_until_signal();

 private:
  std::unique_ptr<service::MetricsRegistry> own_metrics_;
  service::MetricsRegistry* metrics_;
  service::Router router_;
  std::unique_ptr<service::HttpServer> server_;
  std::uint16_t port_ = 0;
};

}  // namespace polycopy::app
