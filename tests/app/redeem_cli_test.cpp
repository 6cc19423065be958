// `polycopy redeem --strategy ID [--dry-run] [--retry-failed] [--json]` against a real EVM
// (ganache with the real ConditionalTokens): a settled winning position is simulated by the
// dry run, redeemed by the real run for exactly its shares, and nothing is left for a third
// run; a redemption that failed with no retry left is redeemed only with --retry-failed; an
// unknown strategy is refused.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "app/cli_runner.hpp"
#include "app/redemption_cli_setup.hpp"
#include "engine/local_evm.hpp"
#include "engine/redemption_setup.hpp"

namespace polycopy::test {
namespace {

class RedeemCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    condition_ = settled_winner_database(dir_.file("p.db"), evm_, 4'000'000);
    std::ofstream(config_) << "[database]\npath = \"" << dir_.file("p.db") << "\"\n"
                           << local_chain_section(evm_);
  }
  CliResult redeem(std::vector<std::string> extra) {
    std::vector<std::string> args{"--config", config_, "redeem"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_polycopy(args, {{"POLYCOPY_WALLET_KEY", kRedemptionWalletKey}});
  }
  std::uint64_t collateral() const { return evm_.collateral_of(0, condition_); }

  engine::testing::LocalEvm evm_;
  TempDir dir_;
  std::string config_ = dir_.file("polycopy.toml");
  std::string condition_;
};

TEST_F(RedeemCliTest, DryRunThenRedeemOnceThenNothingLeft) {
  const auto before = collateral();
  const auto dry = redeem({"--strategy", "lt_a", "--dry-run", "--json"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err << dry.out;
  const auto planned = nlohmann::json::parse(dry.out);
  EXPECT_EQ(planned["dry_run"], true);
  ASSERT_EQ(planned["groups"].size(), 1u);
  EXPECT_EQ(planned["groups"][0]["outcome"], "dry_run");
  EXPECT_EQ(planned["groups"][0]["payout_units"], "4000000");
  EXPECT_EQ(collateral(), before);

  const auto real = redeem({"--strategy", "lt_a", "--json"});
  ASSERT_EQ(real.exit_code, 0) << real.err << real.out;
  const auto done = nlohmann::json::parse(real.out);
  ASSERT_EQ(done["groups"].size(), 1u);
  EXPECT_EQ(done["groups"][0]["outcome"], "confirmed");
  EXPECT_EQ(done["groups"][0]["payout_units"], "4000000");
  EXPECT_EQ(done["groups"][0]["tx_hash"].get<std::string>().size(), 66u);
  EXPECT_EQ(collateral() - before, 4'000'000u);

  const auto again = redeem({"--strategy", "lt_a"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("nothing to redeem for lt_a"), std::string::npos) << again.out;
  EXPECT_EQ(collateral() - before, 4'000'000u);
}

TEST_F(RedeemCliTest, AFailedRedemptionWithNoRetryLeftNeedsRetryFailed) {
  {
    auto db = store::open_sqlite_store(dir_.file("p.db")).value();
    const auto records = db->list_redemptions("usr_a", "lt_a").value();
    ASSERT_EQ(records.size(), 1u);
    ASSERT_TRUE(
        db->fail_redemptions({records[0].id}, "reverted", std::nullopt, core::SystemClock().now())
            .ok());
  }
  const auto before = collateral();
  const auto skipped = redeem({"--strategy", "lt_a", "--json"});
  ASSERT_EQ(skipped.exit_code, 0) << skipped.err;
  EXPECT_EQ(nlohmann::json::parse(skipped.out)["groups"], nlohmann::json::array());

  const auto both = redeem({"--strategy", "lt_a", "--retry-failed", "--dry-run"});
  EXPECT_EQ(both.exit_code, 2) << both.err;

  const auto retried = redeem({"--strategy", "lt_a", "--retry-failed", "--json"});
  ASSERT_EQ(retried.exit_code, 0) << retried.err << retried.out;
  const auto done = nlohmann::json::parse(retried.out);
  EXPECT_EQ(done["retried"], 1);
  ASSERT_EQ(done["groups"].size(), 1u);
  EXPECT_EQ(done["groups"][0]["outcome"], "confirmed");
  EXPECT_EQ(collateral() - before, 4'000'000u);
}

TEST_F(RedeemCliTest, AnUnknownStrategyOrNoWalletKeyIsRefused) {
  const auto unknown = redeem({"--strategy", "lt_none"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("not_found"), std::string::npos) << unknown.err;
  const auto keyless = run_polycopy({"--config", config_, "redeem", "--strategy", "lt_a"});
  EXPECT_EQ(keyless.exit_code, 2) << keyless.err;
}

}  // namespace
}  // namespace polycopy::test
