#pragma once
// One REST host as the clients see it: a base URL (configurable, loopback in tests), the
// shared HttpClient, and the rate-limit key prefix ("clob", "gamma", "data") whose buckets
// rate_limits.hpp configures. Returns the body of a 2xx response or a venue_error().
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "net/http_client.hpp"

namespace polycopy::polymarket {

struct RestCall {
  net::HttpMethod method = net::HttpMethod::get;
  std::string path_and_query;  // "/book?token_id=1"
  std::string body;
  net::Headers headers;
  std::string rate_bucket;         // appended to the prefix: "book" -> "clob/book"; "" = prefix
  std::optional<bool> idempotent;  // default: by method (POST is not)
};

class RestEndpoint {
 public:
  RestEndpoint(net::HttpClient& http, std::string base_url, std::string rate_prefix);

  core::Result<std::string> call(const RestCall& call) const;
  core::Result<std::string> get(std::string path_and_query, std::string rate_bucket = {}) const;

  const std::string& base_url() const { return base_url_; }

 private:
  net::HttpClient& http_;
  std::string base_url_;
  std::string rate_prefix_;
};

}  // namespace polycopy::polymarket
