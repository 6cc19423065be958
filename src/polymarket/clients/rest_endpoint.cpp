#include "polymarket/clients/rest_endpoint.hpp"

#include <utility>

#include "net/url.hpp"
#include "polymarket/clients/venue_error.hpp"

namespace polycopy::polymarket {

RestEndpoint::RestEndpoint(net::HttpClient& http, std::string base_url, std::string rate_prefix)
    : http_(http), base_url_(std::move(base_url)), rate_prefix_(std::move(rate_prefix)) {}

core::Result<std::string> RestEndpoint::call(const RestCall& call) const {
  net::HttpRequest request;
  request.method = call.method;
  request.url = net::join_url(base_url_, call.path_and_query);
  request.headers = call.headers;
  request.headers.emplace_back("Accept", "application/json");
  if (!call.body.empty()) request.headers.emplace_back("Content-Type", "application/json");
  request.body = call.body;
  request.idempotent = call.idempotent;
  request.rate_key =
      call.rate_bucket.empty() ? rate_prefix_ : rate_prefix_ + "/" + call.rate_bucket;
  auto result = http_.send(request);
  if (!result) return venue_error(result.error());
  return std::move(result).value().body;
}

core::Result<std::string> RestEndpoint::get(std::string path_and_query,
                                            std::string rate_bucket) const {
  RestCall c;
  c.path_and_query = std::move(path_and_query);
  c.rate_bucket = std::move(rate_bucket);
  return call(c);
}

}  // namespace polycopy::polymarket
