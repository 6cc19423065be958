// The venue's refusals, with Polymarket's exact texts, and the order it checks things in.
#include "chain/hex.hpp"
#include "venue_test_fixture.hpp"

namespace polycopy::sim::venue_test {
namespace {

using ChecksTest = VenueTest;

void expect_refused(const PlaceResult& r, const std::string& text) {
  EXPECT_FALSE(r.success);
  EXPECT_EQ(r.http_status, 400);
  EXPECT_EQ(r.error_msg, text);
  EXPECT_EQ(r.status, "");
}

TEST_F(ChecksTest, UnknownToken) {
  expect_refused(place(kAlice, chain::Uint256(999), Side::buy, 500'000, 10 * kUnit),
                 "Invalid token id");
}

TEST_F(ChecksTest, PriceOffTheTickGrid) {
  const std::string text = "order is invalid. Price breaks minimum tick size rules";
  expect_refused(place(kAlice, kYes, Side::buy, 505'000, 10 * kUnit), text);
  expect_refused(place(kAlice, kYes, Side::buy, 1'000'000, 10 * kUnit), text);  // above 1 - tick
  expect_refused(place(kAlice, kYes, Side::sell, 5'000, 10 * kUnit), text);     // below tick
  // Amounts whose ratio is not a whole price.
  PlaceRequest r = order_request(kAlice, kYes, Side::buy, 500'000, 10 * kUnit);
  r.order.order.maker_amount = 1'000'001;
  r.order.order.taker_amount = 3'000'000;
  expect_refused(venue().place(r), text);
  EXPECT_TRUE(place(kAlice, kYes, Side::buy, 300'000, 10 * kUnit).success);
}

TEST_F(ChecksTest, SizeBelowTheMinimumNamesBothSizes) {
  const PlaceRequest r = order_request(kAlice, kYes, Side::buy, 500'000, 1'080'000);
  expect_refused(venue().place(r), "order " + chain::to_hex(r.order.hash) +
                                       " is invalid. Size (1.08) lower than the minimum: 5");
  // Market orders carry no minimum size.
  EXPECT_TRUE(place(kAlice, kYes, Side::buy, 510'000, 1'000'000, OrderType::fok).success);
}

TEST_F(ChecksTest, Expiration) {
  const std::uint64_t now_s = kStartMs / 1000;
  PlaceRequest gtd = order_request(kAlice, kYes, Side::buy, 400'000, 10 * kUnit, OrderType::gtd);
  gtd.order.order.expiration = now_s + 60;  // inside the one-minute margin
  expect_refused(venue().place(gtd), "invalid expiration");
  gtd.order.order.expiration = 0;
  expect_refused(venue().place(gtd), "invalid expiration");
  gtd.order.order.expiration = now_s + 61;
  EXPECT_EQ(venue().place(gtd).status, "live");

  PlaceRequest gtc = order_request(kAlice, kYes, Side::buy, 400'000, 10 * kUnit);
  gtc.order.order.expiration = now_s + 3600;
  expect_refused(venue().place(gtc), "invalid expiration");
}

TEST_F(ChecksTest, DuplicateHash) {
  const PlaceRequest r = order_request(kAlice, kYes, Side::buy, 400'000, 10 * kUnit);
  EXPECT_TRUE(venue().place(r).success);
  expect_refused(venue().place(r),
                 "order is invalid. Duplicated. Same order has already been placed, can't be "
                 "placed again");
  // A refused order was never placed: sending it again is not a duplicate.
  venue().fund(kBob.wallet, usd(0), usd(0));
  const PlaceRequest poor = order_request(kBob, kYes, Side::buy, 400'000, 10 * kUnit);
  EXPECT_FALSE(venue().place(poor).success);
  venue().fund(kBob.wallet, usd(100 * kUnit), usd(100 * kUnit));
  EXPECT_TRUE(venue().place(poor).success);
}

TEST_F(ChecksTest, PostOnly) {
  PlaceRequest fok = order_request(kAlice, kYes, Side::buy, 510'000, 10 * kUnit, OrderType::fok);
  fok.post_only = true;
  expect_refused(venue().place(fok),
                 "invalid post-only order: only GTC and GTD order types are allowed");

  PlaceRequest crossing = order_request(kAlice, kYes, Side::buy, 510'000, 10 * kUnit);
  crossing.post_only = true;
  expect_refused(venue().place(crossing), "invalid post-only order: order crosses book");
  EXPECT_EQ(level(kYes, Side::sell, 510'000), 100 * kUnit);

  PlaceRequest passive = order_request(kAlice, kYes, Side::buy, 500'000, 10 * kUnit);
  passive.post_only = true;
  EXPECT_EQ(venue().place(passive).status, "live");
}

TEST_F(ChecksTest, NotEnoughBalanceCountsWhatOpenOrdersHold) {
  venue().fund(kAlice.wallet, usd(3 * kUnit), usd(100 * kUnit));
  expect_refused(place(kAlice, kYes, Side::buy, 500'000, 10 * kUnit),
                 "not enough balance / allowance: the balance is not enough -> balance: 3000000, "
                 "order amount: 5000000");

  venue().fund(kAlice.wallet, usd(10 * kUnit), usd(100 * kUnit));
  ASSERT_EQ(place(kAlice, kYes, Side::buy, 500'000, 10 * kUnit).status, "live");  // holds 5
  expect_refused(place(kAlice, kYes, Side::buy, 500'000, 12 * kUnit),
                 "not enough balance / allowance: the balance is not enough -> balance: 5000000, "
                 "order amount: 6000000");
}

TEST_F(ChecksTest, NotEnoughAllowance) {
  venue().fund(kAlice.wallet, usd(100 * kUnit), usd(1 * kUnit));
  expect_refused(place(kAlice, kYes, Side::buy, 500'000, 10 * kUnit),
                 "not enough balance / allowance: the allowance is not enough -> allowance: "
                 "1000000, order amount: 5000000");
}

TEST_F(ChecksTest, SellNeedsTheShares) {
  expect_refused(place(kAlice, kYes, Side::sell, 600'000, 10 * kUnit),
                 "not enough balance / allowance: the balance is not enough -> balance: 0, order "
                 "amount: 10000000");
  ASSERT_TRUE(place(kAlice, kYes, Side::buy, 510'000, 10 * kUnit).success);
  ASSERT_EQ(place(kAlice, kYes, Side::sell, 600'000, 6 * kUnit).status, "live");  // holds 6
  expect_refused(place(kAlice, kYes, Side::sell, 600'000, 5 * kUnit),
                 "not enough balance / allowance: the balance is not enough -> balance: 4000000, "
                 "order amount: 5000000");
}

TEST_F(ChecksTest, ClosedMarketAnswersNotReadyAsASuccess) {
  ASSERT_TRUE(venue().resolve(condition(1), 0).ok());
  const PlaceResult r = place(kAlice, kYes, Side::buy, 500'000, 10 * kUnit);
  EXPECT_TRUE(r.success);
  EXPECT_EQ(r.error_msg, "the market is not yet ready to process new orders");
  EXPECT_EQ(r.status, "");
  EXPECT_FALSE(venue().order(kAlice.owner, r.order_id));
}

TEST_F(ChecksTest, ProxyWalletIsBoundToItsFirstSigner) {
  const chain::Address proxy = address(50);
  PlaceRequest first = order_request(kAlice, kYes, Side::buy, 400'000, 10 * kUnit);
  first.order.order.maker.value = proxy;
  first.order.order.signature_type = polymarket::SignatureType::poly_gnosis_safe;
  first.signed_by = kAlice.wallet;
  ASSERT_TRUE(venue().place(first).success);
  EXPECT_EQ(venue().balance(proxy).collateral_reserved, usd(4 * kUnit));  // the funder's money

  PlaceRequest other = order_request(kBob, kYes, Side::buy, 400'000, 10 * kUnit);
  other.order.order.maker.value = proxy;
  other.order.order.signature_type = polymarket::SignatureType::poly_gnosis_safe;
  other.signed_by = kBob.wallet;
  expect_refused(venue().place(other), "invalid signature");
}

TEST_F(ChecksTest, EoaOrderNeedsMakerEqualToSigner) {
  PlaceRequest r = order_request(kAlice, kYes, Side::buy, 400'000, 10 * kUnit);
  r.order.order.maker.value = address(60);
  expect_refused(venue().place(r), "invalid signature");
}

TEST_F(ChecksTest, TickIsCheckedBeforeSizeAndBalance) {
  venue().fund(kAlice.wallet, usd(0), usd(0));
  expect_refused(place(kAlice, kYes, Side::buy, 505'000, 1 * kUnit),
                 "order is invalid. Price breaks minimum tick size rules");
}

}  // namespace
}  // namespace polycopy::sim::venue_test
