// A user sees and changes only their own strategies.
#include <gtest/gtest.h>

#include "service/api_fixture.hpp"

namespace polycopy::testing {
namespace {

using nlohmann::json;

class ApiIsolation : public ApiFixture {};

TEST_F(ApiIsolation, OtherUsersStrategiesAnswer404AndStayUnchanged) {
  const json ft = create_ft(alice_key_);
  const json lt = create_lt(alice_key_, ft["id"]);
  for (const auto& [kind, strategy] : {std::pair{"ft", ft}, std::pair{"lt", lt}}) {
    SCOPED_TRACE(kind);
    const std::string path =
        std::string("/api/") + kind + "/strategies/" + strategy["id"].get<std::string>();
    std::vector<ClientResponse> responses{
        client_->get(path, bob_key_),
        client_->patch(path, bob_key_, {{"name", "stolen"}}),
        client_->post(path + "/pause", bob_key_),
        client_->post(path + "/resume", bob_key_),
    };
    for (const auto& response : responses) {
      EXPECT_EQ(response.status, 404) << response.body;
      EXPECT_EQ(response.error_code(), "strategy_not_found");
    }
    auto bob_list = client_->get(std::string("/api/") + kind + "/strategies", bob_key_);
    ASSERT_EQ(bob_list.status, 200);
    EXPECT_TRUE(bob_list.json()["strategies"].empty());
    EXPECT_EQ(client_->get(path, alice_key_).json(), strategy);  // untouched
  }
}

TEST_F(ApiIsolation, ListsShowOnlyTheCallersStrategies) {
  const json alice_ft = create_ft(alice_key_, "alice's");
  const json bob_ft = create_ft(bob_key_, "bob's");
  auto alice_list = client_->get("/api/ft/strategies", alice_key_).json()["strategies"];
  auto bob_list = client_->get("/api/ft/strategies", bob_key_).json()["strategies"];
  ASSERT_EQ(alice_list.size(), 1u);
  ASSERT_EQ(bob_list.size(), 1u);
  EXPECT_EQ(alice_list[0]["id"], alice_ft["id"]);
  EXPECT_EQ(bob_list[0]["id"], bob_ft["id"]);
}

TEST_F(ApiIsolation, CannotBindAnotherUsersFtStrategyOrWallet) {
  const json alice_ft = create_ft(alice_key_);
  auto bound = client_->post("/api/lt/strategies", bob_key_,
                             {{"name", "sneaky"}, {"ft_strategy_id", alice_ft["id"]}});
  EXPECT_EQ(bound.status, 422);
  EXPECT_EQ(bound.error_code(), "ft_strategy_not_found");

  const json bob_ft = create_ft(bob_key_);
  const std::string alice_wallet = add_wallet(alice_id_);
  auto with_wallet = client_->post(
      "/api/lt/strategies", bob_key_,
      {{"name", "sneaky"}, {"ft_strategy_id", bob_ft["id"]}, {"wallet_id", alice_wallet}});
  EXPECT_EQ(with_wallet.status, 422);
  EXPECT_EQ(with_wallet.error_code(), "wallet_not_found");
  EXPECT_TRUE(client_->get("/api/lt/strategies", bob_key_).json()["strategies"].empty());
}

}  // namespace
}  // namespace polycopy::testing
