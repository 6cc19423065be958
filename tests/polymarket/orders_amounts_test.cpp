// The client-compatible amount computation (protocol doc 7.2), on the doc's worked examples
// and the edge cases of the client's double arithmetic.
#include <gtest/gtest.h>

#include "polymarket/orders/client_amounts.hpp"

namespace polycopy::polymarket {
namespace {

RawAmounts amounts(OrderKind kind, Side side, std::string_view price, std::string_view size,
                   TickSize tick) {
  return client_order_amounts({kind, side, price, size, tick}).value();
}

std::string refusal(OrderKind kind, Side side, std::string_view price, std::string_view size,
                    TickSize tick) {
  const auto r = client_order_amounts({kind, side, price, size, tick});
  return r ? "accepted" : r.error().code;
}

TEST(ClientAmounts, DocWorkedExamples) {
  EXPECT_EQ(amounts(OrderKind::limit, Side::buy, "0.42", "12.5", TickSize::t0_01),
            (RawAmounts{5250000, 12500000}));
  EXPECT_EQ(amounts(OrderKind::limit, Side::sell, "0.777", "64.32", TickSize::t0_001),
            (RawAmounts{64320000, 49976640}));
  // Off-grid: the client rounds 0.515 to 0.52 (roundNormal) rather than refusing.
  EXPECT_EQ(amounts(OrderKind::limit, Side::buy, "0.515", "33.33", TickSize::t0_01),
            (RawAmounts{17331600, 33330000}));
  EXPECT_EQ(amounts(OrderKind::limit, Side::buy, "0.3", "10", TickSize::t0_1),
            (RawAmounts{3000000, 10000000}));
}

TEST(ClientAmounts, SizeIsRoundedDownToTwoDecimals) {
  EXPECT_EQ(amounts(OrderKind::limit, Side::sell, "0.5", "12.345678", TickSize::t0_01),
            (RawAmounts{12340000, 6170000}));
  // 0.1 + 0.2 prints with 17 decimals: floor(30.000000000000004) / 100 = 0.3.
  EXPECT_EQ(amounts(OrderKind::limit, Side::buy, "0.5", "0.30000000000000004", TickSize::t0_01),
            (RawAmounts{150000, 300000}));
}

TEST(ClientAmounts, ProductFixUpRoundsUpThenDown) {
  // 0.29 * 0.57 = 0.16529999999999997 in doubles: roundUp to 8 decimals gives 0.1653.
  EXPECT_EQ(amounts(OrderKind::limit, Side::buy, "0.57", "0.29", TickSize::t0_01),
            (RawAmounts{165300, 290000}));
  EXPECT_EQ(amounts(OrderKind::limit, Side::buy, "0.57", "2.01", TickSize::t0_01),
            (RawAmounts{1145700, 2010000}));
  // Tick 0.1 keeps 3 amount decimals: 0.33 * 0.7 = 0.231 fits, 0.07 * 0.3 = 0.021 too.
  EXPECT_EQ(amounts(OrderKind::limit, Side::sell, "0.7", "0.33", TickSize::t0_1),
            (RawAmounts{330000, 231000}));
}

TEST(ClientAmounts, MarketOrdersRoundThePriceDown) {
  // BUY by USD: maker = USD, taker = USD / price (price 0.519 -> 0.51).
  EXPECT_EQ(amounts(OrderKind::market, Side::buy, "0.519", "10", TickSize::t0_01),
            (RawAmounts{10000000, 19607800}));
  // SELL by shares: taker = shares * price.
  EXPECT_EQ(amounts(OrderKind::market, Side::sell, "0.519", "10", TickSize::t0_01),
            (RawAmounts{10000000, 5100000}));
}

TEST(ClientAmounts, RefusesWhatTheClientRefuses) {
  EXPECT_EQ(refusal(OrderKind::limit, Side::buy, "0.005", "10", TickSize::t0_01),
            "price_out_of_range");
  EXPECT_EQ(refusal(OrderKind::limit, Side::buy, "0.995", "10", TickSize::t0_01),
            "price_out_of_range");
  EXPECT_EQ(refusal(OrderKind::limit, Side::buy, "1", "10", TickSize::t0_01), "price_out_of_range");
  EXPECT_EQ(refusal(OrderKind::limit, Side::buy, "-0.25", "10", TickSize::t0_01),
            "price_out_of_range");
  EXPECT_EQ(refusal(OrderKind::limit, Side::buy, "0.01", "10", TickSize::t0_01), "accepted");
  EXPECT_EQ(refusal(OrderKind::limit, Side::buy, "0.99", "10", TickSize::t0_01), "accepted");
  EXPECT_EQ(refusal(OrderKind::market, Side::buy, "0", "10", TickSize::t0_01),
            "market_price_required");
  // 1e-7 shares print as "1e-7": the client's parseUnits throws on it.
  EXPECT_EQ(refusal(OrderKind::limit, Side::buy, "0.5", "1e-7", TickSize::t0_01),
            "amount_not_representable");
  EXPECT_EQ(refusal(OrderKind::limit, Side::buy, "0.5", "-5", TickSize::t0_01), "invalid_amount");
  EXPECT_EQ(refusal(OrderKind::limit, Side::buy, "0.5", "abc", TickSize::t0_01), "invalid_number");
  EXPECT_EQ(refusal(OrderKind::limit, Side::buy, "0.5", "1e15", TickSize::t0_01),
            "amount_out_of_range");
}

TEST(ClientAmounts, PriceRefusalCarriesTheClientsMessage) {
  const auto r = client_order_amounts({OrderKind::limit, Side::buy, "0.05", "10", TickSize::t0_1});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "invalid price (0.05), min: 0.1 - max: 0.9");
}

}  // namespace
}  // namespace polycopy::polymarket
