// Wallets over the API: the private key goes in once, sealed; no answer ever carries it.
#include <gtest/gtest.h>

#include "chain/hex.hpp"
#include "chain/private_key.hpp"
#include "service/api_fixture.hpp"
#include "service/wallet_service.hpp"
#include "store/wallet_secret_context.hpp"

namespace polycopy::testing {
namespace {

using nlohmann::json;

// The official client's example key (protocol-examples.json) and its address.
const std::string kKey = "0x00000000000000000000000000000000000000000000000000000000000000a1";
const std::string kAddress = "0xd2431ca38735c2fd438e2caa23f094191d89675b";
const std::string kSafe = "0x" + std::string(38, '0') + "5a";

class WalletApi : public ApiFixture {};

TEST_F(WalletApi, CreateSealsTheKeyAndAnswersWithoutIt) {
  const auto created = client_->post("/api/wallets", alice_key_, {{"private_key", kKey}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.body.find("a1\""), std::string::npos);
  EXPECT_EQ(created.body.find(kKey.substr(2)), std::string::npos);
  const json wallet = created.json();
  EXPECT_EQ(wallet["address"], kAddress);
  EXPECT_EQ(wallet["signature_type"], 0);
  EXPECT_TRUE(wallet["funder"].is_null());
  EXPECT_FALSE(wallet.contains("private_key"));
  EXPECT_FALSE(wallet.contains("encrypted_private_key"));

  const std::string id = wallet["id"];
  const auto stored = store_->get_wallet(alice_id_, id).value().value();
  ASSERT_TRUE(stored.encrypted_private_key);
  EXPECT_EQ(stored.encrypted_private_key->find(kKey.substr(2)), std::string::npos);
  EXPECT_EQ(wallet_key_
                ->open(*stored.encrypted_private_key,
                       store::wallet_secret_context(id, store::kPrivateKeySecret))
                .value(),
            kKey);

  const auto listed = client_->get("/api/wallets", alice_key_);
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.json()["wallets"].size(), 1u);
  EXPECT_EQ(listed.body.find("v1:"), std::string::npos);
  EXPECT_EQ(client_->get("/api/wallets/" + id, alice_key_).json()["address"], kAddress);
  EXPECT_EQ(client_->get("/api/wallets/" + id, bob_key_).status, 404);
  EXPECT_TRUE(client_->get("/api/wallets", bob_key_).json()["wallets"].empty());
}

TEST_F(WalletApi, ASafeWalletNeedsItsFunder) {
  auto missing =
      client_->post("/api/wallets", alice_key_, {{"private_key", kKey}, {"signature_type", 2}});
  EXPECT_EQ(missing.error_code(), "funder_required");
  auto created = client_->post("/api/wallets", alice_key_,
                               {{"private_key", kKey}, {"signature_type", 2}, {"funder", kSafe}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["funder"], kSafe);
  EXPECT_EQ(created.json()["address"], kAddress);
}

TEST_F(WalletApi, BadInputIsRefusedWithItsCodeAndNothingIsStored) {
  struct Case {
    json body;
    int status;
    const char* code;
  };
  const Case cases[] = {
      {json::object(), 400, "missing_field"},
      {{{"private_key", 5}}, 400, "wrong_type"},
      {{{"private_key", kKey}, {"label", "x"}}, 400, "unknown_field"},
      {{{"private_key", "0x1234"}}, 422, "invalid_private_key"},
      {{{"private_key", "0x" + std::string(64, '0')}}, 422, "invalid_private_key"},
      {{{"private_key", kKey}, {"signature_type", 1}}, 422, "unsupported_signature_type"},
      {{{"private_key", kKey}, {"signature_type", "0"}}, 400, "wrong_type"},
      {{{"private_key", kKey}, {"funder", kSafe}}, 422, "funder_not_allowed"},
      {{{"private_key", kKey}, {"signature_type", 2}, {"funder", "0x12"}}, 422, "invalid_address"},
  };
  for (const auto& c : cases) {
    const auto answer = client_->post("/api/wallets", alice_key_, c.body);
    EXPECT_EQ(answer.status, c.status) << c.body.dump() << " -> " << answer.body;
    EXPECT_EQ(answer.error_code(), c.code) << c.body.dump();
    EXPECT_EQ(answer.body.find("0x1234"), std::string::npos);
  }
  EXPECT_TRUE(store_->list_wallets(alice_id_).value().empty());
}

TEST_F(WalletApi, OneWalletPerAddressPerUser) {
  ASSERT_EQ(client_->post("/api/wallets", alice_key_, {{"private_key", kKey}}).status, 201);
  const auto again = client_->post("/api/wallets", alice_key_, {{"private_key", kKey}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.error_code(), "wallet_exists");
  EXPECT_EQ(client_->post("/api/wallets", bob_key_, {{"private_key", kKey}}).status, 201);
}

TEST_F(WalletApi, WithoutAWalletKeyNothingIsStored) {
  service::WalletService without_key(*store_, clock_, nullptr);
  const auto answer = without_key.create(alice_id_, {{"private_key", kKey}});
  EXPECT_EQ(answer.status, 503);
  EXPECT_EQ(answer.body["error"]["code"], "wallet_key_missing");
  EXPECT_TRUE(store_->list_wallets(alice_id_).value().empty());
}

}  // namespace
}  // namespace polycopy::testing
