// The venue's side of L1 and L2 auth: headers made by the signing side (and by the official
// client) verify, and every changed piece is caught.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>

#include "chain/hex.hpp"
#include "polymarket/auth/l1_auth.hpp"
#include "polymarket/orders/exchange.hpp"
#include "polymarket/orders_crosscheck_support.hpp"
#include "polymarket/verify/auth_verify.hpp"

namespace polycopy::polymarket {
namespace {

constexpr std::int64_t kNow = 1765000000;
constexpr std::int64_t kSkew = 300;

const chain::PrivateKey& alice() {
  static const auto key =
      chain::PrivateKey::parse("0x00000000000000000000000000000000000000000000000000000000000000a1")
          .value();
  return key;
}

const chain::PrivateKey& bob() {
  static const auto key =
      chain::PrivateKey::parse("0x00000000000000000000000000000000000000000000000000000000000000b2")
          .value();
  return key;
}

ReceivedL1 received(const L1Headers& h) {
  return {h.poly_address, h.poly_signature, h.poly_timestamp, h.poly_nonce};
}

ReceivedL1 signed_by_alice(std::uint64_t chain_id = 137, std::uint64_t nonce = 0) {
  return received(l1_headers(alice(), chain_id, kNow, chain::Uint256(nonce)).value());
}

void expect_invalid_l1(const ReceivedL1& headers, std::uint64_t chain_id = 137,
                       std::int64_t now = kNow) {
  const auto result = verify_l1(headers, chain_id, now, kSkew);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, "invalid_l1") << result.error().message;
}

TEST(VerifyL1, HeadersFromL1HeadersVerify) {
  for (std::uint64_t chain_id : {kPolygonChainId, kAmoyChainId}) {
    for (std::uint64_t nonce : {0, 7}) {
      const auto result = verify_l1(signed_by_alice(chain_id, nonce), chain_id, kNow, kSkew);
      ASSERT_TRUE(result) << result.error().to_string();
      EXPECT_EQ(*result, alice().address());
    }
  }
}

TEST(VerifyL1, AddressCaseDoesNotMatter) {
  auto headers = signed_by_alice();
  std::string lower = headers.address;
  std::transform(lower.begin() + 2, lower.end(), lower.begin() + 2,
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string upper = headers.address;
  std::transform(upper.begin() + 2, upper.end(), upper.begin() + 2,
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  for (const auto& spelling : {lower, upper}) {
    headers.address = spelling;
    const auto result = verify_l1(headers, 137, kNow, kSkew);
    ASSERT_TRUE(result) << spelling << ": " << result.error().to_string();
    EXPECT_EQ(*result, alice().address());
  }
}

TEST(VerifyL1, EmptyNonceMeansZero) {
  auto headers = signed_by_alice();
  headers.nonce = "";
  EXPECT_TRUE(verify_l1(headers, 137, kNow, kSkew));
  headers = signed_by_alice(137, 7);
  headers.nonce = "";
  expect_invalid_l1(headers);
}

TEST(VerifyL1, WrongAddressIsRefused) {
  auto headers = signed_by_alice();
  headers.address = chain::to_checksum_address(bob().address());
  expect_invalid_l1(headers);
  // Bob's own headers carry his address: valid, but they are Bob's.
  const auto bobs = verify_l1(received(l1_headers(bob(), 137, kNow, chain::Uint256(0)).value()),
                              137, kNow, kSkew);
  ASSERT_TRUE(bobs);
  EXPECT_EQ(*bobs, bob().address());
  for (std::string bad : {"", "0x", "d2431CA38735C2fd438e2cAa23F094191D89675b", "0x1234"}) {
    headers.address = bad;
    expect_invalid_l1(headers);
  }
}

TEST(VerifyL1, TimestampMustBeFreshAndDecimal) {
  const auto headers = signed_by_alice();
  EXPECT_TRUE(verify_l1(headers, 137, kNow + kSkew, kSkew));
  EXPECT_TRUE(verify_l1(headers, 137, kNow - kSkew, kSkew));
  expect_invalid_l1(headers, 137, kNow + kSkew + 1);  // stale
  expect_invalid_l1(headers, 137, kNow - kSkew - 1);  // from the future
  expect_invalid_l1(headers, 137, INT64_MIN);         // no overflow on extremes
  expect_invalid_l1(headers, 137, INT64_MAX);
  EXPECT_FALSE(verify_l1(headers, 137, kNow, -1));
  for (std::string bad :
       {"", "1765000000.0", "-1765000000", "1.765e9", " 1765000000", "99999999999999999999999"}) {
    auto changed = headers;
    changed.timestamp = bad;
    expect_invalid_l1(changed);
  }
  // The signed text is the timestamp as sent: the same number written differently fails.
  auto padded = headers;
  padded.timestamp = "0" + headers.timestamp;
  expect_invalid_l1(padded);
}

TEST(VerifyL1, WrongChainIsRefused) {
  expect_invalid_l1(signed_by_alice(kPolygonChainId), kAmoyChainId);
  expect_invalid_l1(signed_by_alice(kAmoyChainId), kPolygonChainId);
  const auto mainnet = verify_l1(signed_by_alice(), 1, kNow, kSkew);
  ASSERT_FALSE(mainnet);
  EXPECT_EQ(mainnet.error().code, "unsupported_chain");
}

TEST(VerifyL1, BadSignaturesAreRefused) {
  const auto headers = signed_by_alice();
  const auto wire = chain::parse_hex(headers.signature).value();
  for (std::size_t at : {std::size_t{0}, std::size_t{33}, std::size_t{64}}) {
    auto bytes = wire;
    bytes[at] ^= 0x01;
    auto changed = headers;
    changed.signature = chain::to_hex(bytes);
    expect_invalid_l1(changed);
  }
  for (std::string bad : {std::string(), std::string("0x"), headers.signature.substr(2),
                          headers.signature.substr(0, 130), headers.signature + "00",
                          std::string("0x") + std::string(130, 'z')}) {
    auto changed = headers;
    changed.signature = bad;
    expect_invalid_l1(changed);
  }
  auto other_nonce = headers;
  other_nonce.nonce = "1";
  expect_invalid_l1(other_nonce);
  for (std::string bad : {"-1", "0x0", "one"}) {
    auto changed = headers;
    changed.nonce = bad;
    expect_invalid_l1(changed);
  }
}

nlohmann::ordered_json examples() {
  std::ifstream in(std::string(POLYCOPY_SHARED_DIR) + "/docs/protocol-examples.json");
  EXPECT_TRUE(in) << "cannot open protocol-examples.json";
  return nlohmann::ordered_json::parse(in);
}

TEST(VerifyAuthExamples, OfficialClientHeadersVerify) {
  const auto doc = examples();
  ASSERT_FALSE(doc["auth"].empty());
  for (const auto& example : doc["auth"]) {
    const auto& l1 = example["l1_expected"];
    const ReceivedL1 headers{l1["POLY_ADDRESS"], l1["POLY_SIGNATURE"], l1["POLY_TIMESTAMP"],
                             l1["POLY_NONCE"]};
    const auto signer = verify_l1(headers, example["l1_input"]["chain_id"],
                                  example["l1_input"]["timestamp"], kSkew);
    ASSERT_TRUE(signer) << signer.error().to_string();
    EXPECT_EQ(chain::to_checksum_address(*signer), l1["POLY_ADDRESS"]);

    const auto& in = example["l2_input"];
    const std::string method = in["method"];
    const std::string path = in["path"];
    const std::string body = in["body"];
    const L2Request request{in["timestamp"], method, path, body};
    const auto matches =
        l2_signature_matches(in["secret"].get<std::string>(), request,
                             example["l2_expected"]["POLY_SIGNATURE"].get<std::string>());
    ASSERT_TRUE(matches) << matches.error().to_string();
    EXPECT_TRUE(*matches);
  }
}

// Headers of the official client for random keys, timestamps, nonces, secrets and bodies.
TEST(VerifyAuthCrosscheck, OfficialClientHeadersForRandomInputsVerify) {
  const auto cases = test::generate_crosscheck_cases("--seed 31 --count 0 --auth-count 40");
  int l1_count = 0;
  int l2_count = 0;
  for (const auto& c : cases) {
    if (c["kind"] != "l1" && c["kind"] != "l2") continue;  // order cases
    const auto& in = c["input"];
    const auto& out = c["expected"];
    if (c["kind"] == "l1") {
      const ReceivedL1 headers{out["POLY_ADDRESS"], out["POLY_SIGNATURE"], out["POLY_TIMESTAMP"],
                               out["POLY_NONCE"]};
      const auto key = chain::PrivateKey::parse(in["private_key"].get<std::string>()).value();
      const auto signer =
          verify_l1(headers, in.value("chain_id", kPolygonChainId), in["timestamp"], kSkew);
      ASSERT_TRUE(signer) << signer.error().to_string() << " for " << c.dump();
      EXPECT_EQ(*signer, key.address());
      ++l1_count;
    } else {
      const std::string method = in["method"];
      const std::string path = in["path"];
      std::optional<std::string> body;
      if (in.contains("body") && !in["body"].is_null()) body = in["body"].get<std::string>();
      const L2Request request{in["timestamp"], method, path,
                              body ? std::optional<std::string_view>(*body) : std::nullopt};
      const auto matches = l2_signature_matches(in["secret"].get<std::string>(), request,
                                                out["POLY_SIGNATURE"].get<std::string>());
      ASSERT_TRUE(matches) << matches.error().to_string();
      EXPECT_TRUE(*matches) << c.dump();
      ++l2_count;
    }
  }
  EXPECT_GE(l1_count, 20);
  EXPECT_GE(l2_count, 20);
}

// --- L2 -----------------------------------------------------------------------------------

const std::string kSecret = "ZXhhbXBsZS1zZWNyZXQtZm9yLWRvY3MtMDEyMzQ1Njc=";
const std::string kBody = R"({"deferExec":false,"order":{"salt":1}})";

L2Request post_order(std::string_view body = kBody) {
  return {1765000000, "POST", "/order", body};
}

std::string signature_for(const L2Request& request, std::string_view secret = kSecret) {
  const ApiCredentials credentials{"key", std::string(secret), "pass"};
  return l2_headers("0xd2431CA38735C2fd438e2cAa23F094191D89675b", credentials, request)
      .value()
      .poly_signature;
}

bool matches(const L2Request& request, std::string_view signature,
             std::string_view secret = kSecret) {
  return l2_signature_matches(secret, request, signature).value();
}

TEST(VerifyL2, HeadersFromL2HeadersMatch) {
  const std::string signature = signature_for(post_order());
  ASSERT_EQ(signature.back(), '=');
  EXPECT_TRUE(matches(post_order(), signature));
  const L2Request get{1765000000, "GET", "/data/orders", std::nullopt};
  EXPECT_TRUE(matches(get, signature_for(get)));
}

TEST(VerifyL2, PaddingIsOptionalButNothingElseIs) {
  const std::string signature = signature_for(post_order());
  const std::string unpadded = signature.substr(0, signature.find('='));
  EXPECT_TRUE(matches(post_order(), unpadded));
  EXPECT_FALSE(matches(post_order(), signature + "="));
  EXPECT_FALSE(matches(post_order(), unpadded.substr(1)));
  EXPECT_FALSE(matches(post_order(), ""));
}

TEST(VerifyL2, StandardBase64IsNotTheClientsSpelling) {
  // Find a request whose signature has a URL-safe character to swap.
  for (std::uint64_t timestamp = 1765000000;; ++timestamp) {
    const L2Request request{timestamp, "POST", "/order", kBody};
    const std::string signature = signature_for(request);
    std::string standard = signature;
    std::replace(standard.begin(), standard.end(), '-', '+');
    std::replace(standard.begin(), standard.end(), '_', '/');
    if (standard == signature) continue;
    EXPECT_TRUE(matches(request, signature));
    EXPECT_FALSE(matches(request, standard));
    break;
  }
}

TEST(VerifyL2, ChangedRequestsDoNotMatch) {
  const std::string signature = signature_for(post_order());
  EXPECT_FALSE(matches(post_order(R"({"deferExec":true,"order":{"salt":1}})"), signature));
  EXPECT_FALSE(matches(post_order(R"({"deferExec":false, "order":{"salt":1}})"), signature));
  EXPECT_FALSE(matches({1765000000, "POST", "/orders", kBody}, signature));
  EXPECT_FALSE(matches({1765000000, "DELETE", "/order", kBody}, signature));
  EXPECT_FALSE(matches({1765000000, "post", "/order", kBody}, signature));
  EXPECT_FALSE(matches({1765000001, "POST", "/order", kBody}, signature));
  EXPECT_FALSE(matches({1765000000, "POST", "/order", std::nullopt}, signature));
}

TEST(VerifyL2, WrongSecretDoesNotMatch) {
  const std::string signature = signature_for(post_order());
  EXPECT_FALSE(matches(post_order(), signature, "c2Vjb25kLXNlY3JldA=="));
  // The same secret in base64url form decodes to the same key.
  EXPECT_TRUE(matches(post_order(), signature, "ZXhhbXBsZS1zZWNyZXQtZm9yLWRvY3MtMDEyMzQ1Njc"));
  const auto invalid = l2_signature_matches("not base64!", post_order(), signature);
  ASSERT_FALSE(invalid);
  EXPECT_EQ(invalid.error().code, "invalid_secret");
  EXPECT_FALSE(l2_signature_matches("", post_order(), signature));
}

}  // namespace
}  // namespace polycopy::polymarket
