// L1 API-key management over a real loopback socket: the server recomputes the L1 headers
// with the same key, timestamp and nonce; create-or-derive falls back to derive.
#include <gtest/gtest.h>

#include "chain/address.hpp"
#include "polymarket/auth/l1_auth.hpp"
#include "polymarket/clients/clob_key_client.hpp"
#include "polymarket/clients_http_server.hpp"
#include "polymarket/clients_support.hpp"

namespace polycopy::polymarket {
namespace {

using testing::LoopbackHttpServer;
using testing::Reply;
using testing::SeenRequest;

constexpr const char* kKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
constexpr const char* kCreds = R"({"apiKey":"k-1","secret":"c2VjcmV0","passphrase":"p-1"})";

TEST(ClientsClobKeys, CreateOrDeriveWithVerifiedL1Headers) {
  const auto key = chain::PrivateKey::parse(kKey).value();
  std::string problem;
  LoopbackHttpServer server([&](const SeenRequest& r) {
    auto expected = l1_headers(key, 137, std::stoull(r.header("poly_timestamp")),
                               chain::Uint256(std::stoull(r.header("poly_nonce"))));
    if (!expected || expected->poly_signature != r.header("poly_signature") ||
        expected->poly_address != r.header("poly_address") || r.header("poly_nonce") != "7")
      problem = "bad L1 headers on " + r.path;
    if (r.method == "POST") return Reply{400, R"({"error":"Could not create api key"})"};
    return Reply{200, kCreds};
  });
  auto http = testing::make_http();
  core::ManualClock clock(core::from_unix_ms(1'760'000'000'000));
  ClobKeyClient keys(*http, server.base_url(), key, 137, &clock);
  auto creds = keys.create_or_derive_api_key(chain::Uint256(7));
  ASSERT_TRUE(creds) << creds.error().to_string();
  EXPECT_EQ(creds->key, "k-1");
  EXPECT_EQ(creds->secret, "c2VjcmV0");
  EXPECT_EQ(creds->passphrase, "p-1");
  EXPECT_EQ(problem, "");
  const auto seen = server.requests();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].method, "POST");
  EXPECT_EQ(seen[0].path, "/auth/api-key");
  EXPECT_EQ(seen[1].method, "GET");
  EXPECT_EQ(seen[1].path, "/auth/derive-api-key");
  EXPECT_EQ(seen[1].header("poly_timestamp"), "1760000000");
  EXPECT_EQ(seen[1].header("poly_address"), chain::to_checksum_address(key.address()));
}

TEST(ClientsClobKeys, CreateReturnsCredentials) {
  LoopbackHttpServer server([](const SeenRequest&) { return Reply{200, kCreds}; });
  auto http = testing::make_http();
  const auto key = chain::PrivateKey::parse(kKey).value();
  ClobKeyClient keys(*http, server.base_url(), key);
  auto creds = keys.create_or_derive_api_key(chain::Uint256(0));
  ASSERT_TRUE(creds) << creds.error().to_string();
  EXPECT_EQ(server.count(), 1);
  EXPECT_EQ(server.requests()[0].header("poly_nonce"), "0");
}

TEST(ClientsClobKeys, MalformedCredentialsAreAParseError) {
  LoopbackHttpServer server([](const SeenRequest&) { return Reply{200, R"({"apiKey":"k"})"}; });
  auto http = testing::make_http();
  const auto key = chain::PrivateKey::parse(kKey).value();
  ClobKeyClient keys(*http, server.base_url(), key);
  auto creds = keys.derive_api_key(chain::Uint256(0));
  ASSERT_FALSE(creds);
  EXPECT_EQ(creds.error().code, "missing_field");
}

}  // namespace
}  // namespace polycopy::polymarket
