#include "net/http_types.hpp"

namespace polycopy::net {

const char* to_string(HttpMethod method) {
  switch (method) {
    case HttpMethod::get:
      return "GET";
    case HttpMethod::post:
      return "POST";
    case HttpMethod::put:
      return "PUT";
    case HttpMethod::patch:
      return "PATCH";
    case HttpMethod::delete_:
      return "DELETE";
  }
  return "GET";
}

bool HttpRequest::is_idempotent() const {
  if (idempotent) return *idempotent;
  return method == HttpMethod::get || method == HttpMethod::put || method == HttpMethod::delete_;
}

const std::string& HttpResponse::header(const std::string& lower_name) const {
  static const std::string empty;
  const auto found = headers.find(lower_name);
  return found == headers.end() ? empty : found->second;
}

}  // namespace polycopy::net
