// Users, API keys and wallets.
#include <gtest/gtest.h>

#include "store/store_fixture.hpp"

namespace polycopy::store {
namespace {

using testing::address;
using testing::at_ms;
using testing::make_user;
using testing::make_wallet;

class AccountsTest : public testing::StoreTest {};

std::string hash_of(char c) {
  return std::string(64, c);
}

TEST_F(AccountsTest, UserRoundTripsByName) {
  ASSERT_TRUE(store_->insert_user(make_user("usr_a", "alice")).ok());
  auto found = store_->find_user_by_name("alice");
  ASSERT_TRUE(found.ok()) << found.error().to_string();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, "usr_a");
  EXPECT_EQ((*found)->name, "alice");
  EXPECT_EQ((*found)->created_at, at_ms(1'700'000'000'000));
  EXPECT_FALSE(store_->find_user_by_name("bob").value().has_value());
}

TEST_F(AccountsTest, DuplicateUserNameIsAConflictNamingTheColumn) {
  ASSERT_TRUE(store_->insert_user(make_user("usr_a", "alice")).ok());
  auto again = store_->insert_user(make_user("usr_b", "alice"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "conflict");
  EXPECT_NE(again.error().message.find("users.name"), std::string::npos) << again.error().message;
  EXPECT_NE(again.error().message.find("insert_user"), std::string::npos);
}

TEST_F(AccountsTest, ApiKeyFindsItsUserUntilRevoked) {
  ASSERT_TRUE(store_->insert_user(make_user("usr_a", "alice")).ok());
  ASSERT_TRUE(
      store_->insert_api_key({"key_1", "usr_a", hash_of('a'), "laptop", at_ms(10), std::nullopt})
          .ok());
  ASSERT_TRUE(
      store_->insert_api_key({"key_2", "usr_a", hash_of('b'), "old", at_ms(10), at_ms(20)}).ok());
  auto live = store_->find_user_by_api_key_hash(hash_of('a'));
  ASSERT_TRUE(live.ok());
  ASSERT_TRUE(live->has_value());
  EXPECT_EQ((*live)->id, "usr_a");
  EXPECT_FALSE(store_->find_user_by_api_key_hash(hash_of('b')).value().has_value());
  EXPECT_FALSE(store_->find_user_by_api_key_hash(hash_of('c')).value().has_value());
}

TEST_F(AccountsTest, ApiKeyErrorsCarryReasonCodes) {
  ASSERT_TRUE(store_->insert_user(make_user("usr_a", "alice")).ok());
  ASSERT_TRUE(
      store_->insert_api_key({"key_1", "usr_a", hash_of('a'), "x", at_ms(1), std::nullopt}).ok());
  auto duplicate =
      store_->insert_api_key({"key_2", "usr_a", hash_of('a'), "y", at_ms(1), std::nullopt});
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().code, "conflict");
  EXPECT_NE(duplicate.error().message.find("api_keys.key_hash"), std::string::npos);

  auto orphan =
      store_->insert_api_key({"key_3", "usr_nobody", hash_of('d'), "z", at_ms(1), std::nullopt});
  ASSERT_FALSE(orphan.ok());
  EXPECT_EQ(orphan.error().code, "foreign_key");

  auto not_hex =
      store_->insert_api_key({"key_4", "usr_a", std::string(64, 'Z'), "w", at_ms(1), std::nullopt});
  ASSERT_FALSE(not_hex.ok());
  EXPECT_EQ(not_hex.error().code, "constraint_violation");
  EXPECT_NE(not_hex.error().message.find("ck_api_keys_key_hash"), std::string::npos)
      << not_hex.error().message;
}

TEST_F(AccountsTest, WalletRoundTripsForItsOwnerOnly) {
  ASSERT_TRUE(store_->insert_user(make_user("usr_a", "alice")).ok());
  ASSERT_TRUE(store_->insert_user(make_user("usr_b", "bob")).ok());
  const Wallet wallet = make_wallet("wal_1", "usr_a", 42);
  ASSERT_TRUE(store_->insert_wallet(wallet).ok());

  auto found = store_->get_wallet("usr_a", "wal_1");
  ASSERT_TRUE(found.ok()) << found.error().to_string();
  ASSERT_TRUE(found->has_value());
  const Wallet& w = **found;
  EXPECT_EQ(w.id, wallet.id);
  EXPECT_EQ(w.user_id, wallet.user_id);
  EXPECT_EQ(w.address, wallet.address);
  EXPECT_EQ(w.signature_type, 2);
  EXPECT_EQ(w.funder, wallet.funder);
  EXPECT_EQ(w.encrypted_private_key, wallet.encrypted_private_key);
  EXPECT_EQ(w.created_at, wallet.created_at);

  EXPECT_FALSE(store_->get_wallet("usr_b", "wal_1").value().has_value());
}

TEST_F(AccountsTest, WalletOptionalsReadBackAsAbsent) {
  ASSERT_TRUE(store_->insert_user(make_user("usr_a", "alice")).ok());
  Wallet wallet = make_wallet("wal_1", "usr_a", 42);
  wallet.funder.reset();
  wallet.encrypted_private_key.reset();
  wallet.signature_type = 0;
  ASSERT_TRUE(store_->insert_wallet(wallet).ok());
  auto found = store_->get_wallet("usr_a", "wal_1").value();
  ASSERT_TRUE(found.has_value());
  EXPECT_FALSE(found->funder.has_value());
  EXPECT_FALSE(found->encrypted_private_key.has_value());
  EXPECT_EQ(found->signature_type, 0);
}

TEST_F(AccountsTest, BadWalletsAreRejectedWithTheConstraintNamed) {
  ASSERT_TRUE(store_->insert_user(make_user("usr_a", "alice")).ok());
  struct Case {
    const char* label;
    Wallet wallet;
    const char* code;
    const char* fragment;
  };
  Wallet upper = make_wallet("wal_1", "usr_a", 1);
  upper.address = "0xABCDEF" + std::string(34, '0');
  Wallet short_address = make_wallet("wal_2", "usr_a", 2);
  short_address.address = "0x1234";
  Wallet no_prefix = make_wallet("wal_3", "usr_a", 3);
  no_prefix.address = "00" + std::string(40, 'a');
  Wallet bad_type = make_wallet("wal_4", "usr_a", 4);
  bad_type.signature_type = 4;
  Wallet bad_funder = make_wallet("wal_5", "usr_a", 5);
  bad_funder.funder = "nope";
  Wallet orphan = make_wallet("wal_6", "usr_nobody", 6);
  const Case cases[] = {
      {"upper-case address", upper, "constraint_violation", "ck_wallets_address"},
      {"short address", short_address, "constraint_violation", "ck_wallets_address"},
      {"no 0x prefix", no_prefix, "constraint_violation", "ck_wallets_address"},
      {"signature type 4", bad_type, "constraint_violation", "ck_wallets_signature_type"},
      {"bad funder", bad_funder, "constraint_violation", "ck_wallets_funder"},
      {"unknown owner", orphan, "foreign_key", "FOREIGN KEY"},
  };
  for (const auto& c : cases) {
    auto result = store_->insert_wallet(c.wallet);
    ASSERT_FALSE(result.ok()) << c.label;
    EXPECT_EQ(result.error().code, c.code) << c.label;
    EXPECT_NE(result.error().message.find(c.fragment), std::string::npos)
        << c.label << ": " << result.error().message;
  }
  EXPECT_FALSE(store_->get_wallet("usr_a", "wal_1").value().has_value());
}

}  // namespace
}  // namespace polycopy::store
