// ConditionalTokens ids against real data: a condition id from a real ConditionResolution
// log (oracle and question in its topics), the collection and token ids the protocol doc
// derived for a binary market, and every market of a captured CLOB markets page (binary
// ones backed by USDC.e, neg-risk ones by the wrapped collateral) against its token ids.
#include <gtest/gtest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "chain/address.hpp"
#include "chain/hex.hpp"
#include "polymarket/ctf/ctf_ids.hpp"
#include "polymarket/parse_fixtures.hpp"

namespace polycopy::polymarket::ctf {
namespace {

const auto kUsdcE = chain::parse_address("0x2791Bca1f2de4661ED88A30C99A7a9449Aa84174").value();
const auto kWrappedCollateral =
    chain::parse_address("0x3A3BD7bb9528E159577F7C2e685CC81A765002E2").value();

chain::Bytes32 bytes32(const std::string& hex) {
  return chain::parse_bytes32(hex).value();
}

TEST(CtfIds, ConditionFromARealResolutionLog) {
  const auto log =
      nlohmann::json::parse(test::fixture("chain_logs/vike_ctf_condition_resolution_log.json"));
  const auto oracle_word = bytes32(log["topics"][2].get<std::string>());
  chain::Address oracle;
  std::copy(oracle_word.bytes.begin() + 12, oracle_word.bytes.end(), oracle.bytes.begin());
  const auto question = bytes32(log["topics"][3].get<std::string>());
  EXPECT_EQ(chain::to_hex(condition_id(oracle, question, 2)), log["topics"][1].get<std::string>());
  EXPECT_NE(condition_id(oracle, question, 3), condition_id(oracle, question, 2));
}

TEST(CtfIds, CollectionsAndTokensOfABinaryMarket) {
  const auto condition =
      bytes32("0x6fa121d31b5ed65b5c34b32ae646e4751b37ffd49c3cbcc379b055e22e27094c");
  const auto yes = collection_id(condition, 1);
  const auto no = collection_id(condition, 2);
  EXPECT_EQ(chain::to_hex(yes),
            "0x0bf353df33dc40eb6c6b69c6c3346a41b319a735c33bdad0b35ca27f93d4010c");
  EXPECT_EQ(chain::to_hex(no),
            "0x58a91aa0eebdaee290725bacd9d8f533267e39457dff50aa9c89b2142e9c4634");
  EXPECT_EQ(position_id(kUsdcE, yes).to_decimal(),
            "106853212325739234269605042620856745942429109258639927166403506431703417105118");
  EXPECT_EQ(position_id(kUsdcE, no).to_decimal(),
            "34549038436775387767555351401981287096280193432851657723404876503687402605441");
}

TEST(CtfIds, EveryMarketOfACapturedPageMatchesItsTokenIds) {
  const auto markets =
      nlohmann::json::parse(test::fixture("clob_market/polygolem_clob_markets_compact_fed.json"));
  int binary = 0, neg_risk = 0;
  for (const auto& market : markets) {
    if (!market.contains("c") || !market.contains("t") || market["t"].size() != 2) continue;
    const bool is_neg_risk = market.value("nr", false);
    const auto& collateral = is_neg_risk ? kWrappedCollateral : kUsdcE;
    const auto condition = bytes32(market["c"].get<std::string>());
    SCOPED_TRACE(market["c"].get<std::string>());
    for (std::uint64_t outcome = 0; outcome < 2; ++outcome) {
      const auto token = position_id(collateral, collection_id(condition, 1u << outcome));
      EXPECT_EQ(token.to_decimal(), market["t"][outcome]["t"].get<std::string>());
    }
    ++(is_neg_risk ? neg_risk : binary);
  }
  EXPECT_GT(neg_risk, 0);
  std::cout << "checked " << binary << " binary and " << neg_risk << " neg-risk markets\n";
}

TEST(CtfIds, CapturedGammaMarketsMatchTheirClobTokenIds) {
  int checked = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(test::fixtures_dir() / "gamma_markets")) {
    const auto market = nlohmann::json::parse(test::read_fixture(entry.path()));
    if (!market.contains("conditionId") || !market.contains("clobTokenIds")) continue;
    SCOPED_TRACE(entry.path().filename().string());
    const bool is_neg_risk = market.value("negRisk", nlohmann::json(false)).is_boolean() &&
                             market.value("negRisk", false);
    const auto tokens = nlohmann::json::parse(market["clobTokenIds"].get<std::string>());
    const auto condition = bytes32(market["conditionId"].get<std::string>());
    for (std::uint64_t outcome = 0; outcome < 2; ++outcome)
      EXPECT_EQ(position_id(is_neg_risk ? kWrappedCollateral : kUsdcE,
                            collection_id(condition, 1u << outcome))
                    .to_decimal(),
                tokens[outcome].get<std::string>());
    ++checked;
  }
  EXPECT_GE(checked, 3);
}

}  // namespace
}  // namespace polycopy::polymarket::ctf
