#include "service/auth.hpp"

#include <gtest/gtest.h>

#include "core/ids.hpp"
#include "service/api_fixture.hpp"

namespace polycopy::testing {
namespace {

class Auth : public ApiFixture {};

TEST_F(Auth, KeyIsReturnedOnceAndStoredOnlyAsItsHash) {
  auto created = service::create_api_key(*store_, clock_, alice_id_, "laptop");
  ASSERT_TRUE(created.ok());
  EXPECT_TRUE(created->plaintext.starts_with("pc_"));
  EXPECT_EQ(created->plaintext.size(), 3u + 64u);
  EXPECT_EQ(created->record.key_hash, core::sha256_hex(created->plaintext));
  auto again = service::create_api_key(*store_, clock_, alice_id_, "laptop");
  ASSERT_TRUE(again.ok());
  EXPECT_NE(again->plaintext, created->plaintext);
}

TEST_F(Auth, BearerHeaderIdentifiesTheOwner) {
  auto user = service::authenticate_bearer(*store_, "Bearer " + bob_key_);
  ASSERT_TRUE(user.ok());
  EXPECT_EQ(user->id, bob_id_);
  EXPECT_TRUE(service::authenticate_bearer(*store_, "bearer  " + bob_key_ + " ").ok());
  for (const std::string& bad :
       std::vector<std::string>{"", "Bearer", "Bearer ", "Token " + bob_key_, bob_key_,
                                "Bearer " + bob_key_ + "0", "Bearer " + std::string(300, 'a')}) {
    auto refused = service::authenticate_bearer(*store_, bad);
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.error().code, "unauthorized");
  }
}

TEST_F(Auth, UserNamesAreUniqueAndValidated) {
  auto duplicate = service::create_user(*store_, clock_, "alice");
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().code, "user_exists");
  for (const std::string& bad :
       {std::string(), std::string(101, 'u'), std::string(" pad"), std::string("a\tb")}) {
    auto refused = service::create_user(*store_, clock_, bad);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "name_invalid");
  }
  auto carol = service::create_user(*store_, clock_, "carol");
  ASSERT_TRUE(carol.ok());
  EXPECT_TRUE(core::is_valid_id(carol->id, "usr"));
}

TEST_F(Auth, ApiKeyForUnknownUserIsRefused) {
  auto refused = service::create_api_key(*store_, clock_, "usr_nobody", "x");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "user_not_found");
}

}  // namespace
}  // namespace polycopy::testing
