// `polycopy chain balance` against a real EVM (ganache with the real ConditionalTokens and
// an ERC-20 collateral): native coin, collateral and outcome-token balances of a wallet
// that split collateral into positions; bad input and a wrong chain refused with a code.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "app/cli_runner.hpp"
#include "engine/local_evm.hpp"

namespace polycopy::test {
namespace {

class ChainCliTest : public ::testing::Test {
 protected:
  // A configuration pointing at the local EVM's node and contracts.
  std::string config(std::uint64_t chain_id = 137) {
    const std::string path = dir_.file("polycopy-" + std::to_string(chain_id) + ".toml");
    std::ofstream(path) << "[database]\npath = \"" << dir_.file("p.db") << "\"\n"
                        << "[chain]\nrpc_urls = \"" << evm_.rpc_url()
                        << "\"\nchain_id = " << chain_id << "\nconditional_tokens = \""
                        << evm_.conditional_tokens() << "\"\ncollateral = \"" << evm_.collateral()
                        << "\"\npusd = \"\"\n";
    return path;
  }

  engine::testing::LocalEvm evm_;
  TempDir dir_;
};

TEST_F(ChainCliTest, BalancesOfAWalletWithPositions) {
  const auto condition =
      evm_.run("prepare", "--question-id 0x" + std::string(64, 'b'))["condition_id"]
          .get<std::string>();
  const auto split = evm_.run("split", "--wallet 1 --condition " + condition + " --amount 2500000");
  const std::string address = split["address"].get<std::string>();
  evm_.run("mint", "--wallet 1 --amount 1234567");
  const std::string yes = split["position_ids"][0].get<std::string>();

  const auto json = run_polycopy({"--config", config(), "chain", "balance", address, "--token", yes,
                                  "--token", "12345", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto out = nlohmann::json::parse(json.out);
  EXPECT_EQ(out["address"], address);
  EXPECT_EQ(out["chain_id"], 137);
  // 1000 ETH at the start, less the gas of a few transactions: 999.9… ETH in wei.
  const std::string native = out["native_wei"].get<std::string>();
  EXPECT_EQ(native.size(), 21u);
  EXPECT_EQ(native.substr(0, 4), "9999") << native;
  EXPECT_EQ(out["collateral"]["units"], "1234567");  // what was not split
  EXPECT_EQ(out["collateral"]["amount"], "1.234567");
  EXPECT_FALSE(out.contains("pusd"));
  ASSERT_EQ(out["outcome_tokens"].size(), 2u);
  EXPECT_EQ(out["outcome_tokens"][0]["units"], "2500000");
  EXPECT_EQ(out["outcome_tokens"][0]["shares"], "2.500000");
  EXPECT_EQ(out["outcome_tokens"][1]["units"], "0");

  const auto text = run_polycopy({"--config", config(), "chain", "balance", address});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("collateral  1.234567"), std::string::npos) << text.out;
}

TEST_F(ChainCliTest, BadInputAndAWrongChainAreRefused) {
  const auto bad = run_polycopy({"--config", config(), "chain", "balance", "0x12"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("invalid_address"), std::string::npos) << bad.err;
  const auto token = run_polycopy(
      {"--config", config(), "chain", "balance", "0x" + std::string(40, '1'), "--token", "0x5"});
  EXPECT_EQ(token.exit_code, 2);
  EXPECT_NE(token.err.find("invalid_token_id"), std::string::npos) << token.err;
  const auto wrong =
      run_polycopy({"--config", config(1), "chain", "balance", "0x" + std::string(40, '1')});
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_NE(wrong.err.find("wrong_chain"), std::string::npos) << wrong.err;
  // No node at all: the error names it, nothing hangs.
  const std::string path = dir_.file("down.toml");
  std::ofstream(path) << "[chain]\nrpc_urls = \"http://127.0.0.1:1\"\n";
  const auto down =
      run_polycopy({"--config", path, "chain", "balance", "0x" + std::string(40, '1')});
  EXPECT_EQ(down.exit_code, 1);
  EXPECT_NE(down.err.find("rpc_unavailable"), std::string::npos) << down.err;
}

}  // namespace
}  // namespace polycopy::test
