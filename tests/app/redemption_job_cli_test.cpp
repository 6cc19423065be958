// The engine's lt-redemptions job against a real EVM (ganache with the real ConditionalTokens):
// `polycopy engine run --once` with a [chain] section redeems a settled winner from the
// strategy's wallet and reports what the chain paid, and the next pass has nothing left;
// with auto_redeem = false the job only counts the winner and says how to redeem it. The pass
// also records its health checks (database, venue, node).
#include <gtest/gtest.h>

#include <algorithm>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "app/cli_runner.hpp"
#include "app/redemption_cli_setup.hpp"
#include "engine/local_evm.hpp"

namespace polycopy::test {
namespace {

using json = nlohmann::json;

class RedemptionJobCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    urls_ = first_json_line(dir_.file("sim.out"));
    ASSERT_TRUE(urls_.is_object()) << read_file(dir_.file("sim.out.err"));
    condition_ = settled_winner_database(dir_.file("p.db"), evm_, 4'000'000);
  }
  void write_config(bool auto_redeem) {
    std::ofstream(config_) << "[database]\npath = \"" << dir_.file("p.db") << "\"\n"
                           << "[polymarket]\nclob_url = \"" << urls_["clob"].get<std::string>()
                           << "\"\ndata_url = \"" << urls_["data"].get<std::string>()
                           << "\"\ngamma_url = \"" << urls_["gamma"].get<std::string>() << "\"\n"
                           << local_chain_section(evm_)
                           << "auto_redeem = " << (auto_redeem ? "true" : "false") << "\n";
  }
  // One engine pass; the lt-redemptions job's report (the health checks kept aside).
  json redemption_pass() {
    const auto ran =
        run_polycopy({"--config", config_, "engine", "run", "--once", "--no-websocket"},
                     {{"POLYCOPY_WALLET_KEY", kRedemptionWalletKey}});
    const auto report = json::parse(ran.out.substr(0, ran.out.find('\n')), nullptr, false);
    EXPECT_TRUE(report.is_object()) << ran.err << ran.out;
    EXPECT_EQ(ran.exit_code, 0) << ran.err << ran.out;
    if (!report.is_object()) return json::object();
    health_ = report["health"];
    alerts_ = report["alerts"];
    return report["lt"]["lt-redemptions"];
  }
  std::uint64_t collateral() const { return evm_.collateral_of(0, condition_); }

  engine::testing::LocalEvm evm_;
  TempDir dir_;
  Child sim_{{"sim", "--listen", "127.0.0.1:0", "--seed", "3", "--speed", "0", "--no-rate-limits"},
             {},
             dir_.file("sim.out")};
  json urls_;
  json health_, alerts_;
  std::string config_ = dir_.file("polycopy.toml");
  std::string condition_;
};

TEST_F(RedemptionJobCliTest, TheEngineRedeemsASettledWinnerOnce) {
  write_config(true);
  const auto before = collateral();
  const auto first = redemption_pass();
  EXPECT_EQ(first["on_chain"], true) << first.dump();
  EXPECT_EQ(first["confirmed"], 1) << first.dump();
  EXPECT_EQ(first["paid_usd"], "4");
  EXPECT_EQ(first["pending"], 0);
  EXPECT_EQ(first["problems"], json::array());
  EXPECT_EQ(collateral() - before, 4'000'000u);
  // The pass checked its health too: the database, the venue and the node it redeemed on.
  std::set<std::string> healthy;
  for (const auto& check : health_)
    if (check["status"] == "ok") healthy.insert(check["component"].get<std::string>());
  EXPECT_EQ(healthy.count("database") + healthy.count("venue_rest") + healthy.count("rpc"), 3u)
      << health_.dump();
  // …and what this process runs: the Data API's freshness, the jobs, the wallet's funds.
  std::set<std::string> components;
  for (const auto& check : health_) components.insert(check["component"].get<std::string>());
  EXPECT_TRUE(components.contains("data_api")) << health_.dump();
  EXPECT_TRUE(healthy.contains("jobs")) << health_.dump();
  EXPECT_EQ(std::count_if(components.begin(), components.end(),
                          [](const std::string& c) { return c.starts_with("wallet_funds:"); }),
            1)
      << health_.dump();
  // The alert rules ran (no channel configured: nothing to deliver).
  EXPECT_TRUE(alerts_["alert-rules"].contains("raised")) << alerts_.dump();
  EXPECT_EQ(alerts_["alert-delivery"]["channels"], 0) << alerts_.dump();

  const auto second = redemption_pass();
  EXPECT_EQ(second["confirmed"], 0) << second.dump();
  EXPECT_EQ(second["submitted"], 0);
  EXPECT_EQ(collateral() - before, 4'000'000u);
}

TEST_F(RedemptionJobCliTest, WithAutoRedeemOffTheJobOnlyCounts) {
  write_config(false);
  const auto before = collateral();
  const auto report = redemption_pass();
  EXPECT_EQ(report["on_chain"], false) << report.dump();
  EXPECT_EQ(report["pending"], 1);
  EXPECT_EQ(report["pending_usd"], "4");
  EXPECT_NE(report["note"].get<std::string>().find("polycopy redeem"), std::string::npos);
  EXPECT_EQ(collateral(), before);
}

}  // namespace
}  // namespace polycopy::test
