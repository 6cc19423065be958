// The demo seen by operations tools: its breaker trip reaches a local webhook receiver as a
// signed alert, and GET /metrics over the demo's database shows the demo's counts.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_runner.hpp"
#include "core/clock.hpp"
#include "net/http_client.hpp"
#include "net/raw_http_server.hpp"
#include "service/api_routes.hpp"
#include "service/http_server.hpp"
#include "service/metrics_registry.hpp"
#include "store/store.hpp"

namespace polycopy::test {
namespace {

std::string hmac_hex(const std::string& key, const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest, &size);
  std::string hex;
  const char* digits = "0123456789abcdef";
  for (unsigned int i = 0; i < size; ++i) {
    hex += digits[digest[i] >> 4];
    hex += digits[digest[i] & 15];
  }
  return hex;
}

std::string header(const std::string& request, const std::string& name) {
  const auto at = request.find("\r\n" + name + ": ");
  if (at == std::string::npos) return "";
  const auto start = at + name.size() + 4;
  return request.substr(start, request.find("\r\n", start) - start);
}

// The sum of a metric's samples over every label set.
double metric_sum(const std::string& text, const std::string& name) {
  double sum = 0;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(name + "{", 0) != 0 && line.rfind(name + " ", 0) != 0) continue;
    sum += std::stod(line.substr(line.rfind(' ') + 1));
  }
  return sum;
}

TEST(DemoOperations, TheBreakerTripReachesTheWebhookAndMetricsShowTheRun) {
  net::testing::RawHttpServer receiver([](int, const std::string&) {
    return net::testing::RawReply{net::testing::http_response(200, "ok")};
  });
  TempDir dir;
  const auto run = run_polycopy({"demo", "--dir", dir.path(), "--json", "--alert-webhook",
                                 receiver.url("/alerts"), "--alert-webhook-secret", "demo-secret"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto report = nlohmann::json::parse(run.out);
  EXPECT_NE(run.err.find("delivered to " + receiver.url("/alerts")), std::string::npos) << run.err;

  // The breaker's critical alert arrived, signed with the secret over "<timestamp>.<body>".
  bool breaker = false;
  for (const auto& request : receiver.received()) {
    const auto body = request.substr(request.find("\r\n\r\n") + 4);
    const auto timestamp = header(request, "X-Polycopy-Timestamp");
    EXPECT_EQ(header(request, "X-Polycopy-Signature"),
              "sha256=" + hmac_hex("demo-secret", timestamp + "." + body));
    EXPECT_NE(header(request, "X-Polycopy-Signature"),
              "sha256=" + hmac_hex("another-secret", timestamp + "." + body));
    const auto alert = nlohmann::json::parse(body);
    if (alert["code"] == "circuit_breaker_open") {
      breaker = true;
      EXPECT_EQ(alert["severity"], "critical");
      EXPECT_TRUE(alert["lt_strategy_id"].is_string());
    }
  }
  EXPECT_TRUE(breaker) << receiver.received().size() << " request(s)";

  // GET /metrics over the demo's database, through a real server.
  auto store = store::open_sqlite_store(dir.file("polycopy.db")).value();
  core::SystemClock clock;
  service::MetricsRegistry registry;
  service::MetricsAccess access;
  access.registry = &registry;
  const auto router = service::make_api_router(*store, clock, nullptr, {}, access);
  service::ServerOptions options;
  options.port = 0;
  options.log_requests = false;
  service::HttpServer server(options, service::counting_handler(router, registry));
  const auto port = server.start().value();
  net::HttpClient http;
  const auto scraped = http.get("http://127.0.0.1:" + std::to_string(port) + "/metrics");
  ASSERT_TRUE(scraped) << scraped.error().to_error().to_string();
  const auto& text = scraped->body;
  EXPECT_EQ(metric_sum(text, "polycopy_orders"), report["orders"]["total"].get<double>()) << text;
  EXPECT_EQ(metric_sum(text, "polycopy_fills_total"), report["orders"]["fills"].get<double>());
  EXPECT_EQ(metric_sum(text, "polycopy_circuit_breaker_open"), 1.0);
  EXPECT_GT(metric_sum(text, "polycopy_signals_total"), 0.0);
  server.stop();
}

}  // namespace
}  // namespace polycopy::test
