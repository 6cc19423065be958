// `polycopy redeem --strategy ID [--dry-run] [--json]` against a real EVM (ganache with the
// real ConditionalTokens): a settled winning position is simulated by the dry run, redeemed
// by the real run for exactly its shares, and nothing is left for a third run; an unknown
// strategy is refused.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "app/cli_runner.hpp"
#include "engine/local_evm.hpp"
#include "engine/redemption_setup.hpp"

namespace polycopy::test {
namespace {

const std::string kWalletKey(64, '7');

class RedeemCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    core::SystemClock clock;
    auto db = store::open_sqlite_store(dir_.file("p.db")).value();
    ASSERT_TRUE(db->migrate().ok());
    const auto box = core::SecretBox::from_hex(kWalletKey).value();
    engine::testing::store_redeeming_strategy(*db, box, clock.now(), evm_);
    risk::RiskManager risk(*db, clock);
    condition_ = engine::testing::market_with_position(*db, risk, clock, evm_, 1, 4'000'000);
    evm_.run("report",
             "--question-id " + engine::testing::redemption_question(1) + " --payouts 1,0");
    engine::testing::settle_as_won(*db, risk, clock, condition_);
    std::ofstream(config_) << "[database]\npath = \"" << dir_.file("p.db") << "\"\n"
                           << "[chain]\nrpc_urls = \"" << evm_.rpc_url()
                           << "\"\nconfirmations = 1\nconditional_tokens = \""
                           << evm_.conditional_tokens() << "\"\nneg_risk_adapter = \""
                           << evm_.conditional_tokens() << "\"\ncollateral = \""
                           << evm_.collateral() << "\"\nneg_risk_collateral = \""
                           << evm_.collateral() << "\"\n";
  }
  CliResult redeem(std::vector<std::string> extra) {
    std::vector<std::string> args{"--config", config_, "redeem"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_polycopy(args, {{"POLYCOPY_WALLET_KEY", kWalletKey}});
  }
  std::uint64_t collateral() {
    return std::stoull(
        evm_.run("balances", "--wallet 0 --condition " + condition_)["collateral_balance"]
            .get<std::string>());
  }

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

TEST_F(RedeemCliTest, AnUnknownStrategyOrNoWalletKeyIsRefused) {
  const auto unknown = redeem({"--strategy", "lt_none"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("not_found"), std::string::npos) << unknown.err;
  const auto keyless = run_polycopy({"--config", config_, "redeem", "--strategy", "lt_a"});
  EXPECT_EQ(keyless.exit_code, 2) << keyless.err;
}

}  // namespace
}  // namespace polycopy::test
