#include "service/metrics_registry.hpp"

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

namespace polycopy::service {

namespace {

// Clients choose the method: anything unusual shares one label value.
std::string method_label(std::string_view method) {
  for (std::string_view known : {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})
    if (method == known) return std::string(known);
  return "other";
}

}  // namespace

struct MetricsRegistry::Impl {
  prometheus::Registry registry;
  prometheus::Family<prometheus::Counter>& requests =
      prometheus::BuildCounter()
          .Name("polycopy_http_requests_total")
          .Help("HTTP requests answered, by method, route pattern and status")
          .Register(registry);
  prometheus::Family<prometheus::Histogram>& durations =
      prometheus::BuildHistogram()
          .Name("polycopy_http_request_duration_seconds")
          .Help("Time to handle an HTTP request (routing and handler), by method and route")
          .Register(registry);
  prometheus::Family<prometheus::Counter>& reconnects =
      prometheus::BuildCounter()
          .Name("polycopy_ws_reconnects_total")
          .Help("Websocket connections re-established after a drop, by stream")
          .Register(registry);
};

MetricsRegistry::MetricsRegistry() : impl_(std::make_unique<Impl>()) {
  // The streams polycopy runs start at 0, so a dashboard's rate() has a series from the start.
  for (const char* stream : {"user", "market"}) impl_->reconnects.Add({{"stream", stream}});
}
MetricsRegistry::~MetricsRegistry() = default;

void MetricsRegistry::count_request(std::string_view method, std::string_view route, int status,
                                    double seconds) {
  // Family::Add returns the existing child for known labels (under the family's mutex).
  const std::string method_value = method_label(method);
  impl_->requests
      .Add({{"method", method_value},
            {"route", std::string(route)},
            {"status", std::to_string(status)}})
      .Increment();
  impl_->durations
      .Add({{"method", method_value}, {"route", std::string(route)}}, kHttpDurationBuckets)
      .Observe(seconds);
}

void MetricsRegistry::count_ws_reconnect(std::string_view stream) {
  impl_->reconnects.Add({{"stream", std::string(stream)}}).Increment();
}

std::function<void()> MetricsRegistry::ws_reconnect_hook(std::string stream) {
  return [this, stream = std::move(stream)] { count_ws_reconnect(stream); };
}

std::vector<prometheus::MetricFamily> MetricsRegistry::collect() const {
  return impl_->registry.Collect();
}

}  // namespace polycopy::service
