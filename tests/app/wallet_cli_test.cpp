// `polycopy wallet keygen|add|list` end to end: the key goes in through a file or stdin,
// never the command line; no output or log line carries it; without a wallet key nothing is
// stored.
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "app/cli_runner.hpp"
#include "core/secret_box.hpp"
#include "store/store.hpp"
#include "store/wallet_secret_context.hpp"

namespace polycopy::test {
namespace {

using nlohmann::json;

const std::string kKeyDigits = std::string(62, '0') + "a1";
const std::string kAddress = "0xd2431ca38735c2fd438e2caa23f094191d89675b";

class WalletCli : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("wallets.db");
    ASSERT_EQ(run_polycopy({"user", "create", "alice", "--db", db_}).exit_code, 0);
    const auto keygen = run_polycopy({"wallet", "keygen"});
    ASSERT_EQ(keygen.exit_code, 0) << keygen.err;
    wallet_key_ = keygen.out.substr(0, keygen.out.find('\n'));
    env_ = {{"POLYCOPY_WALLET_KEY", wallet_key_}};
  }
  TempDir dir_;
  std::string db_, wallet_key_;
  std::map<std::string, std::string> env_;
};

TEST_F(WalletCli, KeygenPrintsAFreshKey) {
  EXPECT_EQ(wallet_key_.size(), 64u);
  EXPECT_TRUE(core::SecretBox::from_hex(wallet_key_).ok());
  EXPECT_NE(run_polycopy({"wallet", "keygen"}).out.substr(0, 64), wallet_key_);
}

TEST_F(WalletCli, AddFromStdinSealsTheKeyAndNothingPrintsIt) {
  const auto added =
      run_polycopy({"wallet", "add", "--user", "alice", "--private-key-file", "-", "--db", db_},
                   env_, "0x" + kKeyDigits + "\n");
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_EQ(added.out.find(kKeyDigits), std::string::npos);
  EXPECT_EQ(added.err.find(kKeyDigits), std::string::npos);
  const json wallet = json::parse(added.out);
  EXPECT_EQ(wallet["address"], kAddress);

  const auto listed = run_polycopy({"wallet", "list", "--user", "alice", "--db", db_});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(json::parse(listed.out)["wallets"][0]["id"], wallet["id"]);
  EXPECT_EQ(listed.out.find("v1:"), std::string::npos);

  auto store = store::open_sqlite_store(db_).value();
  const auto stored = store->find_wallet(wallet["id"]).value().value();
  const auto box = core::SecretBox::from_hex(wallet_key_).value();
  EXPECT_EQ(box.open(*stored.encrypted_private_key,
                     store::wallet_secret_context(stored.id, store::kPrivateKeySecret))
                .value(),
            "0x" + kKeyDigits);
}

TEST_F(WalletCli, AddFromAFileWithASafeFunder) {
  const std::string key_file = dir_.file("key.txt");
  std::ofstream(key_file) << kKeyDigits << "\n";
  const std::string safe = "0x" + std::string(38, '0') + "5a";
  const auto added =
      run_polycopy({"wallet", "add", "--user", "alice", "--private-key-file", key_file,
                    "--signature-type", "2", "--funder", safe, "--db", db_},
                   env_);
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_EQ(json::parse(added.out)["funder"], safe);
}

TEST_F(WalletCli, WithoutAWalletKeyNothingIsStored) {
  const auto refused =
      run_polycopy({"wallet", "add", "--user", "alice", "--private-key-file", "-", "--db", db_}, {},
                   "0x" + kKeyDigits);
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("wallet_key_missing"), std::string::npos);
  const auto bad_key =
      run_polycopy({"wallet", "add", "--user", "alice", "--private-key-file", "-", "--db", db_},
                   {{"POLYCOPY_WALLET_KEY", "1234"}}, "0x" + kKeyDigits);
  EXPECT_EQ(bad_key.exit_code, 2);
  EXPECT_NE(bad_key.err.find("invalid_secret_key"), std::string::npos);
  EXPECT_EQ(bad_key.err.find("1234"), std::string::npos);
  const auto listed = run_polycopy({"wallet", "list", "--user", "alice", "--db", db_});
  EXPECT_TRUE(json::parse(listed.out)["wallets"].empty());
}

TEST_F(WalletCli, ABadPrivateKeyIsRefusedWithoutEchoingIt) {
  const auto refused =
      run_polycopy({"wallet", "add", "--user", "alice", "--private-key-file", "-", "--db", db_},
                   env_, "0xdeadbeef");
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("invalid_private_key"), std::string::npos);
  EXPECT_EQ(refused.err.find("deadbeef"), std::string::npos);
}

}  // namespace
}  // namespace polycopy::test
