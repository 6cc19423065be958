// A wallet's signing key and CLOB identity against the simulator: credentials derived once
// with L1 auth, cached sealed, and good for L2-authenticated calls; a key that was swapped,
// sealed under another wallet key, or absent is refused with its code.
#include <gtest/gtest.h>

#include "chain/hex.hpp"
#include "engine/sim_harness.hpp"
#include "engine/wallet_access.hpp"
#include "store/wallet_secret_context.hpp"

namespace polycopy::engine {
namespace {

const std::string kKey = "0x00000000000000000000000000000000000000000000000000000000000000a1";
const std::string kOtherKey = "0x00000000000000000000000000000000000000000000000000000000000000b2";

class WalletAccessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = store::open_sqlite_store(dir_.file("wallets.db")).value();
    ASSERT_TRUE(store_->migrate().ok());
    ASSERT_TRUE(store_->insert_user({"usr_a", "alice", clock_.now()}).ok());
  }

  store::Wallet add_wallet(const std::string& id, const std::string& key_hex,
                           const std::string& address) {
    store::Wallet wallet;
    wallet.id = id;
    wallet.user_id = "usr_a";
    wallet.address = address;
    wallet.signature_type = 0;
    wallet.encrypted_private_key =
        box_.seal(key_hex, store::wallet_secret_context(id, store::kPrivateKeySecret));
    wallet.created_at = clock_.now();
    EXPECT_TRUE(store_->insert_wallet(wallet).ok());
    return store_->find_wallet(id).value().value();
  }

  static std::string address_of(const std::string& key_hex) {
    return chain::to_hex(chain::PrivateKey::parse(key_hex).value().address());
  }

  testing::TempDir dir_;
  core::ManualClock clock_{core::from_unix_ms(1'772'463'600'000)};
  core::SecretBox box_ = core::SecretBox::from_hex(std::string(64, 'c')).value();
  std::unique_ptr<store::Store> store_;
};

TEST_F(WalletAccessTest, CredentialsAreDerivedOnceCachedSealedAndWork) {
  testing::RunningSim sim(testing::frozen_scenario(5, 2, 3));
  clock_.set(sim.now());  // L1 and L2 headers carry the time the venue checks
  WalletAccess access(*store_, box_, *sim.http, sim.urls.clob, clock_);
  const auto wallet = add_wallet("wal_1", kKey, address_of(kKey));

  const auto first = access.trading_identity(wallet);
  ASSERT_TRUE(first.ok()) << first.error().to_string();
  EXPECT_EQ(first->address, wallet.address);
  const auto cached = store_->find_wallet("wal_1").value().value();
  ASSERT_TRUE(cached.api_key && cached.api_secret_sealed && cached.api_passphrase_sealed);
  EXPECT_EQ(*cached.api_key, first->credentials.key);
  EXPECT_EQ(cached.api_secret_sealed->find(first->credentials.secret), std::string::npos);
  EXPECT_EQ(cached.api_credentials_at, clock_.now());

  // From the cache: no venue needed (a client pointed nowhere would fail to derive).
  net::HttpClient offline;
  WalletAccess no_venue(*store_, box_, offline, "http://127.0.0.1:9", clock_);
  const auto second = no_venue.trading_identity(cached);
  ASSERT_TRUE(second.ok()) << second.error().to_string();
  EXPECT_EQ(second->credentials.key, first->credentials.key);
  EXPECT_EQ(second->credentials.secret, first->credentials.secret);
  EXPECT_EQ(second->credentials.passphrase, first->credentials.passphrase);

  // The venue accepts them for L2-authenticated calls.
  polymarket::ClobTradingClient trading(*sim.http, sim.urls.clob, *second, &clock_);
  const auto orders = trading.open_orders();
  ASSERT_TRUE(orders.ok()) << orders.error().to_string();
  EXPECT_TRUE(orders->empty());
}

TEST_F(WalletAccessTest, AKeyThatDoesNotOpenOrDoesNotMatchIsRefused) {
  net::HttpClient http;
  WalletAccess access(*store_, box_, http, "http://127.0.0.1:9", clock_);
  // Sealed for another wallet id: moved rows do not open.
  store::Wallet moved = add_wallet("wal_1", kKey, address_of(kKey));
  moved.id = "wal_2";
  EXPECT_EQ(access.signing_key(moved).error().code, "secret_undecryptable");
  // Another wallet key.
  const auto other_box = core::SecretBox::from_hex(std::string(64, 'd')).value();
  WalletAccess wrong_box(*store_, other_box, http, "http://127.0.0.1:9", clock_);
  EXPECT_EQ(wrong_box.signing_key(store_->find_wallet("wal_1").value().value()).error().code,
            "secret_undecryptable");
  // A key that signs for another address than the row says.
  const auto swapped = add_wallet("wal_3", kOtherKey, address_of(kKey).replace(2, 2, "ff"));
  EXPECT_EQ(access.signing_key(swapped).error().code, "wallet_key_mismatch");
  store::Wallet keyless = swapped;
  keyless.encrypted_private_key.reset();
  EXPECT_EQ(access.signing_key(keyless).error().code, "wallet_key_absent");
  // The right one opens and signs for its address.
  const auto key = access.signing_key(store_->find_wallet("wal_1").value().value());
  ASSERT_TRUE(key.ok()) << key.error().to_string();
  EXPECT_EQ(chain::to_hex(key->address()), address_of(kKey));

  // The opened key is kept for the wallet, but only while its row says the same: a changed
  // address or sealed key is checked again, never answered from memory.
  store::Wallet readdressed = store_->find_wallet("wal_1").value().value();
  readdressed.address = address_of(kKey).replace(2, 2, "ff");
  EXPECT_EQ(access.signing_key(readdressed).error().code, "wallet_key_mismatch");
  store::Wallet resealed = store_->find_wallet("wal_1").value().value();
  resealed.encrypted_private_key = swapped.encrypted_private_key;  // sealed for wal_3
  EXPECT_EQ(access.signing_key(resealed).error().code, "secret_undecryptable");
  EXPECT_TRUE(access.signing_key(store_->find_wallet("wal_1").value().value()).ok());
}

}  // namespace
}  // namespace polycopy::engine
