// L1 and L2 headers must equal the official client's for the generator's random inputs,
// through the functions behind `polycopy polymarket l1-headers` / `l2-headers`.
#include <gtest/gtest.h>

#include "polymarket/auth/auth_json.hpp"
#include "polymarket/orders_crosscheck_support.hpp"

namespace polycopy::polymarket {
namespace {

TEST(AuthCrosscheck, L1AndL2HeadersAreIdenticalToTheOfficialClient) {
  // Orders from one version feed realistic bodies into the L2 cases.
  const auto cases =
      test::generate_crosscheck_cases("--seed 11 --count 100 --versions 2 --auth-count 250");
  int l1 = 0;
  int l2 = 0;
  int failures = 0;
  for (const auto& c : cases) {
    const std::string kind = c["kind"];
    if (kind != "l1" && kind != "l2") continue;
    const auto result =
        kind == "l1" ? l1_headers_json(c["input"].dump()) : l2_headers_json(c["input"].dump());
    const std::string got = result ? *result : "error " + result.error().to_string();
    if (result && got == c["expected"].dump()) {
      ++(kind == "l1" ? l1 : l2);
    } else if (failures++ < 3) {
      ADD_FAILURE() << kind
                    << " headers differ from the official client:" << test::describe_case(c, got);
    }
  }
  EXPECT_EQ(failures, 0);
  EXPECT_GE(l1, 200);
  EXPECT_GE(l2, 200);
  std::cout << "[ crosscheck ] identical L1: " << l1 << ", L2: " << l2 << "\n";
}

}  // namespace
}  // namespace polycopy::polymarket
