#include "service/http_types.hpp"

namespace polycopy::service {

const std::string& HttpRequest::header(const std::string& name) const {
  static const std::string kEmpty;
  const auto found = headers.find(name);
  return found == headers.end() ? kEmpty : found->second;
}

std::vector<std::string> HttpRequest::query_values(const std::string& name) const {
  std::vector<std::string> out;
  for (const auto& [key, value] : query_pairs)
    if (key == name) out.push_back(value);
  return out;
}

HttpResponse error_response(int status, std::string code, std::string message) {
  HttpResponse response;
  response.status = status;
  response.body = {{"error", {{"code", std::move(code)}, {"message", std::move(message)}}}};
  return response;
}

HttpResponse json_response(int status, nlohmann::json body) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

}  // namespace polycopy::service
