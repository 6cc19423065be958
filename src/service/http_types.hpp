#pragma once
// Plain HTTP request/response values, independent of the transport (Beast), so routes and
// handlers can be unit-tested without a socket.
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace polycopy::service {

struct HttpRequest {
  std::string method;                        // upper case: "GET", "POST", ...
  std::string path;                          // without the query string, percent-decoded
  std::map<std::string, std::string> query;  // decoded query parameters (last of a repeat)
  std::vector<std::pair<std::string, std::string>> query_pairs;  // all of them, in order
  std::map<std::string, std::string> headers;                    // names lower-cased
  std::string body;

  // The header value, or "" when absent. name must be lower case.
  const std::string& header(const std::string& name) const;
  // Every value of a query parameter, in order ("a=1&a=2" -> {"1", "2"}).
  std::vector<std::string> query_values(const std::string& name) const;
};

struct HttpResponse {
  int status = 200;
  nlohmann::json body = nlohmann::json::object();
  std::map<std::string, std::string> headers;  // extra headers, e.g. "Allow"
  // Close the connection without answering (the simulator's "response lost" fault).
  bool drop_connection = false;
  // Sent as it is instead of `body` (a non-JSON answer such as GET /metrics); give its
  // Content-Type in `headers`.
  std::optional<std::string> text{};
};

// {"error":{"code":code,"message":message}} with the given status.
HttpResponse error_response(int status, std::string code, std::string message);
HttpResponse json_response(int status, nlohmann::json body);

}  // namespace polycopy::service
