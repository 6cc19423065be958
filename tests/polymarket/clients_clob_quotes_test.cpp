// CLOB public batch quotes (POST /books, /prices, /midpoints) and GET /fee-rate over a real
// loopback socket: bodies, typed results, and retries (the batch POSTs are idempotent).
#include <gtest/gtest.h>

#include <atomic>

#include "polymarket/clients/clob_public_client.hpp"
#include "polymarket/clients_http_server.hpp"
#include "polymarket/clients_support.hpp"

namespace polycopy::polymarket {
namespace {

using testing::LoopbackHttpServer;
using testing::Reply;
using testing::SeenRequest;

constexpr const char* kToken =
    "65193234666628291664907888364936366210889305490897648116746073820519263548476";

TEST(ClientsClobQuotes, BooksPostsTokenListAndParsesEveryBook) {
  LoopbackHttpServer server([](const SeenRequest& r) {
    if (r.method == "POST" && r.path == "/books")
      return Reply{200, test::fixture("clob_book/polygolem_clob_books_fed_10.json")};
    return Reply{404, R"({"error":"not here"})"};
  });
  auto http = testing::make_http();
  ClobPublicClient clob(*http, server.base_url());
  auto books = clob.books({kToken, "123"});
  ASSERT_TRUE(books) << books.error().to_string();
  ASSERT_EQ(books->size(), 10u);
  EXPECT_EQ((*books)[0].token_id.to_decimal(), kToken);
  EXPECT_FALSE((*books)[0].bids.empty());
  const auto seen = server.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].body, std::string(R"([{"token_id":")") + kToken + R"("},{"token_id":"123"}])");
  EXPECT_EQ(seen[0].header("content-type"), "application/json");
}

TEST(ClientsClobQuotes, BatchQuotesAreRetriedOn5xx) {
  std::atomic<int> n{0};
  LoopbackHttpServer server([&](const SeenRequest&) {
    if (n++ == 0) return Reply{503, R"({"error":"upstream busy"})"};
    return Reply{200, R"({"123":"0.525","456":"0.475"})"};
  });
  auto http = testing::make_http();
  ClobPublicClient clob(*http, server.base_url());
  auto mids = clob.midpoints({"123", "456"});
  ASSERT_TRUE(mids) << mids.error().to_string();
  ASSERT_EQ(mids->size(), 2u);
  EXPECT_EQ((*mids)[0].token_id.to_decimal(), "123");
  EXPECT_EQ((*mids)[0].value.micros(), 525'000);
  EXPECT_FALSE((*mids)[0].side);
  EXPECT_EQ((*mids)[1].value.micros(), 475'000);
  EXPECT_EQ(server.count("POST", "/midpoints"), 2);
  EXPECT_EQ(server.requests()[1].body, R"([{"token_id":"123"},{"token_id":"456"}])");
}

TEST(ClientsClobQuotes, PricesKeyedByTokenThenSide) {
  LoopbackHttpServer server([](const SeenRequest& r) {
    if (r.path != "/prices") return Reply{404, R"({"error":"not here"})"};
    return Reply{200, R"({"123":{"BUY":"0.52","SELL":"0.53"},"456":{"SELL":"0.48"}})"};
  });
  auto http = testing::make_http();
  ClobPublicClient clob(*http, server.base_url());
  auto prices = clob.prices({{"123", parse::TradeSide::buy},
                             {"123", parse::TradeSide::sell},
                             {"456", parse::TradeSide::sell}});
  ASSERT_TRUE(prices) << prices.error().to_string();
  ASSERT_EQ(prices->size(), 3u);
  EXPECT_EQ((*prices)[0].side, parse::TradeSide::buy);
  EXPECT_EQ((*prices)[0].value.micros(), 520'000);
  EXPECT_EQ((*prices)[1].side, parse::TradeSide::sell);
  EXPECT_EQ((*prices)[2].token_id.to_decimal(), "456");
  EXPECT_EQ((*prices)[2].value.micros(), 480'000);
  const auto seen = server.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].method, "POST");
  EXPECT_EQ(
      seen[0].body,
      R"([{"token_id":"123","side":"BUY"},{"token_id":"123","side":"SELL"},{"token_id":"456","side":"SELL"}])");
}

TEST(ClientsClobQuotes, BadBatchAnswersAreErrors) {
  LoopbackHttpServer server([](const SeenRequest& r) {
    if (r.path == "/prices") return Reply{200, R"({"123":{"HOLD":"0.5"}})"};
    if (r.path == "/midpoints") return Reply{200, R"({"123":"1.5"})"};
    return Reply{400, R"({"error":"Payload exceeds the limit"})"};
  });
  auto http = testing::make_http();
  ClobPublicClient clob(*http, server.base_url());
  auto prices = clob.prices({{"123", parse::TradeSide::buy}});
  ASSERT_FALSE(prices);
  EXPECT_EQ(prices.error().code, "invalid_side");
  EXPECT_FALSE(clob.midpoints({"123"}));
  auto books = clob.books({"123"});
  ASSERT_FALSE(books);
  EXPECT_EQ(books.error().code, "bad_request");
  EXPECT_EQ(books.error().message, "Payload exceeds the limit");
  EXPECT_EQ(server.count("POST", "/books"), 1);  // a 400 is not retried
}

TEST(ClientsClobQuotes, FeeRateReadsBaseFee) {
  LoopbackHttpServer server([](const SeenRequest& r) {
    if (r.path == "/fee-rate" && r.param("token_id") == "123")
      return Reply{200, R"({"base_fee": 1000})"};
    return Reply{404, R"({"error":"No orderbook exists for the requested token id"})"};
  });
  auto http = testing::make_http();
  ClobPublicClient clob(*http, server.base_url());
  auto fee = clob.fee_rate_bps("123");
  ASSERT_TRUE(fee) << fee.error().to_string();
  EXPECT_EQ(*fee, 1000);
  auto missing = clob.fee_rate_bps("999");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "not_found");
  const auto seen = server.requests();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].method, "GET");
  EXPECT_EQ(seen[0].query, "token_id=123");
}

}  // namespace
}  // namespace polycopy::polymarket
