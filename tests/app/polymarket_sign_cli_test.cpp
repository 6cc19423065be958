// The CLI contract of `polycopy polymarket sign-order | l1-headers | l2-headers`, through
// the real binary: JSON on stdin -> one line on stdout; bad input -> exit 2 and
// {"error":{"code","message"}} on stderr. The full cross-check runs in-process
// (tests/polymarket/orders_crosscheck_test.cpp) through the same functions.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "app/cli_runner.hpp"

namespace polycopy {
namespace {

nlohmann::ordered_json examples() {
  std::ifstream in(std::string(POLYCOPY_SHARED_DIR) + "/docs/protocol-examples.json");
  return nlohmann::ordered_json::parse(in);
}

nlohmann::ordered_json v2_input() {
  return examples()["orders"][0]["input"];
}

// Runs sign-order on input and expects a refusal with this code.
void expect_refusal(const std::string& input, const std::string& code) {
  SCOPED_TRACE(input);
  const auto r = test::run_polycopy({"polymarket", "sign-order"}, {}, input);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  ASSERT_FALSE(r.err.empty());
  EXPECT_EQ(r.err.back(), '\n');
  const auto error = nlohmann::json::parse(r.err, nullptr, false);
  ASSERT_FALSE(error.is_discarded()) << r.err;
  EXPECT_EQ(error["error"]["code"], code) << r.err;
  EXPECT_TRUE(error["error"]["message"].is_string());
  // The private key of the examples never leaks.
  EXPECT_EQ(r.err.find("00000000a1"), std::string::npos);
}

TEST(PolymarketSignCli, SignsTheDocExamplesOnOneLine) {
  const auto doc = examples();  // the loop must not range over a temporary's member
  ASSERT_EQ(doc["orders"].size(), 3u);
  for (const auto& example : doc["orders"]) {
    SCOPED_TRACE(example["id"].get<std::string>());
    const auto r = test::run_polycopy({"polymarket", "sign-order"}, {}, example["input"].dump());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    std::string expected = example["expected_body"];
    if (example["input"]["protocol_version"] == 1)
      expected.insert(expected.size() - 1, ",\"postOnly\":false");
    EXPECT_EQ(r.out, expected + "\n");
  }
}

TEST(PolymarketSignCli, NumbersMayBeStrings) {
  auto input = v2_input();
  input["price"] = "0.42";
  input["size"] = "12.5";
  input["salt"] = "86420";
  input["timestamp_ms"] = "1765000000000";
  const auto r = test::run_polycopy({"polymarket", "sign-order"}, {}, input.dump());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, examples()["orders"][0]["expected_body"].get<std::string>() + "\n");
}

TEST(PolymarketSignCli, PrintsHeadersInTheClientsKeyOrder) {
  const auto auth = examples()["auth"][0];
  auto r = test::run_polycopy({"polymarket", "l1-headers"}, {}, auth["l1_input"].dump());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, auth["l1_expected"].dump() + "\n");
  r = test::run_polycopy({"polymarket", "l2-headers"}, {}, auth["l2_input"].dump());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, auth["l2_expected"].dump() + "\n");
  EXPECT_EQ(r.out.find(auth["l2_input"]["secret"].get<std::string>()), std::string::npos);
}

TEST(PolymarketSignCli, RefusesBadInputWithExit2AndAJsonError) {
  auto input = v2_input();
  input.erase("token_id");
  expect_refusal(input.dump(), "missing_field");

  input = v2_input();
  input["private_key"] = "0x00000000000000000000000000000000000000000000000000000000000000a1zz";
  expect_refusal(input.dump(), "invalid_private_key");
  input["private_key"] = "0x" + std::string(64, '0');  // zero is not a key
  expect_refusal(input.dump(), "invalid_private_key");

  input = v2_input();
  input["price"] = 1.5;
  expect_refusal(input.dump(), "price_out_of_range");
  input["price"] = 0.005;
  expect_refusal(input.dump(), "price_out_of_range");

  input = v2_input();
  input["tick_size"] = "0.05";
  expect_refusal(input.dump(), "invalid_tick_size");

  input = v2_input();
  input["neg_risk"] = "false";
  expect_refusal(input.dump(), "wrong_type");
  input = v2_input();
  input["side"] = 0;
  expect_refusal(input.dump(), "wrong_type");
  input = v2_input();
  input["price"] = true;
  expect_refusal(input.dump(), "wrong_type");

  input = v2_input();
  input["order_type"] = "FOK";
  input["post_only"] = true;
  expect_refusal(input.dump(), "post_only_not_allowed");

  // The client repeats these as written; only the canonical text gives its body.
  input = v2_input();
  input["token_id"] = "0" + input["token_id"].get<std::string>();
  expect_refusal(input.dump(), "non_canonical");
  input = v2_input();
  input["metadata"] = "0x" + std::string(63, '0') + "A";
  expect_refusal(input.dump(), "wrong_type");

  input = v2_input();
  input["surprise"] = 1;
  expect_refusal(input.dump(), "unknown_field");

  expect_refusal("{not json", "invalid_json");
  expect_refusal("[1,2]", "invalid_json");
}

TEST(PolymarketSignCli, HeaderCommandsRefuseBadInput) {
  auto r = test::run_polycopy({"polymarket", "l1-headers"}, {}, R"({"timestamp":1,"nonce":0})");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(nlohmann::json::parse(r.err)["error"]["code"], "missing_field");
  auto input = examples()["auth"][0]["l2_input"];
  input["secret"] = "not base64!";
  r = test::run_polycopy({"polymarket", "l2-headers"}, {}, input.dump());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(nlohmann::json::parse(r.err)["error"]["code"], "invalid_secret");
  EXPECT_EQ(r.err.find("not base64!"), std::string::npos);
}

}  // namespace
}  // namespace polycopy
