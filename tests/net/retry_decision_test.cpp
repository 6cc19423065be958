#include "net/retry_decision.hpp"

#include <gtest/gtest.h>

namespace polycopy::net {
namespace {

using std::chrono::milliseconds;
const core::Timestamp kNow = core::from_unix_ms(1'700'000'000'000);

Attempt response(int status, std::string retry_after = "") {
  Attempt attempt;
  attempt.request_sent = true;
  attempt.response = HttpResponse{};
  attempt.response->status = status;
  attempt.response->body = R"({"error":"x"})";
  if (!retry_after.empty()) attempt.response->headers["retry-after"] = retry_after;
  return attempt;
}

Attempt failed(std::string code, bool sent) {
  Attempt attempt;
  attempt.code = std::move(code);
  attempt.message = "detail";
  attempt.request_sent = sent;
  return attempt;
}

TEST(RetryDecision, IdempotentRequestsRetryTransientFailures) {
  EXPECT_EQ(decide(response(200), true, kNow).verdict, Verdict::success);
  for (int status : {408, 429, 500, 502, 503, 504})
    EXPECT_EQ(decide(response(status), true, kNow).verdict, Verdict::retry) << status;
  for (int status : {400, 401, 404, 501})
    EXPECT_EQ(decide(response(status), true, kNow).verdict, Verdict::fail) << status;
  for (const char* code : {"connection_failed", "timeout", "connection_lost"})
    EXPECT_EQ(decide(failed(code, true), true, kNow).verdict, Verdict::retry) << code;
  for (const char* code : {"tls_failed", "invalid_response", "invalid_request"})
    EXPECT_EQ(decide(failed(code, true), true, kNow).verdict, Verdict::fail) << code;
  const auto d = decide(response(404), true, kNow);
  EXPECT_EQ(d.error.code, "http_status");
  EXPECT_EQ(d.error.status, 404);
  ASSERT_TRUE(d.error.response.has_value());
  EXPECT_EQ(d.error.response->body, R"({"error":"x"})");
}

TEST(RetryDecision, NonIdempotentRequestsRetryOnlyWhenSurelyWithoutEffect) {
  EXPECT_EQ(decide(failed("connection_failed", false), false, kNow).verdict, Verdict::retry);
  EXPECT_EQ(decide(response(429), false, kNow).verdict, Verdict::retry);
  for (const char* code : {"timeout", "connection_lost", "invalid_response"}) {
    const auto d = decide(failed(code, true), false, kNow);
    EXPECT_EQ(d.verdict, Verdict::fail) << code;
    EXPECT_EQ(d.error.code, "unknown_outcome") << code;
  }
  for (int status : {500, 502, 503, 504}) {
    const auto d = decide(response(status), false, kNow);
    EXPECT_EQ(d.verdict, Verdict::fail);
    EXPECT_EQ(d.error.code, "unknown_outcome");
    EXPECT_EQ(d.error.status, status);
  }
  EXPECT_EQ(decide(response(400), false, kNow).error.code, "http_status");
}

TEST(RetryDecision, ReadsRetryAfterInSecondsOrAsADate) {
  EXPECT_EQ(decide(response(429, "3"), true, kNow).retry_after, milliseconds(3000));
  EXPECT_EQ(parse_retry_after(" 0 ", kNow), milliseconds(0));
  EXPECT_EQ(parse_retry_after("-1", kNow), std::nullopt);
  EXPECT_EQ(parse_retry_after("soon", kNow), std::nullopt);
  // 1700000000 = Tue, 14 Nov 2023 22:13:20 GMT
  EXPECT_EQ(parse_retry_after("Tue, 14 Nov 2023 22:13:25 GMT", kNow), milliseconds(5000));
  EXPECT_EQ(parse_retry_after("Tue, 14 Nov 2023 22:00:00 GMT", kNow), milliseconds(0));
}

}  // namespace
}  // namespace polycopy::net
