// L1 / L2 authentication details: secret encodings, refusals, and that secrets and keys
// never appear in errors.
#include <gtest/gtest.h>

#include "polymarket/auth/auth_json.hpp"
#include "polymarket/auth/base64.hpp"
#include "polymarket/auth/l2_auth.hpp"

namespace polycopy::polymarket {
namespace {

const std::string kStd = "ZXhhbXBsZS1zZWNyZXQtZm9yLWRvY3MtMDEyMzQ1Njc=";

TEST(ApiSecret, AcceptsBase64Base64UrlAndUnpadded) {
  const auto reference = decode_api_secret(kStd);
  ASSERT_TRUE(reference);
  EXPECT_EQ(std::string(reference->begin(), reference->end()), "example-secret-for-docs-01234567");
  EXPECT_EQ(decode_api_secret("ZXhhbXBsZS1zZWNyZXQtZm9yLWRvY3MtMDEyMzQ1Njc"), reference);
  // '+' and '/' in standard form, '-' and '_' in URL form decode to the same bytes.
  EXPECT_EQ(decode_api_secret("+/+/"), decode_api_secret("-_-_"));
  EXPECT_EQ(decode_api_secret("+/8"), decode_api_secret("-_8="));
  EXPECT_FALSE(decode_api_secret("abcde"));  // 5 characters: atob refuses
  EXPECT_FALSE(decode_api_secret("ab$d"));
}

TEST(ApiSecret, SignatureIsBase64UrlWithPaddingKept) {
  EXPECT_EQ(base64url_keep_padding(chain::Bytes{0xfb, 0xff}), "-_8=");
  EXPECT_EQ(base64url_keep_padding(chain::Bytes{0xfb}), "-w==");
  const auto sig = l2_signature(kStd, {1765000000, "GET", "/data/orders", std::nullopt});
  ASSERT_TRUE(sig);
  EXPECT_EQ(sig->size(), 44u);
  EXPECT_EQ(sig->back(), '=');
  // An empty body is appended (nothing) just like no body.
  EXPECT_EQ(*sig, *l2_signature(kStd, {1765000000, "GET", "/data/orders", std::string_view("")}));
  EXPECT_NE(*sig, *l2_signature(kStd, {1765000000, "GET", "/data/orders", std::string_view("{}")}));
}

TEST(L2Headers, RefusesBadSecretsWithoutEchoingThem) {
  const std::string input =
      R"({"api_key":"k","secret":"sekrit$$","passphrase":"p","address":"0xd2431CA38735C2fd438e2cAa23F094191D89675b","timestamp":1,"method":"GET","path":"/x","body":null})";
  const auto r = l2_headers_json(input);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "invalid_secret");
  EXPECT_EQ(r.error().to_string().find("sekrit"), std::string::npos);
}

TEST(L1Headers, ChainIdDefaultsTo137AndAcceptsAmoy) {
  const std::string base =
      R"({"private_key":"0x00000000000000000000000000000000000000000000000000000000000000a1","timestamp":1765000000,"nonce":0)";
  const auto polygon = l1_headers_json(base + "}");
  const auto explicit_polygon = l1_headers_json(base + R"(,"chain_id":137})");
  const auto amoy = l1_headers_json(base + R"(,"chain_id":80002})");
  ASSERT_TRUE(polygon && explicit_polygon && amoy);
  EXPECT_EQ(*polygon, *explicit_polygon);
  EXPECT_NE(*polygon, *amoy);
  const auto mainnet = l1_headers_json(base + R"(,"chain_id":1})");
  ASSERT_FALSE(mainnet);
  EXPECT_EQ(mainnet.error().code, "unsupported_chain");
}

TEST(L1Headers, BadKeyIsRefusedWithoutEchoingIt) {
  const auto r = l1_headers_json(R"({"private_key":"0xdeadbeefcafe","timestamp":1,"nonce":0})");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "invalid_private_key");
  EXPECT_EQ(r.error().to_string().find("deadbeefcafe"), std::string::npos);
}

}  // namespace
}  // namespace polycopy::polymarket
