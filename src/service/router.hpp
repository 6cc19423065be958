#pragma once
// Maps (method, path pattern) to handlers. Patterns are literal segments and "{name}"
// captures: "/api/ft/strategies/{id}/pause". Independent of the transport.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "service/http_types.hpp"

namespace polycopy::service {

using PathParams = std::map<std::string, std::string>;
using RouteHandler = std::function<HttpResponse(const HttpRequest&, const PathParams&)>;

struct RouteInfo {
  std::string method;
  std::string pattern;  // as added: "/api/ft/strategies/{id}"
};

class Router {
 public:
  void add(std::string method, std::string_view pattern, RouteHandler handler);
  // Every route, in the order added (the OpenAPI document is checked against these).
  std::vector<RouteInfo> routes() const;

  // Dispatches; unknown path -> 404 "route_not_found", known path with another method ->
  // 405 "method_not_allowed" (with an Allow header). Never throws: an exception escaping a
  // handler becomes 500 "internal_error".
  HttpResponse handle(const HttpRequest& request) const noexcept;
  // The same; `matched_pattern` (if given) receives the pattern of the route the path matched
  // (for a 405 too), or "unmatched": a bounded label for metrics, unlike the raw path.
  HttpResponse handle(const HttpRequest& request, std::string* matched_pattern) const noexcept;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    RouteHandler handler;
  };
  std::vector<Route> routes_;
};

// Splits "/a/b/c" into {"a","b","c"} (empty segments kept, so "/a//b" does not match "/a/b").
std::vector<std::string> split_path(std::string_view path);

}  // namespace polycopy::service
