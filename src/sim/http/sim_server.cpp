#include "sim/http/sim_server.hpp"

#include <spdlog/spdlog.h>

#include <condition_variable>

#include "service/http_server.hpp"
#include "service/http_types.hpp"
#include "sim/http/rate_limits.hpp"
#include "sim/http/route_helpers.hpp"
#include "sim/http/ws_channels.hpp"

namespace polycopy::sim {
namespace {

using service::HttpRequest;
using service::HttpResponse;

// The CLOB's own /data/... routes share the Data API's prefix; /data/trades exists on
// both, so an L2-signed request (POLY_API_KEY) goes to the CLOB, any other to the Data API.
bool is_clob_data_route(const HttpRequest& r) {
  if (r.path.starts_with("/data/order/") || r.path == "/data/orders" ||
      r.path == "/data/pre-migration-orders")
    return true;
  return r.path == "/data/trades" && !r.header("poly_api_key").empty();
}

// The router's own 404/405/500 ({"error":{code,message}}) in the venue's shape.
HttpResponse venue_shaped(HttpResponse response) {
  if (response.body.is_object() && response.body.contains("error") &&
      response.body["error"].is_object()) {
    const auto message = response.body["error"].value("message", std::string("error"));
    response.body = {{"error", message}};
  }
  return response;
}

HttpResponse routed(const service::Router& router, HttpRequest request, std::size_t strip) {
  request.path = request.path.substr(strip);
  if (request.path.empty()) request.path = "/";
  return venue_shaped(router.handle(request));
}

}  // namespace

nlohmann::json BaseUrls::to_json() const {
  return {{"clob", clob},           {"gamma", gamma},     {"data", data},
          {"ws_market", ws_market}, {"ws_user", ws_user}, {"sim", sim}};
}

struct SimServer::Impl {
  Impl(Scenario scenario, SimOptions opts, const core::Clock& wall_clock)
      : options(std::move(opts)),
        wall(wall_clock),
        clock(scenario.start, scenario.speed, wall_clock),
        keys(scenario.seed),
        venue(std::move(scenario), clock),
        rate_limits(wall_clock),
        ctx{venue, clock, wall_clock, keys, faults, options.chain_id},
        channels(ctx) {
    add_clob_public_routes(clob, ctx);
    add_clob_auth_routes(clob, ctx);
    add_clob_order_routes(clob, ctx);
    add_gamma_routes(gamma, ctx);
    add_data_routes(data, ctx);
    add_control_routes(control, ctx);
    control.add("POST", "/websockets/drop", [this](const HttpRequest&, const service::PathParams&) {
      return service::json_response(200, {{"dropped", channels.drop_all()}});
    });
  }

  HttpResponse handle(const HttpRequest& r) {
    if (r.path == "/sim" || r.path.starts_with("/sim/")) return routed(control, r, 4);
    if (options.rate_limits && !rate_limits.allow(r.method, r.path))
      return venue_error(429, "Too Many Requests");
    bool lose = false;
    if (auto fault = faults.take(r.method, r.path)) {
      switch (fault->kind) {
        case FaultKind::latency:
          std::this_thread::sleep_for(fault->latency);
          break;
        case FaultKind::server_error:
          return venue_error(fault->status, "simulated server error");
        case FaultKind::too_many_requests:
          return venue_error(429, "Too Many Requests");
        case FaultKind::lose_response:
          lose = true;  // served below, then the answer is lost
          break;
      }
    }
    venue.advance();
    HttpResponse response = dispatch(r);
    response.drop_connection = lose;
    return response;
  }

  HttpResponse dispatch(const HttpRequest& r) {
    if (r.path == "/gamma" || r.path.starts_with("/gamma/")) return routed(gamma, r, 6);
    if (r.path.starts_with("/data/") && !is_clob_data_route(r)) return routed(data, r, 5);
    return routed(clob, r, 0);
  }

  void tick_loop() {
    std::unique_lock lock(tick_mutex);
    while (!stopping) {
      tick_cv.wait_for(lock, options.tick, [this] { return stopping.load(); });
      if (stopping) break;
      lock.unlock();
      try {
        venue.advance();
      } catch (const std::exception& e) {
        spdlog::error("simulator tick failed: {}", e.what());
      }
      lock.lock();
    }
  }

  SimOptions options;
  const core::Clock& wall;
  SimClock clock;
  ApiKeys keys;
  Faults faults;
  Venue venue;
  RateLimits rate_limits;
  SimContext ctx;
  WsChannels channels;
  service::Router clob, gamma, data, control;
  std::unique_ptr<service::HttpServer> server;
  std::thread ticker;
  std::mutex tick_mutex;
  std::condition_variable tick_cv;
  std::atomic<bool> stopping{false};
};

SimServer::SimServer(Scenario scenario, SimOptions options, const core::Clock& wall)
    : impl_(std::make_unique<Impl>(std::move(scenario), std::move(options), wall)) {}

SimServer::~SimServer() {
  stop();
}

core::Result<BaseUrls> SimServer::start() {
  service::ServerOptions so;
  so.host = impl_->options.host;
  so.port = impl_->options.port;
  so.threads = impl_->options.threads;
  so.log_requests = false;      // at debug level: a busy engine would flood the log
  so.max_body_bytes = 4 << 20;  // a 15-order batch with POLY_1271 signatures stays far below
  impl_->server = std::make_unique<service::HttpServer>(
      so, [this](const HttpRequest& r) { return impl_->handle(r); }, impl_->channels.handler());
  const auto port = impl_->server->start();
  if (!port) return port.error();
  impl_->ticker = std::thread([this] { impl_->tick_loop(); });
  const std::string host = impl_->options.host + ":" + std::to_string(*port);
  return BaseUrls{"http://" + host,
                  "http://" + host + "/gamma",
                  "http://" + host + "/data",
                  "ws://" + host + "/ws/market",
                  "ws://" + host + "/ws/user",
                  "http://" + host + "/sim"};
}

void SimServer::stop() noexcept {
  {
    std::lock_guard lock(impl_->tick_mutex);
    impl_->stopping = true;
  }
  impl_->tick_cv.notify_all();
  if (impl_->server) impl_->server->stop();
  if (impl_->ticker.joinable() && impl_->ticker.get_id() != std::this_thread::get_id())
    impl_->ticker.join();
}

void SimServer::wait() {
  if (impl_->server) impl_->server->wait();
}

Venue& SimServer::venue() {
  return impl_->venue;
}

std::size_t SimServer::websocket_connections() const {
  return impl_->channels.connections();
}

}  // namespace polycopy::sim
