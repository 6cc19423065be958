// The market channel's three historical price_change formats normalise to one list.
#include <gtest/gtest.h>

#include "polymarket/parse/payload.hpp"
#include "polymarket/parse_fixtures.hpp"

namespace polycopy::polymarket::parse {
namespace {

constexpr const char* kMarket =
    "0x5f65177b394277fd294cd75650044e32ba009a95022d88a0c1d565897d72f8f1";
constexpr const char* kToken =
    "71321045679252212594626385532706912750332728571942532289631379312455583992563";

TEST(ParseWsMarket, CurrentPriceChangeFormat) {
  const auto r = parse_ws_market(test::fixture("ws_market/docs_price_change_v2_two_assets.json"));
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  const auto& e = r->items[0];
  EXPECT_EQ(e.event_type, "price_change");
  EXPECT_EQ(e.timestamp_ms, 1757908892351);
  ASSERT_EQ(e.changes.size(), 2u);
  EXPECT_EQ(e.changes[0].token_id.to_decimal(), kToken);
  EXPECT_EQ(e.changes[0].size.micros(), 200'000'000);
  EXPECT_EQ(e.changes[1].side, TradeSide::sell);
  EXPECT_EQ(e.changes[1].best_bid->micros(), 0);
  EXPECT_EQ(e.changes[0].best_ask->micros(), 1'000'000);
}

TEST(ParseWsMarket, OlderChangesFormat) {
  const std::string body = std::string(R"({"event_type":"price_change","asset_id":")") + kToken +
                           R"(","market":")" + kMarket +
                           R"(","hash":"abc1","timestamp":"1729084877448","changes":[)"
                           R"({"price":"0.4","side":"SELL","size":"3300"},)"
                           R"({"price":"0.5","side":"BUY","size":"0"}]})";
  const auto r = parse_to_normalized_json(PayloadKind::ws_market, body);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  const auto& changes = r->at("items")[0].at("changes");
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].at("token_id"), kToken);
  EXPECT_EQ(changes[0].at("hash"), "abc1");
  EXPECT_EQ(changes[1].at("size"), "0");  // removes the level
  EXPECT_TRUE(changes[1].at("best_bid").is_null());
}

TEST(ParseWsMarket, OldestFlatFormat) {
  const std::string body =
      std::string(R"({"event_type":"price_change","asset_id":")") + kToken + R"(","market":")" +
      kMarket +
      R"(","price":"0.51","side":"BUY","size":"12.5","hash":"ff","timestamp":"1720000000000"})";
  const auto r = parse_ws_market(body);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->items[0].changes.size(), 1u);
  EXPECT_EQ(r->items[0].changes[0].price.micros(), 510'000);
  EXPECT_EQ(r->items[0].changes[0].size.micros(), 12'500'000);
}

TEST(ParseWsMarket, FrameArrayMixesEventsAndUnknownTypesAreKept) {
  const std::string body = "[" + test::fixture("ws_market/nautilus_ws_last_trade_price.json") +
                           "," + test::fixture("ws_market/nautilus_ws_tick_size_change.json") +
                           R"(,{"event_type":"something_new","market":")" + kMarket + R"("}])";
  const auto r = parse_ws_market(body);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->items.size(), 3u);
  EXPECT_EQ(r->items[0].price->micros(), 491'000);
  EXPECT_EQ(r->items[0].size->micros(), 85'360'000);
  EXPECT_EQ(r->items[0].side, TradeSide::sell);
  EXPECT_EQ(r->items[1].new_tick_size->micros(), 1'000);
  EXPECT_TRUE(r->items[2].ignored);
}

TEST(ParseWsMarket, KeepAliveIsNoEvent) {
  const auto r = parse_ws_market("PONG");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->items.empty());
}

TEST(ParseWsMarket, BestBidAskAndMarketResolved) {
  const std::string bba =
      std::string(R"({"event_type":"best_bid_ask","asset_id":")") + kToken + R"(","market":")" +
      kMarket +
      R"(","best_bid":"0.73","best_ask":"0.77","spread":"0.04","timestamp":"1766789469958"})";
  const auto a = parse_ws_market(bba);
  ASSERT_TRUE(a.ok()) << a.error().to_string();
  EXPECT_EQ(a->items[0].spread->micros(), 40'000);

  const std::string resolved =
      std::string(R"({"event_type":"market_resolved","id":"1031769","market":")") + kMarket +
      R"(","assets_ids":[")" + kToken + R"(","2"],"winning_asset_id":")" + kToken +
      R"(","winning_outcome":"Yes","timestamp":"1766790415550"})";
  const auto b = parse_to_normalized_json(PayloadKind::ws_market, resolved);
  ASSERT_TRUE(b.ok()) << b.error().to_string();
  EXPECT_EQ(b->at("items")[0].at("winning_token_id"), kToken);
  EXPECT_EQ(b->at("items")[0].at("winning_outcome"), "Yes");
}

}  // namespace
}  // namespace polycopy::polymarket::parse
