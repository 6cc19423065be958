// The OpenAPI document against the server that really runs: served at /api/openapi.json over
// a real socket without a key; valid for an independent validator (npm); every route of the router
// documented and every documented operation routed; every path parameter declared; every $ref
// resolving; every operation with a success answer; and the security it declares is what the server
// enforces (a request without credentials is refused on every operation that needs them, answered
// on the others).
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <set>
#include <string>

#include "chain/node_script.hpp"
#include "service/api_fixture.hpp"
#include "service/openapi.hpp"

namespace polycopy::testing {
namespace {

using nlohmann::json;

class OpenApi : public ApiFixture {
 protected:
  // The document as the server serves it.
  json served() {
    const auto response = client_->request("GET", "/api/openapi.json");
    EXPECT_EQ(response.status, 200) << response.body;
    return response.json();
  }
};

std::string upper(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

const json& resolve(const json& document, const json& node) {
  if (!node.contains("$ref")) return node;
  const std::string ref = node["$ref"];
  EXPECT_EQ(ref.rfind("#/", 0), 0u) << ref;
  return document.at(json::json_pointer(ref.substr(1)));
}

TEST_F(OpenApi, IsServedWithoutAKeyAndIsTheCompiledInDocument) {
  const json document = served();
  EXPECT_EQ(document, service::openapi_document());
  EXPECT_EQ(document.at("openapi").get<std::string>().rfind("3.", 0), 0u);
  EXPECT_FALSE(document.at("info").at("title").get<std::string>().empty());
}

TEST_F(OpenApi, PassesAnOpenApiValidator) {
  // The served document, validated by an independent implementation from npm.
  const auto file = dir_ / "openapi.json";
  std::ofstream(file) << served().dump();
  const auto lines = test::node_json_lines("crosscheck", "validate-openapi.mjs", file.string(),
                                           "@apidevtools/swagger-parser");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].at("ok"), true) << lines[0].dump();
  EXPECT_EQ(lines[0].value("operations", 0), static_cast<int>(router_->routes().size()));
}

TEST_F(OpenApi, DocumentsExactlyTheRoutesTheServerHas) {
  std::set<std::string> routed, documented;
  for (const auto& route : router_->routes()) {
    EXPECT_TRUE(routed.insert(route.method + " " + route.pattern).second)
        << "routed twice: " << route.method << " " << route.pattern;
  }
  const json document = served();
  for (const auto& [path, item] : document.at("paths").items())
    for (const auto& [method, operation] : item.items())
      documented.insert(upper(method) + " " + path);
  for (const auto& route : routed)
    EXPECT_TRUE(documented.count(route)) << "undocumented route: " << route;
  for (const auto& operation : documented)
    EXPECT_TRUE(routed.count(operation)) << "documented but not routed: " << operation;
}

TEST_F(OpenApi, ParametersReferencesAndAnswersAreWellFormed) {
  const json document = served();
  // Every $ref anywhere resolves.
  std::function<void(const json&)> walk = [&](const json& node) {
    if (node.is_object()) {
      if (node.contains("$ref")) {
        const std::string ref = node["$ref"];
        EXPECT_TRUE(document.contains(json::json_pointer(ref.substr(1)))) << "dangling " << ref;
      }
      for (const auto& [key, child] : node.items()) walk(child);
    } else if (node.is_array()) {
      for (const auto& child : node) walk(child);
    }
  };
  walk(document);

  for (const auto& [path, item] : document.at("paths").items()) {
    std::set<std::string> in_path;
    for (std::size_t at = path.find('{'); at != std::string::npos; at = path.find('{', at + 1))
      in_path.insert(path.substr(at + 1, path.find('}', at) - at - 1));
    for (const auto& [method, operation] : item.items()) {
      const std::string name = upper(method) + " " + path;
      EXPECT_FALSE(operation.value("summary", "").empty()) << name;
      std::set<std::string> declared;
      for (const auto& parameter : operation.value("parameters", json::array())) {
        const json& p = resolve(document, parameter);
        if (p.at("in") == "path") {
          EXPECT_EQ(p.value("required", false), true) << name;
          declared.insert(p.at("name").get<std::string>());
        }
      }
      EXPECT_EQ(declared, in_path) << name;
      bool success = false;
      for (const auto& [status, answer] : operation.at("responses").items()) {
        success = success || status.front() == '2';
        EXPECT_FALSE(resolve(document, answer).value("description", "").empty())
            << name << " " << status;
      }
      EXPECT_TRUE(success) << name << " has no success answer";
    }
  }
}

TEST_F(OpenApi, TheDeclaredSecurityIsWhatTheServerEnforces) {
  const json document = served();
  const json default_security = document.at("security");
  for (const auto& [path, item] : document.at("paths").items()) {
    std::string target = path;
    for (std::size_t at; (at = target.find('{')) != std::string::npos;)
      target.replace(at, target.find('}', at) - at + 1, "x_1");
    for (const auto& [method, operation] : item.items()) {
      const std::string name = upper(method) + " " + path;
      const json security = operation.value("security", default_security);
      const auto answer = client_->request(upper(method), target, method == "get" ? "" : "{}");
      if (security.empty()) {
        EXPECT_EQ(answer.status, 200) << name << ": " << answer.body;
      } else if (security[0].contains("cronSecret")) {
        // No secret configured in this server: the cron routes are off.
        EXPECT_EQ(answer.status, 503) << name << ": " << answer.body;
        EXPECT_EQ(answer.error_code(), "cron_disabled") << name;
        EXPECT_TRUE(operation.at("responses").contains("401")) << name;
      } else {
        EXPECT_EQ(answer.status, 401) << name << ": " << answer.body;
        EXPECT_TRUE(operation.at("responses").contains("401")) << name;
      }
    }
  }
}

}  // namespace
}  // namespace polycopy::testing
