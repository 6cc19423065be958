#include "service/router.hpp"

#include <gtest/gtest.h>

#include "service/request_target.hpp"

namespace polycopy::service {
namespace {

HttpRequest make(std::string method, std::string path) {
  HttpRequest request;
  request.method = std::move(method);
  request.path = std::move(path);
  return request;
}

Router sample_router() {
  Router router;
  router.add("GET", "/items/{id}", [](const HttpRequest&, const PathParams& params) {
    return json_response(200, {{"id", params.at("id")}});
  });
  router.add("POST", "/items/{id}", [](const HttpRequest&, const PathParams&) -> HttpResponse {
    throw std::runtime_error("boom");
  });
  router.add("PATCH", "/items/{id}", [](const HttpRequest&, const PathParams&) -> HttpResponse {
    throw 42;  // not even a std::exception
  });
  return router;
}

TEST(Router, CapturesPathParameters) {
  auto response = sample_router().handle(make("GET", "/items/abc"));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body["id"], "abc");
}

TEST(Router, UnknownPathIs404AndWrongMethodIs405WithAllow) {
  const Router router = sample_router();
  EXPECT_EQ(router.handle(make("GET", "/items")).status, 404);
  EXPECT_EQ(router.handle(make("GET", "/items/")).status, 404);
  EXPECT_EQ(router.handle(make("GET", "/items/a/b")).body["error"]["code"], "route_not_found");
  auto wrong = router.handle(make("DELETE", "/items/a"));
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(wrong.body["error"]["code"], "method_not_allowed");
  EXPECT_EQ(wrong.headers["Allow"], "GET, POST, PATCH");
}

TEST(Router, ExceptionsBecome500InternalError) {
  const Router router = sample_router();
  for (const char* method : {"POST", "PATCH"}) {
    auto response = router.handle(make(method, "/items/a"));
    EXPECT_EQ(response.status, 500);
    EXPECT_EQ(response.body["error"]["code"], "internal_error");
  }
}

TEST(RequestTarget, DecodesPathAndQuery) {
  auto target = parse_request_target("/a%20b/c?x=1&y=hello+world&z=%41&flag");
  ASSERT_TRUE(target.ok());
  EXPECT_EQ(target->path, "/a b/c");
  EXPECT_EQ(target->query.at("x"), "1");
  EXPECT_EQ(target->query.at("y"), "hello world");
  EXPECT_EQ(target->query.at("z"), "A");
  EXPECT_EQ(target->query.at("flag"), "");
}

TEST(RequestTarget, KeepsEveryValueOfARepeatedParameter) {
  auto target = parse_request_target("/m?id=0xa&limit=5&id=0xb");
  ASSERT_TRUE(target.ok());
  EXPECT_EQ(target->query.at("id"), "0xb");  // the map keeps the last
  const std::vector<std::pair<std::string, std::string>> pairs{
      {"id", "0xa"}, {"limit", "5"}, {"id", "0xb"}};
  EXPECT_EQ(target->query_pairs, pairs);
  HttpRequest request;
  request.query_pairs = target->query_pairs;
  EXPECT_EQ(request.query_values("id"), (std::vector<std::string>{"0xa", "0xb"}));
  EXPECT_TRUE(request.query_values("none").empty());
}

TEST(RequestTarget, RefusesMalformedTargets) {
  for (const char* bad : {"", "*", "http://x/y", "/a%2", "/a%zz", "/a?x=%g0"}) {
    auto target = parse_request_target(bad);
    ASSERT_FALSE(target.ok()) << bad;
    EXPECT_EQ(target.error().code, "bad_request");
  }
}

}  // namespace
}  // namespace polycopy::service
