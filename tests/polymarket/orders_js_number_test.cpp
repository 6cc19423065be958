// JavaScript number formatting and rounding helpers the client's amount arithmetic uses.
#include <gtest/gtest.h>

#include "polymarket/orders/js_number.hpp"

namespace polycopy::polymarket::js {
namespace {

TEST(JsNumber, PrintsTheShortestRoundTripFormLikeJavaScript) {
  EXPECT_EQ(number_to_string(0.1), "0.1");
  EXPECT_EQ(number_to_string(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(number_to_string(5.25), "5.25");
  EXPECT_EQ(number_to_string(12.5 * 0.42), "5.25");
  EXPECT_EQ(number_to_string(100), "100");
  EXPECT_EQ(number_to_string(-0.25), "-0.25");
  EXPECT_EQ(number_to_string(-0.0), "0");
  EXPECT_EQ(number_to_string(1e6 + 0.01), "1000000.01");
}

TEST(JsNumber, UsesExponentFormBelow1eMinus6AndFrom1e21) {
  EXPECT_EQ(number_to_string(0.000001), "0.000001");  // 1e-6 is still fixed
  EXPECT_EQ(number_to_string(0.0000015), "0.0000015");
  EXPECT_EQ(number_to_string(1e-7), "1e-7");
  EXPECT_EQ(number_to_string(1.5e-7), "1.5e-7");
  EXPECT_EQ(number_to_string(1.2345e-10), "1.2345e-10");
  EXPECT_EQ(number_to_string(1e20), "100000000000000000000");
  EXPECT_EQ(number_to_string(123456789012345680000.0), "123456789012345680000");
  EXPECT_EQ(number_to_string(1e21), "1e+21");
  EXPECT_EQ(number_to_string(1.5e300), "1.5e+300");
}

TEST(JsNumber, DecimalPlacesCountsWhatFollowsTheDotOfThatForm) {
  EXPECT_EQ(decimal_places(3), 0);
  EXPECT_EQ(decimal_places(0.5), 1);
  EXPECT_EQ(decimal_places(0.1 + 0.2), 17);
  EXPECT_EQ(decimal_places(1e-7), 0);    // "1e-7": no dot
  EXPECT_EQ(decimal_places(1.5e-7), 4);  // "1.5e-7": "5e-7"
  EXPECT_EQ(decimal_places(1e21), 0);    // an integer
  EXPECT_EQ(decimal_places(12.345678), 6);
}

TEST(JsNumber, MathRoundTiesTowardPlusInfinity) {
  EXPECT_EQ(math_round(2.5), 3);
  EXPECT_EQ(math_round(-2.5), -2);
  EXPECT_EQ(math_round(0.49999999999999994), 0);  // floor(x + 0.5) would give 1
  EXPECT_EQ(math_round(4503599627370495.5), 4503599627370496);
  EXPECT_EQ(math_round(1.4999), 1);
}

}  // namespace
}  // namespace polycopy::polymarket::js
