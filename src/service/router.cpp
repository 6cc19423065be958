#include "service/router.hpp"

#include <spdlog/spdlog.h>

namespace polycopy::service {
namespace {

bool is_capture(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool matches(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
             PathParams& params) {
  if (pattern.size() != path.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (is_capture(pattern[i])) {
      if (path[i].empty()) return false;
      params[pattern[i].substr(1, pattern[i].size() - 2)] = path[i];
    } else if (pattern[i] != path[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> segments;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (true) {
    const auto slash = path.find('/');
    segments.emplace_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

void Router::add(std::string method, std::string_view pattern, RouteHandler handler) {
  routes_.push_back(
      Route{std::move(method), std::string(pattern), split_path(pattern), std::move(handler)});
}

std::vector<RouteInfo> Router::routes() const {
  std::vector<RouteInfo> out;
  out.reserve(routes_.size());
  for (const auto& route : routes_) out.push_back(RouteInfo{route.method, route.pattern});
  return out;
}

HttpResponse Router::handle(const HttpRequest& request) const noexcept {
  return handle(request, nullptr);
}

HttpResponse Router::handle(const HttpRequest& request,
                            std::string* matched_pattern) const noexcept {
  try {
    if (matched_pattern) *matched_pattern = "unmatched";
    const auto segments = split_path(request.path);
    std::string allowed;
    for (const auto& route : routes_) {
      PathParams params;
      if (!matches(route.segments, segments, params)) continue;
      if (matched_pattern && allowed.empty()) *matched_pattern = route.pattern;
      if (route.method == request.method) {
        if (matched_pattern) *matched_pattern = route.pattern;
        return route.handler(request, params);
      }
      allowed += (allowed.empty() ? "" : ", ") + route.method;
    }
    if (allowed.empty())
      return error_response(404, "route_not_found", "no route for " + request.path);
    auto response = error_response(405, "method_not_allowed",
                                   request.method + " is not allowed here; allowed: " + allowed);
    response.headers["Allow"] = allowed;
    return response;
  } catch (const std::exception& e) {
    spdlog::error("request handler failed: {}", e.what());
  } catch (...) {
    spdlog::error("request handler failed with a non-standard exception");
  }
  try {
    return error_response(500, "internal_error", "the server failed to handle the request");
  } catch (...) {
    return HttpResponse{500, nullptr, {}};
  }
}

}  // namespace polycopy::service
