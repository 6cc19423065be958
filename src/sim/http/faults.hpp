#pragma once
// Faults a test injects into the simulator (POST /sim/faults): latency, 5xx, 429, a lost
// response (the request is processed, the connection closed without an answer), dropped
// websockets. Each fault applies to requests whose path starts with its prefix, `count`
// times (or until cleared).
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include "core/error.hpp"

namespace polycopy::sim {

enum class FaultKind { latency, server_error, too_many_requests, lose_response };

struct Fault {
  FaultKind kind = FaultKind::server_error;
  std::string method;       // "" = any
  std::string path_prefix;  // "" = any; e.g. "/order" or "/data/trades"
  int count = 1;            // requests it applies to; -1 = until cleared
  std::chrono::milliseconds latency{0};
  int status = 500;  // server_error: 500, 502, 503 or 504
};

// Reads {"kind": "latency|server_error|too_many_requests|lose_response", "method",
// "path", "count", "latency_ms", "status"}. Errors: "invalid_fault".
core::Result<Fault> parse_fault(const nlohmann::json& body);
nlohmann::json fault_json(const Fault& fault);

class Faults {
 public:
  void add(Fault fault);
  void clear();
  std::vector<Fault> list() const;
  // The first fault matching this request, with its count used up by one.
  std::optional<Fault> take(const std::string& method, const std::string& path);

 private:
  mutable std::mutex mutex_;
  std::vector<Fault> faults_;
};

}  // namespace polycopy::sim
