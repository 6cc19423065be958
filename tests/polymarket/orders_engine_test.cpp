// Strict engine-mode order building: every refusal has its reason code, and what passes is
// signed exactly as the official client signs it.
#include <gtest/gtest.h>

#include "chain/address.hpp"
#include "polymarket/orders/engine_order.hpp"

namespace polycopy::polymarket {
namespace {

constexpr std::uint64_t kNow = 1765000000;

const chain::PrivateKey& key() {
  static const auto k =
      chain::PrivateKey::parse("0x00000000000000000000000000000000000000000000000000000000000000a1")
          .value();
  return k;
}

EngineOrderRequest limit_buy() {
  EngineOrderRequest r;
  r.token_id = chain::Uint256::parse_decimal(
                   "34549038436775387767555351401981287096280193432851657723404876503687402605441")
                   .value();
  r.price = core::Price::parse("0.42").value();
  r.size = core::Shares::parse("12.5").value();
  r.salt = 86420;
  r.timestamp_ms = 1765000000000;
  return r;
}

MarketRules rules(TickSize tick = TickSize::t0_01) {
  return MarketRules{tick, false, core::Shares::parse("5").value()};
}

std::string code(const EngineOrderRequest& r, const MarketRules& m = rules()) {
  const auto built = build_engine_order(r, m, key(), kNow);
  return built ? "ok" : built.error().code;
}

TEST(EngineOrder, SignsTheDocExampleLikeTheClient) {
  const auto built = build_engine_order(limit_buy(), rules(), key(), kNow);
  ASSERT_TRUE(built) << built.error().to_string();
  EXPECT_EQ(built->order.maker_amount, 5250000);
  EXPECT_EQ(built->order.taker_amount, 12500000);
  EXPECT_EQ(
      built->signature,
      "0x6ad758e5a7e8def75afd2396ab3d0ed31730df2ed937f97c0cf52c1da52d7af86dd53ddc245ce199ae1bb1"
      "7b3c8439f14692701451d21efc09d43419822bc0691c");
}

TEST(EngineOrder, RefusesPricesOffTheTickOrOutOfRange) {
  auto r = limit_buy();
  r.price = core::Price::parse("0.515").value();
  EXPECT_EQ(code(r), "price_not_on_tick");  // the client would silently move it to 0.52
  r.price = core::Price::parse("0.123").value();
  EXPECT_EQ(code(r, rules(TickSize::t0_005)), "price_not_on_tick");
  r.price = core::Price::parse("0.125").value();
  EXPECT_EQ(code(r, rules(TickSize::t0_005)), "ok");
  r.price = core::Price::parse("0.005").value();
  EXPECT_EQ(code(r), "price_out_of_range");
  r.price = core::Price::parse("1").value();
  EXPECT_EQ(code(r), "price_out_of_range");
  r.price = core::Price::parse("0").value();
  EXPECT_EQ(code(r), "price_out_of_range");
  r.kind = OrderKind::market;  // a market BUY sizes by USD / price: must not divide by 0
  r.order_type = OrderType::fok;
  r.amount = core::Usd::parse("10").value();
  EXPECT_EQ(code(r), "price_out_of_range");
  r = limit_buy();
  r.price = core::Price::parse("0.99").value();
  EXPECT_EQ(code(r), "ok");
  r.price = core::Price::parse("0.01").value();
  r.size = core::Shares::parse("500").value();
  EXPECT_EQ(code(r), "ok");
}

TEST(EngineOrder, RefusesSizesBelowTheMinimumOrTooPrecise) {
  auto r = limit_buy();
  r.size = core::Shares::parse("4.99").value();
  EXPECT_EQ(code(r), "below_min_order_size");
  r.size = core::Shares::parse("12.345").value();
  EXPECT_EQ(code(r), "size_too_precise");
  r.size = core::Shares::parse("0").value();
  EXPECT_EQ(code(r), "invalid_size");
  r.size = core::Shares::parse("-5").value();
  EXPECT_EQ(code(r), "invalid_size");
}

TEST(EngineOrder, RefusesTicksTheVersionDoesNotKnow) {
  auto r = limit_buy();
  r.version = ProtocolVersion::v1;
  r.price = core::Price::parse("0.425").value();
  EXPECT_EQ(code(r, rules(TickSize::t0_005)), "invalid_tick_size");
  r.version = ProtocolVersion::v2;
  EXPECT_EQ(code(r, rules(TickSize::t0_005)), "ok");
}

TEST(EngineOrder, OrderTypeRules) {
  auto r = limit_buy();
  r.post_only = true;
  r.order_type = OrderType::fok;
  EXPECT_EQ(code(r), "post_only_not_allowed");
  r.order_type = OrderType::fak;
  EXPECT_EQ(code(r), "post_only_not_allowed");
  r.order_type = OrderType::gtc;
  EXPECT_EQ(code(r), "ok");
  r.order_type = OrderType::gtd;
  r.expiration_s = kNow + 60;
  EXPECT_EQ(code(r), "expiration_too_soon");
  r.expiration_s = kNow + 61;
  EXPECT_EQ(code(r), "ok");
  r.order_type = OrderType::gtc;
  EXPECT_EQ(code(r), "expiration_not_allowed");
  r = limit_buy();
  r.kind = OrderKind::market;
  r.amount = core::Usd::parse("10").value();
  EXPECT_EQ(code(r), "invalid_order_type");  // a market order is FOK or FAK
  r.order_type = OrderType::fok;
  EXPECT_EQ(code(r), "ok");
}

TEST(EngineOrder, MarketBuyIsSizedInUsd) {
  auto r = limit_buy();
  r.kind = OrderKind::market;
  r.order_type = OrderType::fak;
  r.price = core::Price::parse("0.5").value();
  r.amount = core::Usd::parse("2").value();  // 4 shares at 0.5: below the minimum of 5
  EXPECT_EQ(code(r), "below_min_order_size");
  r.amount = core::Usd::parse("10.005").value();
  EXPECT_EQ(code(r), "size_too_precise");
  r.amount = core::Usd::parse("10").value();
  const auto built = build_engine_order(r, rules(), key(), kNow);
  ASSERT_TRUE(built) << built.error().to_string();
  EXPECT_EQ(built->order.maker_amount, 10000000);
  EXPECT_EQ(built->order.taker_amount, 20000000);
}

TEST(EngineOrder, WalletRules) {
  auto r = limit_buy();
  r.signature_type = SignatureType::poly_gnosis_safe;
  EXPECT_EQ(code(r), "funder_required");
  r.funder = chain::parse_address("0x0123456789abcdef0123456789abcdef01234567").value();
  EXPECT_EQ(code(r), "ok");
  r.signature_type = SignatureType::eoa;
  EXPECT_EQ(code(r), "funder_mismatch");
  r.funder.reset();
  r.salt = std::uint64_t{1} << 53;
  EXPECT_EQ(code(r), "invalid_salt");
  r = limit_buy();
  r.version = ProtocolVersion::v1;
  r.signature_type = SignatureType::poly_1271;
  r.funder = chain::parse_address("0x0123456789abcdef0123456789abcdef01234567").value();
  EXPECT_EQ(code(r), "signature_type_not_supported");
  r.version = ProtocolVersion::v3;
  const auto built = build_engine_order(r, rules(), key(), kNow);
  ASSERT_TRUE(built) << built.error().to_string();
  EXPECT_EQ(built->signature.size(), 2 + 2 * 317u);  // the ERC-7739 wrapper
  EXPECT_EQ(built->order.signer.value, *r.funder);
}

}  // namespace
}  // namespace polycopy::polymarket
