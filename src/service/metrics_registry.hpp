#pragma once
// The in-process metrics of one polycopy process (HTTP requests, websocket reconnects):
// counters that only this process can know, unlike the store's numbers, which GET /metrics
// reads at scrape time. Constructed by the app layer and handed to whoever counts: no global
// registry. Thread-safe. prometheus-cpp stays behind the pimpl.
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace prometheus {
struct MetricFamily;
}

namespace polycopy::service {

// Request duration buckets, seconds.
inline const std::vector<double> kHttpDurationBuckets{0.001, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                      0.25,  0.5,   1,    2.5,   5,    10};

class MetricsRegistry {
 public:
  MetricsRegistry();
  ~MetricsRegistry();
  MetricsRegistry(const MetricsRegistry&) = delete;
  MetricsRegistry& operator=(const MetricsRegistry&) = delete;

  // One HTTP request: route is the router's pattern ("/api/ft/strategies/{id}") or
  // "unmatched", never the raw path (the label set must stay bounded).
  void count_request(std::string_view method, std::string_view route, int status, double seconds);
  // One websocket reconnect of `stream` ("user", "market").
  void count_ws_reconnect(std::string_view stream);
  // A hook for net::WsOptions::on_reconnect counting `stream`; this registry must outlive it.
  std::function<void()> ws_reconnect_hook(std::string stream);

  // The current samples, for the exposition.
  std::vector<prometheus::MetricFamily> collect() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace polycopy::service
