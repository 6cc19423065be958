#include "service/api_fixture.hpp"

#include "core/ids.hpp"
#include "service/api_routes.hpp"
#include "service/auth.hpp"
#include "service/http_types.hpp"

namespace polycopy::testing {

void ApiFixture::SetUp() {
  dir_ = std::filesystem::temp_directory_path() / ("polycopy_api_test_" + core::random_hex(8));
  std::filesystem::create_directories(dir_);
  clock_.set(core::from_unix_ms(1'795'635'000'000));  // 2026-11-25T19:30:00Z
  auto opened = store::open_sqlite_store((dir_ / "polycopy.db").string());
  ASSERT_TRUE(opened.ok()) << opened.error().to_string();
  store_ = std::move(opened).value();
  auto migrated = store_->migrate();
  ASSERT_TRUE(migrated.ok()) << migrated.error().to_string();

  for (auto [name, id, key] :
       {std::tuple{"alice", &alice_id_, &alice_key_}, std::tuple{"bob", &bob_id_, &bob_key_}}) {
    auto user = service::create_user(*store_, clock_, name);
    ASSERT_TRUE(user.ok()) << user.error().to_string();
    auto created = service::create_api_key(*store_, clock_, user->id, "test");
    ASSERT_TRUE(created.ok()) << created.error().to_string();
    *id = user->id;
    *key = created->plaintext;
  }

  wallet_key_ = core::SecretBox::from_hex(kTestWalletKey).value();
  router_ =
      std::make_unique<service::Router>(service::make_api_router(*store_, clock_, &*wallet_key_));
  service::ServerOptions options;
  options.port = 0;
  server_ = std::make_unique<service::HttpServer>(
      options, [router = router_.get()](const service::HttpRequest& request) {
        return router->handle(request);
      });
  auto port = server_->start();
  ASSERT_TRUE(port.ok()) << port.error().to_string();
  port_ = *port;
  client_ = std::make_unique<TestClient>(port_);
}

void ApiFixture::TearDown() {
  client_.reset();
  server_.reset();
  router_.reset();
  store_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

nlohmann::json ApiFixture::create_ft(const std::string& key, const std::string& name) {
  auto response = client_->post("/api/ft/strategies", key, {{"name", name}});
  EXPECT_EQ(response.status, 201) << response.body;
  return response.json();
}

nlohmann::json ApiFixture::create_lt(const std::string& key, const std::string& ft_id,
                                     const std::string& name) {
  auto response =
      client_->post("/api/lt/strategies", key, {{"name", name}, {"ft_strategy_id", ft_id}});
  EXPECT_EQ(response.status, 201) << response.body;
  return response.json();
}

std::string ApiFixture::add_wallet(const std::string& user_id) {
  store::Wallet wallet;
  wallet.id = core::new_id("wal", clock_);
  wallet.user_id = user_id;
  wallet.address = "0x" + std::string(40, '1');
  wallet.signature_type = 0;
  wallet.created_at = clock_.now();
  auto inserted = store_->insert_wallet(wallet);
  EXPECT_TRUE(inserted.ok()) << inserted.error().to_string();
  return wallet.id;
}

}  // namespace polycopy::testing
