// Every order the official clients build for the generator's random inputs must come out
// of sign_order_json (the function behind `polycopy polymarket sign-order`) byte for byte,
// and every input the clients refuse must be refused.
#include <gtest/gtest.h>

#include <map>

#include "polymarket/orders/sign_order_json.hpp"
#include "polymarket/orders_crosscheck_support.hpp"

namespace polycopy::polymarket {
namespace {

TEST(OrdersCrosscheck, EveryOrderIsByteIdenticalToTheOfficialClient) {
  const auto cases = test::generate_crosscheck_cases("--seed 7 --count 500 --auth-count 0");
  std::map<int, int> identical;  // per protocol version
  std::map<int, int> refused;
  int first_failures = 0;
  for (const auto& c : cases) {
    const std::string kind = c["kind"];
    if (kind != "order" && kind != "order_rejected") continue;
    const int version = c["input"].value("protocol_version", 2);
    const auto result = sign_order_json(c["input"].dump());
    if (kind == "order") {
      const std::string got = result ? *result : "error " + result.error().to_string();
      if (result && got == c["expected"].get<std::string>()) {
        ++identical[version];
      } else if (first_failures++ < 3) {
        ADD_FAILURE() << "order differs from the official client:" << test::describe_case(c, got);
      }
    } else {
      if (!result) {
        ++refused[version];
      } else if (first_failures++ < 3) {
        ADD_FAILURE() << "the official client refused this order, polycopy signed it:"
                      << test::describe_case(c, *result);
      }
    }
  }
  EXPECT_EQ(first_failures, 0);
  for (int version : {1, 2, 3}) {
    EXPECT_GE(identical[version], 500) << "protocol version " << version;
    EXPECT_GE(refused[version], 40) << "protocol version " << version;
  }
  std::cout << "[ crosscheck ] identical orders v1/v2/v3: " << identical[1] << "/" << identical[2]
            << "/" << identical[3] << ", refusals matched: " << refused[1] << "/" << refused[2]
            << "/" << refused[3] << "\n";
}

}  // namespace
}  // namespace polycopy::polymarket
