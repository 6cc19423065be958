#pragma once
// The OpenAPI 3 description of the whole HTTP API (src/service/openapi.json, compiled in),
// served at GET /api/openapi.json. tests/service/openapi_test checks it against the routes
// the router really has: no route undocumented, no documented route missing.
#include <string_view>

#include <nlohmann/json.hpp>

namespace polycopy::service {

// The document as written.
std::string_view openapi_document_text();
// Parsed once; throws core::Failure("invalid_openapi") if the compiled-in text is not JSON.
const nlohmann::json& openapi_document();

}  // namespace polycopy::service
