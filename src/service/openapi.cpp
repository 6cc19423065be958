#include "service/openapi.hpp"

#include "core/error.hpp"

namespace polycopy::service {

const nlohmann::json& openapi_document() {
  static const nlohmann::json document = [] {
    auto parsed = nlohmann::json::parse(openapi_document_text(), nullptr, false);
    if (parsed.is_discarded())
      throw core::Failure("invalid_openapi", "the compiled-in OpenAPI document is not JSON");
    return parsed;
  }();
  return document;
}

}  // namespace polycopy::service
