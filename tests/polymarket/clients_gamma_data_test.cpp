// Gamma and Data API clients over a real loopback socket: filters as query parameters
// (repeated list keys), limit/offset paging that stops at a short page, paging back to the
// last seen trade, leaderboards.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "polymarket/clients/data_client.hpp"
#include "polymarket/clients/gamma_client.hpp"
#include "polymarket/clients_http_server.hpp"
#include "polymarket/clients_support.hpp"

namespace polycopy::polymarket {
namespace {

using testing::LoopbackHttpServer;
using testing::Reply;
using testing::SeenRequest;

// n copies of one fixture element as a JSON array.
std::string repeat_array(const std::string& element, int n) {
  std::string out = "[";
  for (int i = 0; i < n; ++i) out += (i ? "," : "") + element;
  return out + "]";
}

TEST(ClientsGamma, MarketsPageUntilAShortPage) {
  const std::string market = test::fixture("gamma_markets/nautilus_btc_updown_5m_live.json");
  LoopbackHttpServer server([&](const SeenRequest& r) {
    const int offset = std::stoi(r.param("offset"));
    return Reply{200, repeat_array(market, offset < 4 ? 2 : 1)};
  });
  auto http = testing::make_http();
  GammaClient gamma(*http, server.base_url());
  GammaMarketFilter filter;
  filter.active = true;
  filter.closed = false;
  filter.clob_token_ids = {"11", "22"};
  auto markets = gamma.markets(filter, 2);
  ASSERT_TRUE(markets) << markets.error().to_string();
  EXPECT_EQ(markets->size(), 5u);
  EXPECT_EQ((*markets)[0].gamma_id, "1557558");
  const auto seen = server.requests();
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0].param("offset"), "0");
  EXPECT_EQ(seen[1].param("offset"), "2");
  EXPECT_EQ(seen[2].param("offset"), "4");
  EXPECT_EQ(seen[0].param("limit"), "2");
  EXPECT_EQ(seen[0].param("active"), "true");
  EXPECT_EQ(seen[0].param("closed"), "false");
  EXPECT_EQ(seen[0].params_named("clob_token_ids"), (std::vector<std::string>{"11", "22"}));
}

TEST(ClientsGamma, ConditionIdsAreChunkedAndRepeated) {
  LoopbackHttpServer server([](const SeenRequest&) { return Reply{200, "[]"}; });
  auto http = testing::make_http();
  GammaClient gamma(*http, server.base_url());
  std::vector<std::string> ids;
  for (int i = 0; i < 150; ++i) ids.push_back("0x" + std::to_string(i));
  auto markets = gamma.markets_by_condition_ids(ids);
  ASSERT_TRUE(markets) << markets.error().to_string();
  const auto seen = server.requests();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].params_named("condition_ids").size(), 100u);
  EXPECT_EQ(seen[1].params_named("condition_ids").size(), 50u);
  EXPECT_EQ(seen[1].params_named("condition_ids")[0], "0x100");
}

TEST(ClientsGamma, OneMarketAndEvents) {
  LoopbackHttpServer server([](const SeenRequest& r) {
    if (r.path == "/markets/1557558")
      return Reply{200, test::fixture("gamma_markets/nautilus_btc_updown_5m_live.json")};
    if (r.path == "/events")
      return Reply{200, test::fixture("gamma_events/nautilus_negrisk_event_dem_nominee_2028.json")};
    return Reply{404, R"({"error":"not found"})"};
  });
  auto http = testing::make_http();
  GammaClient gamma(*http, server.base_url());
  auto market = gamma.market("1557558");
  ASSERT_TRUE(market) << market.error().to_string();
  EXPECT_EQ(market->token_ids.size(), 2u);
  GammaEventFilter ef;
  ef.slugs = {"democratic-nominee-2028"};
  auto events = gamma.events_page(ef);
  ASSERT_TRUE(events) << events.error().to_string();
  ASSERT_FALSE(events->empty());
  EXPECT_FALSE((*events)[0].markets.empty());
  EXPECT_EQ(server.requests()[1].param("slug"), "democratic-nominee-2028");
  auto missing = gamma.market("9");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "not_found");
}

// A user's history of n trades, newest first, timestamps 1000+n-1 ... 1000.
std::vector<nlohmann::json> history(int n) {
  auto base =
      nlohmann::json::parse(test::fixture("data_trades/swift_trades_market_spain_2026.json"))[0];
  std::vector<nlohmann::json> out;
  for (int i = n - 1; i >= 0; --i) {
    auto t = base;
    t["timestamp"] = 1000 + i;
    t["size"] = i + 1;
    out.push_back(t);
  }
  return out;
}

Reply serve_history(const SeenRequest& r, const std::vector<nlohmann::json>& all) {
  const auto limit = std::stoul(r.param("limit"));
  const auto offset = std::stoul(r.param("offset"));
  nlohmann::json page = nlohmann::json::array();
  for (std::size_t i = offset; i < all.size() && i < offset + limit; ++i) page.push_back(all[i]);
  return {200, page.dump()};
}

TEST(ClientsData, TradesSinceStopsAtTheLastSeenTrade) {
  const auto all = history(7);
  LoopbackHttpServer server([&](const SeenRequest& r) { return serve_history(r, all); });
  auto http = testing::make_http();
  DataClient data(*http, server.base_url());
  DataTradesQuery q;
  q.user = "0x0f3433d8b7596000bf1046aa822308d93cf67684";
  q.taker_only = false;
  auto since = data.trades_since(
      q, [](const parse::DataTrade& t) { return t.timestamp_s == 1002; }, 2);
  ASSERT_TRUE(since) << since.error().to_string();
  EXPECT_TRUE(since->reached_last_seen);
  EXPECT_FALSE(since->truncated);
  ASSERT_EQ(since->trades.size(), 4u);  // 1006, 1005, 1004, 1003
  EXPECT_EQ(since->trades.front().timestamp_s, 1006);
  EXPECT_EQ(since->trades.back().timestamp_s, 1003);
  const auto seen = server.requests();
  ASSERT_EQ(seen.size(), 3u);  // offsets 0, 2, 4
  EXPECT_EQ(seen[2].param("offset"), "4");
  EXPECT_EQ(seen[0].path, "/trades");
  EXPECT_EQ(seen[0].param("user"), q.user);
  EXPECT_EQ(seen[0].param("takerOnly"), "false");
}

TEST(ClientsData, TradesSinceEndsAtAShortPageOrTheOffsetCeiling) {
  const auto all = history(3);
  LoopbackHttpServer server([&](const SeenRequest& r) { return serve_history(r, all); });
  auto http = testing::make_http();
  DataClient data(*http, server.base_url());
  DataTradesQuery q;
  q.user = "0x0f3433d8b7596000bf1046aa822308d93cf67684";
  auto since = data.trades_since(
      q, [](const parse::DataTrade&) { return false; }, 2);
  ASSERT_TRUE(since) << since.error().to_string();
  EXPECT_FALSE(since->reached_last_seen);
  EXPECT_EQ(since->trades.size(), 3u);
  EXPECT_EQ(server.count(), 2);

  LoopbackHttpServer capped([&](const SeenRequest& r) {
    if (std::stoi(r.param("offset")) >= 2)
      return Reply{400, R"({"error":"max historical activity offset of 3000 exceeded"})"};
    return serve_history(r, all);
  });
  DataClient capped_data(*http, capped.base_url());
  auto partial = capped_data.trades_since(
      q, [](const parse::DataTrade&) { return false; }, 2);
  ASSERT_TRUE(partial) << partial.error().to_string();
  EXPECT_TRUE(partial->truncated);
  EXPECT_EQ(partial->trades.size(), 2u);
}

TEST(ClientsData, PositionsActivityLeaderboard) {
  LoopbackHttpServer server([](const SeenRequest& r) {
    if (r.path == "/positions")
      return Reply{200, "[" + test::fixture("data_positions/nb_positions_rn1_item.json") + "]"};
    if (r.path == "/activity")
      return Reply{200, "[" + test::fixture("data_activity/nb_activity_rn1_trade.json") + "]"};
    if (r.path == "/v1/leaderboard")
      return Reply{200, test::fixture("data_leaderboard/verified_leaderboard_week_vol.json")};
    return Reply{404, R"({"error":"no"})"};
  });
  auto http = testing::make_http();
  DataClient data(*http, server.base_url());
  DataPositionsQuery pq;
  pq.user = "0xabc";
  pq.limit = 50;
  auto positions = data.positions(pq);
  ASSERT_TRUE(positions) << positions.error().to_string();
  EXPECT_EQ(positions->size(), 1u);
  DataActivityQuery aq;
  aq.user = "0xabc";
  aq.type = "TRADE";
  auto activity = data.activity(aq);
  ASSERT_TRUE(activity) << activity.error().to_string();
  EXPECT_EQ(activity->size(), 1u);
  LeaderboardQuery lq;
  lq.period = LeaderboardPeriod::day;
  lq.order_by = LeaderboardOrder::volume;
  lq.limit = 2;
  auto board = data.leaderboard(lq);
  ASSERT_TRUE(board) << board.error().to_string();
  EXPECT_FALSE(board->empty());
  const auto seen = server.requests();
  EXPECT_EQ(seen[0].param("limit"), "50");
  EXPECT_EQ(seen[1].param("type"), "TRADE");
  EXPECT_EQ(seen[2].param("timePeriod"), "DAY");
  EXPECT_EQ(seen[2].param("orderBy"), "VOL");
}

}  // namespace
}  // namespace polycopy::polymarket
