// Pure helpers of the clients: query strings, venue error mapping, default rate limits.
#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "net/rate_limiter.hpp"
#include "polymarket/clients/query.hpp"
#include "polymarket/clients/rate_limits.hpp"
#include "polymarket/clients/venue_error.hpp"

namespace polycopy::polymarket {
namespace {

TEST(ClientsHelpers, QueryEncodesAndRepeats) {
  Query q;
  q.add("token_id", "12 3").add_each("condition_ids", {"0xa", "0xb"}).add_int("limit", 5);
  q.add_opt("missing", std::nullopt).add_opt_bool("active", true).add("cursor", "MA==");
  EXPECT_EQ(
      q.str(),
      "?token_id=12%203&condition_ids=0xa&condition_ids=0xb&limit=5&active=true&cursor=MA%3D%3D");
  EXPECT_EQ(Query().with_path("/time"), "/time");
}

net::HttpError status_error(int status, std::string body) {
  net::HttpError e;
  e.code = "http_status";
  e.status = status;
  net::HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  e.response = r;
  return e;
}

TEST(ClientsHelpers, VenueErrorsKeepTheVenueText) {
  auto e = venue_error(status_error(400, R"({"error":"Invalid token id"})"));
  EXPECT_EQ(e.code, "bad_request");
  EXPECT_EQ(e.message, "Invalid token id");
  EXPECT_EQ(venue_error(status_error(401, R"({"error":"Unauthorized/Invalid api key"})")).code,
            "unauthorized");
  EXPECT_EQ(venue_error(status_error(400, R"({"error":"order_version_mismatch"})")).code,
            "order_version_mismatch");
  EXPECT_EQ(
      venue_error(
          status_error(
              503,
              R"({"error":"Trading is currently cancel-only. New orders are not accepted, but cancels are allowed."})"))
          .code,
      "cancel_only");
  EXPECT_EQ(venue_error(status_error(502, "<html>bad gateway</html>")).code, "server_error");
  EXPECT_EQ(venue_error(status_error(502, "<html>bad gateway</html>")).message,
            "<html>bad gateway</html>");
  net::HttpError lost;
  lost.code = "unknown_outcome";
  lost.message = "sent, then connection_lost";
  EXPECT_EQ(venue_error(lost).code, "unknown_outcome");
}

TEST(ClientsHelpers, DefaultRateLimitsCoverEveryBucket) {
  const auto limits = default_rate_limits(1.0);
  auto find = [&](const std::string& key) {
    for (const auto& l : limits)
      if (l.key == key) return l.limit;
    ADD_FAILURE() << key;
    return net::RateLimit{};
  };
  EXPECT_DOUBLE_EQ(find("clob/book").rate_per_second, 150.0);
  EXPECT_DOUBLE_EQ(find("clob/order-post").rate_per_second, 60.0);
  EXPECT_DOUBLE_EQ(find("data/trades").rate_per_second, 20.0);
  EXPECT_DOUBLE_EQ(find("gamma/markets").rate_per_second, 30.0);
  core::ManualClock clock;
  net::RateLimiter limiter(clock);
  apply_rate_limits(limiter, default_rate_limits());
  EXPECT_EQ(limiter.reserve("clob/auth").count(), 0);
}

}  // namespace
}  // namespace polycopy::polymarket
