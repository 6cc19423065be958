#include "service/http_server.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "service/http_types.hpp"
#include "service/test_client.hpp"

namespace polycopy::service {
namespace {

HttpServer::Handler echo_path() {
  return [](const HttpRequest& request) {
    return json_response(200, {{"path", request.path},
                               {"query", request.query},
                               {"auth_seen", !request.header("x-test").empty()}});
  };
}

ServerOptions ephemeral() {
  ServerOptions options;
  options.port = 0;
  return options;
}

TEST(HttpServer, ServesManyRequestsOnOneKeptAliveConnection) {
  HttpServer server(ephemeral(), echo_path());
  auto port = server.start();
  ASSERT_TRUE(port.ok()) << port.error().to_string();
  testing::TestClient client(*port);
  for (int i = 0; i < 20; ++i) {
    auto response = client.request("GET", "/x%20y?n=" + std::to_string(i), "", {{"X-Test", "1"}});
    ASSERT_EQ(response.status, 200);
    EXPECT_EQ(response.json()["path"], "/x y");
    EXPECT_EQ(response.json()["query"]["n"], std::to_string(i));
    EXPECT_EQ(response.json()["auth_seen"], true);  // header names arrive lower-cased
  }
}

TEST(HttpServer, SecondServerOnTheSamePortFailsToListen) {
  HttpServer first(ephemeral(), echo_path());
  auto port = first.start();
  ASSERT_TRUE(port.ok());
  ServerOptions same = ephemeral();
  same.port = *port;
  HttpServer second(same, echo_path());
  auto refused = second.start();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "listen_failed");
  EXPECT_NE(refused.error().message.find(std::to_string(*port)), std::string::npos);
  EXPECT_EQ(first.start().error().code, "already_started");
}

TEST(HttpServer, UnresolvableHostFailsToListen) {
  ServerOptions options = ephemeral();
  options.host = "256.1.1.1";
  HttpServer server(options, echo_path());
  auto refused = server.start();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "listen_failed");
}

TEST(HttpServer, StopFromAnotherThreadEndsRun) {
  HttpServer server(ephemeral(), echo_path());
  auto port = server.start();
  ASSERT_TRUE(port.ok());
  std::thread runner([&server] { EXPECT_TRUE(server.run(/*stop_on_signals=*/false).ok()); });
  testing::TestClient client(*port);
  EXPECT_EQ(client.request("GET", "/").status, 200);
  server.stop();
  runner.join();  // would hang if stop() did not end run()
  EXPECT_THROW(testing::TestClient(*port).request("GET", "/"), std::exception);
}

TEST(HttpServer, HandlerResponseWithInvalidUtf8IsStillValidJson) {
  HttpServer server(ephemeral(), [](const HttpRequest& request) {
    return json_response(200, {{"path", request.path}});
  });
  auto port = server.start();
  ASSERT_TRUE(port.ok());
  auto response = testing::TestClient(*port).request("GET", "/%FF%FE");
  EXPECT_EQ(response.status, 200);
  EXPECT_TRUE(response.json().is_object()) << response.body;
}

}  // namespace
}  // namespace polycopy::service
