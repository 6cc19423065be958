// Data API v2 cursor endpoints, /v2/resolutions and /value over a real loopback socket:
// query parameters (snake_case, cursor=<next_cursor>, no offset), fixture payloads, paging
// until has_more is false, and bad payloads.
#include <gtest/gtest.h>

#include "polymarket/clients/data_client.hpp"
#include "polymarket/clients_http_server.hpp"
#include "polymarket/clients_support.hpp"

namespace polycopy::polymarket {
namespace {

using testing::LoopbackHttpServer;
using testing::Reply;
using testing::SeenRequest;

constexpr const char* kUser = "0x379a410a36c101e3b8dfb6c90d1176eb0def4b1a";
constexpr const char* kCondition =
    "0x789f0872f66cfffd21a33020e5c90e11f95f947e03be77ac2df7e86b0cb71527";

TEST(ClientsDataV2, ActivityFollowsTheCursorUntilHasMoreIsFalse) {
  LoopbackHttpServer server([](const SeenRequest& r) {
    if (r.path != "/v2/activity") return Reply{404, R"({"error":"not here"})"};
    if (r.param("cursor").empty())
      return Reply{200, test::fixture("data_activity/polyoxide_v2_activity_user_limit2.json")};
    return Reply{200, R"({"data":[],"pagination":{"limit":2,"offset":2,"has_more":false}})"};
  });
  auto http = testing::make_http();
  DataClient data(*http, server.base_url());
  DataV2ActivityQuery query;
  query.user = kUser;
  query.limit = 2;
  query.type = "TRADE";
  auto rows = data.activity_v2(query);
  ASSERT_TRUE(rows) << rows.error().to_string();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].type, "TRADE");
  EXPECT_FALSE((*rows)[0].outcome_index);  // 999 = not applicable
  EXPECT_EQ((*rows)[1].outcome_index, 1);
  ASSERT_TRUE((*rows)[0].usdc_size);
  EXPECT_EQ((*rows)[0].usdc_size->micros(), 12'161'840);
  const auto seen = server.requests();
  ASSERT_EQ(seen.size(), 2u);
  for (const auto& r : seen) {
    EXPECT_EQ(r.method, "GET");
    EXPECT_EQ(r.param("user"), kUser);
    EXPECT_EQ(r.param("limit"), "2");
    EXPECT_EQ(r.param("type"), "TRADE");
    EXPECT_EQ(r.param("offset"), "");
  }
  EXPECT_EQ(seen[0].params_named("cursor").size(), 0u);
  EXPECT_EQ(seen[1].param("cursor").rfind("eyJkYXRh", 0), 0u);
}

TEST(ClientsDataV2, PositionsAndLeaderboardPages) {
  LoopbackHttpServer server([](const SeenRequest& r) {
    if (r.path == "/v2/positions")
      return Reply{200, test::fixture("data_positions/polyoxide_v2_positions_open_limit2.json")};
    if (r.path == "/v2/leaderboard")
      return Reply{200,
                   test::fixture("data_leaderboard/polyoxide_v2_leaderboard_week_limit2.json")};
    return Reply{404, R"({"error":"not here"})"};
  });
  auto http = testing::make_http();
  DataClient data(*http, server.base_url());
  auto positions = data.positions_v2_page({kUser, 2});
  ASSERT_TRUE(positions) << positions.error().to_string();
  ASSERT_EQ(positions->items.size(), 2u);
  EXPECT_EQ(positions->items[0].size.micros(), 28'090'000);
  EXPECT_EQ(positions->items[0].status, "OPEN");
  EXPECT_EQ(positions->pagination.has_more, true);
  EXPECT_TRUE(positions->pagination.next_cursor);
  DataV2LeaderboardQuery board_query;
  board_query.limit = 2;
  auto board = data.leaderboard_v2_page(board_query, "abc=");
  ASSERT_TRUE(board) << board.error().to_string();
  ASSERT_EQ(board->items.size(), 2u);
  EXPECT_EQ(board->items[0].rank, 1);
  EXPECT_EQ(board->items[1].user_name, "BreakTheBank");
  const auto seen = server.requests();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].param("user"), kUser);
  EXPECT_EQ(seen[1].param("time_period"), "week");
  EXPECT_EQ(seen[1].param("cursor"), "abc=");
}

TEST(ClientsDataV2, ResolutionsAndValue) {
  LoopbackHttpServer server([](const SeenRequest& r) {
    if (r.path == "/v2/resolutions")
      return Reply{200, test::fixture("other/polyoxide_v2_resolution_resolved.json")};
    if (r.path == "/value") return Reply{200, test::fixture("other/nb_data_value_rn1.json")};
    return Reply{404, R"({"error":"not here"})"};
  });
  auto http = testing::make_http();
  DataClient data(*http, server.base_url());
  auto resolutions = data.resolutions(kCondition);
  ASSERT_TRUE(resolutions) << resolutions.error().to_string();
  ASSERT_EQ(resolutions->size(), 1u);
  const auto& res = (*resolutions)[0];
  EXPECT_EQ(res.status, "resolved");
  EXPECT_EQ(res.payouts, (std::vector<std::uint64_t>{1'000'000, 0}));
  EXPECT_EQ(res.resolved_block, 93522484);
  EXPECT_TRUE(res.resolved_at_s);
  EXPECT_FALSE(res.transaction_hash);
  EXPECT_EQ(res.was_disputed, false);
  auto value = data.value("0x2005d16a84ceefa912d4e380cd32e7ff827875ea");
  ASSERT_TRUE(value) << value.error().to_string();
  ASSERT_EQ(value->size(), 1u);
  EXPECT_EQ((*value)[0].value.micros(), 517'349'941'000);
  const auto seen = server.requests();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].param("condition"), kCondition);
  EXPECT_EQ(seen[1].param("user"), "0x2005d16a84ceefa912d4e380cd32e7ff827875ea");
}

TEST(ClientsDataV2, BadPayloadsAndRefusals) {
  LoopbackHttpServer server([](const SeenRequest& r) {
    if (r.path == "/v2/activity") return Reply{200, R"({"pagination":{"has_more":false}})"};
    if (r.path == "/v2/resolutions")
      return Reply{200, std::string(R"({"data":[{"condition_id":")") + kCondition +
                            R"(","status":"resolved","payouts":["1000000",0]}]})"};
    return Reply{400, R"({"error":"invalid user"})"};
  });
  auto http = testing::make_http();
  DataClient data(*http, server.base_url());
  auto activity = data.activity_v2_page({kUser, 2, std::nullopt});
  ASSERT_FALSE(activity);
  EXPECT_EQ(activity.error().code, "missing_field");
  auto resolutions = data.resolutions(kCondition);
  ASSERT_FALSE(resolutions);
  EXPECT_EQ(resolutions.error().code, "invalid_integer");
  auto value = data.value("nobody");
  ASSERT_FALSE(value);
  EXPECT_EQ(value.error().code, "bad_request");
  EXPECT_EQ(value.error().message, "invalid user");
}

// Stopping at a repeated cursor would hand back a silently short list.
TEST(ClientsDataV2, ARepeatedCursorIsAnError) {
  LoopbackHttpServer server([](const SeenRequest&) {
    return Reply{200, R"({"data":[],"pagination":{"has_more":true,"next_cursor":"same"}})"};
  });
  auto http = testing::make_http();
  DataClient data(*http, server.base_url());
  auto rows = data.positions_v2({kUser, std::nullopt}, 5);
  ASSERT_FALSE(rows);
  EXPECT_EQ(rows.error().code, "cursor_loop");
  EXPECT_EQ(server.count(), 2);
}

}  // namespace
}  // namespace polycopy::polymarket
