#pragma once
// Starts the real API (HttpServer on an ephemeral port, SQLite store in a temp dir) with two
// users, alice and bob, each holding one API key.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <optional>

#include "core/clock.hpp"
#include "core/secret_box.hpp"
#include "service/http_server.hpp"
#include "service/router.hpp"
#include "service/test_client.hpp"
#include "store/store.hpp"

namespace polycopy::testing {

// The wallet key the test API seals wallet secrets with.
inline constexpr char kTestWalletKey[] =
    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

class ApiFixture : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // POSTs a valid FT (or LT, bound to ft_id) strategy as the given key; asserts 201.
  nlohmann::json create_ft(const std::string& key, const std::string& name = "Whales");
  nlohmann::json create_lt(const std::string& key, const std::string& ft_id,
                           const std::string& name = "Live whales");
  // Inserts a wallet for the user directly in the store; returns its id.
  std::string add_wallet(const std::string& user_id);

  std::filesystem::path dir_;
  core::ManualClock clock_;
  std::unique_ptr<store::Store> store_;
  std::optional<core::SecretBox> wallet_key_;
  std::unique_ptr<service::Router> router_;
  std::unique_ptr<service::HttpServer> server_;
  std::uint16_t port_ = 0;
  std::unique_ptr<TestClient> client_;
  std::string alice_id_, alice_key_, bob_id_, bob_key_;
};

}  // namespace polycopy::testing
