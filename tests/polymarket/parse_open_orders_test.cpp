// clob_open_orders has no captured fixture: these payloads are written from the protocol
// doc's OpenOrder description (section 6): id, status, owner, maker_address, market,
// asset_id, side, original_size, size_matched, price, associate_trades, outcome, created_at
// (number or string), expiration (string), order_type; GET /data/orders pages them as
// {limit, count, next_cursor, data}.
#include <gtest/gtest.h>

#include "polymarket/parse/payload.hpp"

namespace polycopy::polymarket::parse {
namespace {

std::string open_order(const std::string& created_at, const std::string& extra = "") {
  return R"({"id":"0x94f351bb28cfe3d4507a24ffafa528409d6de50235f33e81e8fad12929c1cd16",)"
         R"("status":"LIVE","owner":"3e2c94ca-8124-c4c1-c7ea-be1ea21b71fe",)"
         R"("maker_address":"0xa3D82Ed56F4c68d2328Fb8c29e568Ba2cAF7d7c8",)"
         R"("market":"0xdd22472e552920b8438158ea7238bfadfa4f736aa4cee91a6b86c39ead110917",)"
         R"("asset_id":"21742633143463906290569050155826241533067272736897614950488156847949938836455",)"
         R"("side":"BUY","original_size":"100","size_matched":"25.5","price":"0.513",)"
         R"("associate_trades":["0c357886-b9d3-44bb-9aa9-72d8abc90e6e"],"outcome":"Yes",)"
         R"("created_at":)" +
         created_at + R"(,"expiration":"1760000000","order_type":"GTD")" + extra + "}";
}

TEST(ParseOpenOrders, SingleObjectWithNumericCreatedAt) {
  const auto r = parse_open_orders(open_order("1725842520"));
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->items.size(), 1u);
  const auto& o = r->items[0];
  EXPECT_EQ(o.created_at_s, 1725842520);
  EXPECT_EQ(o.expiration_s, 1760000000);
  EXPECT_EQ(o.size_matched.micros(), 25'500'000);
  EXPECT_EQ(o.original_size.micros(), 100'000'000);
  EXPECT_EQ(o.price.micros(), 513'000);
  EXPECT_EQ(o.associate_trades.size(), 1u);
  EXPECT_EQ(o.order_type, "GTD");
}

TEST(ParseOpenOrders, PaginatedWithStringCreatedAt) {
  const std::string body = R"({"limit":500,"count":2,"next_cursor":"LTE=","data":[)" +
                           open_order("\"1725842520\"") + "," + open_order("1725842521") + "]}";
  const auto r = parse_to_normalized_json(PayloadKind::clob_open_orders, body);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->at("items").size(), 2u);
  EXPECT_EQ(r->at("items")[0].at("created_at_s"), 1725842520);
  EXPECT_EQ(r->at("items")[0].at("maker_address"), "0xa3d82ed56f4c68d2328fb8c29e568ba2caf7d7c8");
  EXPECT_EQ(r->at("pagination").at("next_cursor"), "LTE=");
  EXPECT_EQ(r->at("pagination").at("count"), 2);
}

TEST(ParseOpenOrders, BareArrayAndNullTrades) {
  std::string order = open_order("1725842520");
  order.replace(order.find(R"(["0c357886-b9d3-44bb-9aa9-72d8abc90e6e"])"),
                std::string(R"(["0c357886-b9d3-44bb-9aa9-72d8abc90e6e"])").size(), "null");
  const auto r = parse_open_orders("[" + order + "]");
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_TRUE(r->items[0].associate_trades.empty());
}

TEST(ParseOpenOrders, StrictFields) {
  std::string matched_too_much = open_order("1725842520");
  matched_too_much.replace(matched_too_much.find("\"25.5\""), 6, "\"101\"");
  EXPECT_EQ(parse_open_orders(matched_too_much).error().code, "inconsistent_size");

  std::string bad_price = open_order("1725842520");
  bad_price.replace(bad_price.find("\"0.513\""), 7, "\"1.5\"");
  EXPECT_EQ(parse_open_orders(bad_price).error().code, "price_out_of_range");

  std::string ms = open_order("1725842520000");
  EXPECT_EQ(parse_open_orders(ms).error().code, "invalid_timestamp");

  std::string no_token = open_order("1725842520");
  no_token.replace(no_token.find("21742633"), 8, "");
  no_token.replace(no_token.find("\"asset_id\":\""), 12, "\"asset_idx\":\"");
  EXPECT_EQ(parse_open_orders(no_token).error().code, "missing_field");
}

}  // namespace
}  // namespace polycopy::polymarket::parse
