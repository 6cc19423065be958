// HttpClient against loopback servers: the project's own HTTP server for well-behaved
// answers, RawHttpServer for servers that fail on purpose. Waits between retries go through
// ClockSleeper, so the tests check the exact delays without sleeping.
#include "net/http_client.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>

#include "net/rate_limiter.hpp"
#include "net/raw_http_server.hpp"
#include "net/test_support.hpp"
#include "service/http_server.hpp"
#include "service/http_types.hpp"

namespace polycopy::net {
namespace {

using std::chrono::milliseconds;
using testing::ClockSleeper;
using testing::http_response;
using testing::RawHttpServer;
using testing::RawReply;

// No jitter and small numbers, so each expected delay is exact.
HttpClientOptions fast_options(int attempts = 3) {
  HttpClientOptions options;
  options.transport.connect_timeout = milliseconds(1000);
  options.transport.timeout = milliseconds(2000);
  options.retry.max_attempts = attempts;
  options.retry.max_elapsed = milliseconds(60'000);
  options.retry.backoff = BackoffPolicy{milliseconds(100), milliseconds(1000), 2.0, 0.0};
  return options;
}

struct Fixture {
  core::ManualClock clock{core::from_unix_ms(1'700'000'000'000)};
  ClockSleeper sleeper{clock};
  HttpClient client;
  explicit Fixture(HttpClientOptions options = fast_options(), RateLimiter* limiter = nullptr)
      : client(std::move(options), HttpClientDeps{&clock, &sleeper, limiter, 1}) {}
};

std::string url(std::uint16_t port, const std::string& path) {
  return "http://127.0.0.1:" + std::to_string(port) + path;
}

TEST(HttpClient, SendsMethodHeadersAndBodyAndReturnsThePlainResponse) {
  service::ServerOptions server_options;
  server_options.port = 0;
  service::HttpServer server(server_options, [](const service::HttpRequest& request) {
    auto response =
        service::json_response(201, {{"method", request.method},
                                     {"path", request.path},
                                     {"query", request.query},
                                     {"body", request.body},
                                     {"x_test", request.header("x-test")},
                                     {"content_type", request.header("content-type")},
                                     {"accept_encoding", request.header("accept-encoding")}});
    response.headers["X-Reply"] = "yes";
    return response;
  });
  auto port = server.start();
  ASSERT_TRUE(port.ok());
  Fixture f;

  auto got = f.client.get(url(*port, "/book?token_id=7"), {{"X-Test", "one"}});
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(got->status, 201);
  EXPECT_EQ(got->header("x-reply"), "yes");
  auto json = nlohmann::json::parse(got->body);
  EXPECT_EQ(json["method"], "GET");
  EXPECT_EQ(json["path"], "/book");
  EXPECT_EQ(json["query"]["token_id"], "7");
  EXPECT_EQ(json["x_test"], "one");
  EXPECT_NE(json["accept_encoding"].get<std::string>().find("gzip"), std::string::npos);

  auto deleted = f.client.del(url(*port, "/order"), R"({"orderID":"0xabc"})");
  ASSERT_TRUE(deleted.ok());
  json = nlohmann::json::parse(deleted->body);
  EXPECT_EQ(json["method"], "DELETE");
  EXPECT_EQ(json["body"], R"({"orderID":"0xabc"})");
  EXPECT_EQ(json["content_type"], "application/json");

  auto posted = f.client.post(url(*port, "/order"), "a=b", {{"Content-Type", "text/plain"}});
  ASSERT_TRUE(posted.ok());
  json = nlohmann::json::parse(posted->body);
  EXPECT_EQ(json["method"], "POST");
  EXPECT_EQ(json["body"], "a=b");
  EXPECT_EQ(json["content_type"], "text/plain");
}

TEST(HttpClient, ClientErrorStatusIsAnErrorWithTheResponseAndIsNotRetried) {
  RawHttpServer server([](int, const std::string&) {
    return RawReply{http_response(400, R"({"error":"not enough balance"})")};
  });
  Fixture f;
  auto got = f.client.post(server.url("/order"), "{}");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, "http_status");
  EXPECT_EQ(got.error().status, 400);
  ASSERT_TRUE(got.error().response.has_value());
  EXPECT_EQ(got.error().response->body, R"({"error":"not enough balance"})");
  EXPECT_EQ(server.requests(), 1);
  EXPECT_EQ(got.to_result().error().code, "http_status");
}

TEST(HttpClient, RetriesServerErrorsWithExponentialBackoffThenSucceeds) {
  RawHttpServer server([](int index, const std::string&) {
    return RawReply{index < 2 ? http_response(503, "busy") : http_response(200, "ok")};
  });
  Fixture f;
  auto got = f.client.get(server.url("/markets"));
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(got->body, "ok");
  EXPECT_EQ(server.requests(), 3);
  EXPECT_EQ(f.sleeper.waits(), (std::vector<milliseconds>{milliseconds(100), milliseconds(200)}));
  EXPECT_EQ(server.connections(), 1);  // the kept-alive connection served all three
}

TEST(HttpClient, GivesUpAfterMaxAttemptsWithTheLastStatus) {
  RawHttpServer server([](int, const std::string&) { return RawReply{http_response(502, "")}; });
  Fixture f(fast_options(4));
  auto got = f.client.get(server.url("/x"));
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, "http_status");
  EXPECT_EQ(got.error().status, 502);
  EXPECT_EQ(got.error().attempts, 4);
  EXPECT_EQ(server.requests(), 4);
}

TEST(HttpClient, HonoursRetryAfterOn429) {
  RawHttpServer server([](int index, const std::string&) {
    return RawReply{index == 0 ? http_response(429, "slow down", "Retry-After: 2\r\n")
                               : http_response(200, "ok")};
  });
  Fixture f;
  auto got = f.client.get(server.url("/prices"));
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(f.sleeper.waits(), std::vector<milliseconds>{milliseconds(2000)});
}

TEST(HttpClient, StopsWhenTheNextRetryWouldPassTheMaxElapsed) {
  RawHttpServer server([](int, const std::string&) {
    return RawReply{http_response(429, "", "Retry-After: 120\r\n")};
  });
  auto options = fast_options(10);
  options.retry.max_elapsed = milliseconds(5000);
  Fixture f(options);
  auto got = f.client.post(server.url("/order"), "{}");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, "http_status");
  EXPECT_EQ(got.error().status, 429);
  EXPECT_EQ(server.requests(), 1);
  EXPECT_TRUE(f.sleeper.waits().empty());
}

TEST(HttpClient, PostGetting5xxIsAnUnknownOutcomeAndIsNeverRetried) {
  RawHttpServer server([](int, const std::string&) { return RawReply{http_response(504, "")}; });
  Fixture f;
  auto got = f.client.post(server.url("/order"), R"({"order":{}})");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, "unknown_outcome");
  EXPECT_EQ(got.error().status, 504);
  EXPECT_EQ(server.requests(), 1);
}

TEST(HttpClient, PostRefusedAt429IsRetried) {
  RawHttpServer server([](int index, const std::string&) {
    return RawReply{index == 0 ? http_response(429, "") : http_response(200, "{}")};
  });
  Fixture f;
  auto got = f.client.post(server.url("/order"), "{}");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(server.requests(), 2);
}

TEST(HttpClient, PostThatCouldNotConnectIsRetried) {
  Fixture f;
  auto got = f.client.post(url(testing::closed_port(), "/order"), "{}");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, "connection_failed");
  EXPECT_EQ(got.error().attempts, 3);
  EXPECT_EQ(f.sleeper.waits().size(), 2u);
}

TEST(HttpClient, PostWhoseConnectionDropsAfterSendingIsAnUnknownOutcome) {
  RawHttpServer server([](int, const std::string&) { return RawReply{"", {}, true}; });
  Fixture f;
  auto got = f.client.post(server.url("/order"), R"({"order":{}})");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, "unknown_outcome");
  EXPECT_EQ(server.requests(), 1);
  EXPECT_TRUE(f.sleeper.waits().empty());
}

// libcurl silently re-sends a request when a reused connection dies without an answer; for
// an order that would be a second POST. The client must stop it.
TEST(HttpClient, PostOnAReusedConnectionThatDiesIsNotResentByLibcurl) {
  RawHttpServer server([](int index, const std::string&) {
    return index == 0 ? RawReply{http_response(200, "warm")} : RawReply{"", {}, true};
  });
  Fixture f;
  ASSERT_TRUE(f.client.get(server.url("/warm")).ok());
  auto got = f.client.post(server.url("/order"), R"({"order":{}})");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, "unknown_outcome");
  EXPECT_EQ(server.requests(), 2);  // the GET and exactly one POST
}

TEST(HttpClient, GetWhoseConnectionDropsIsRetried) {
  RawHttpServer server([](int index, const std::string&) {
    return index < 2 ? RawReply{"", {}, true} : RawReply{http_response(200, "ok")};
  });
  Fixture f;
  auto got = f.client.get(server.url("/trades"));
  ASSERT_TRUE(got.ok()) << got.error().to_error().to_string();
  EXPECT_GE(server.requests(), 3);
}

TEST(HttpClient, SlowServerIsATimeoutForGetAndAnUnknownOutcomeForPost) {
  RawHttpServer server([](int, const std::string&) {
    return RawReply{http_response(200, "late"), milliseconds(400)};
  });
  auto options = fast_options(2);
  options.transport.timeout = milliseconds(100);
  Fixture f(options);
  auto got = f.client.get(server.url("/book"));
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, "timeout");
  EXPECT_EQ(got.error().attempts, 2);

  const int before = server.requests();
  HttpRequest order;
  order.method = HttpMethod::post;
  order.url = server.url("/order");
  order.body = "{}";
  order.timeout = milliseconds(100);
  auto posted = f.client.send(order);
  ASSERT_FALSE(posted.ok());
  EXPECT_EQ(posted.error().code, "unknown_outcome");
  EXPECT_EQ(server.requests() - before, 1);
}

TEST(HttpClient, AnIdempotentPostMayBeRetriedAfterATimeout) {
  RawHttpServer server([](int index, const std::string&) {
    return RawReply{http_response(200, "ok"), milliseconds(index == 0 ? 400 : 0)};
  });
  auto options = fast_options(2);
  options.transport.timeout = milliseconds(100);
  Fixture f(options);
  HttpRequest lookup;
  lookup.method = HttpMethod::post;
  lookup.url = server.url("/lookup");
  lookup.idempotent = true;
  auto got = f.client.send(lookup);
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(server.requests(), 2);
}

TEST(HttpClient, DecodesGzipBodies) {
  static const char kGzip[] =
      "\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03\xab\x56\xca\x48\xcd\xc9\xc9\x57\xb2\x52\x4a\xaf"
      "\xca\x2c\x50\xaa\x05\x00\xf6\x4f\x05\x6f\x10\x00\x00\x00";
  RawHttpServer server([](int, const std::string&) {
    return RawReply{
        http_response(200, std::string(kGzip, sizeof kGzip - 1), "Content-Encoding: gzip\r\n")};
  });
  Fixture f;
  auto got = f.client.get(server.url("/gz"));
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(got->body, R"({"hello":"gzip"})");
}

TEST(HttpClient, GarbageAndOversizedResponsesAreInvalid) {
  RawHttpServer server([](int index, const std::string&) {
    return index == 0 ? RawReply{"NOT HTTP AT ALL\r\n\r\n", {}, true}
                      : RawReply{http_response(200, std::string(5000, 'x'))};
  });
  auto options = fast_options(1);
  options.transport.max_response_bytes = 1000;
  Fixture f(options);
  auto garbage = f.client.get(server.url("/a"));
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.error().code, "invalid_response");
  auto large = f.client.get(server.url("/b"));
  ASSERT_FALSE(large.ok());
  EXPECT_EQ(large.error().code, "invalid_response");
}

TEST(HttpClient, RefusesBadUrlsAndHeaderInjectionWithoutSending) {
  RawHttpServer server([](int, const std::string&) { return RawReply{http_response(200, "")}; });
  Fixture f;
  EXPECT_EQ(f.client.get("ws://127.0.0.1/x").error().code, "invalid_request");
  EXPECT_EQ(f.client.get("not a url").error().code, "invalid_request");
  auto injected = f.client.get(server.url("/x"), {{"X-A", "1\r\nX-Evil: 2"}});
  ASSERT_FALSE(injected.ok());
  EXPECT_EQ(injected.error().code, "invalid_request");
  EXPECT_EQ(server.requests(), 0);
}

TEST(HttpClient, DrawsFromTheHostsTokenBucket) {
  RawHttpServer server([](int, const std::string&) { return RawReply{http_response(200, "")}; });
  core::ManualClock clock;
  RateLimiter limiter(clock);
  limiter.set_limit("127.0.0.1", {10.0, 2.0});
  ClockSleeper sleeper(clock);
  HttpClient client(fast_options(), HttpClientDeps{&clock, &sleeper, &limiter, 1});
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(client.get(server.url("/x")).ok());
  EXPECT_EQ(sleeper.waits(), (std::vector<milliseconds>{milliseconds(100), milliseconds(100)}));
}

TEST(HttpClient, NeverLogsSecretHeadersBodiesOrQueries) {
  const std::string secrets[] = {"sig-AAAA1111", "key-BBBB2222",  "pass-CCCC3333",
                                 "tok-DDDD4444", "body-EEEE5555", "query-FFFF6666"};
  RawHttpServer server([](int index, const std::string&) {
    return RawReply{index == 0 ? http_response(503, "") : http_response(200, "")};
  });
  testing::LogCapture capture;
  Fixture f;
  const Headers headers = {{"POLY_SIGNATURE", secrets[0]},
                           {"POLY_API_KEY", secrets[1]},
                           {"POLY_PASSPHRASE", secrets[2]},
                           {"Authorization", "Bearer " + secrets[3]}};
  ASSERT_TRUE(f.client.get(server.url("/data/orders?k=" + secrets[5]), headers).ok());
  (void)f.client.post(url(testing::closed_port(), "/order"), secrets[4], headers);
  const std::string logged = capture.text();
  EXPECT_NE(logged.find("GET 127.0.0.1/data/orders -> 503"), std::string::npos) << logged;
  EXPECT_NE(logged.find("connection_failed"), std::string::npos) << logged;
  for (const auto& secret : secrets) EXPECT_EQ(logged.find(secret), std::string::npos) << secret;
  EXPECT_EQ(logged.find("POLY_"), std::string::npos);
  EXPECT_EQ(server.received().at(0).find(secrets[0]) != std::string::npos, true);  // but sent
}

}  // namespace
}  // namespace polycopy::net
