// `polycopy polymarket parse --kind K FILE` end to end: normalised JSON on stdout and exit 0,
// or exit 2 with {"error":{"code","message"}} on stderr.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "app/cli_runner.hpp"
#include "polymarket/parse_fixtures.hpp"

namespace polycopy::test {
namespace {

nlohmann::json error_of(const CliResult& r) {
  return nlohmann::json::parse(r.err).at("error");
}

TEST(PolymarketParseCli, PrintsNormalisedJson) {
  const auto path = (fixtures_dir() / "data_trades/swift_trades_market_spain_2026.json").string();
  const auto r = run_polycopy({"polymarket", "parse", "--kind", "data_trades", path});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto out = nlohmann::json::parse(r.out);
  EXPECT_EQ(out.at("kind"), "data_trades");
  ASSERT_EQ(out.at("items").size(), 2u);
  EXPECT_EQ(out.at("items")[0].at("price"), "0.765");
  EXPECT_EQ(out.at("items")[0].at("size"), "15");
  EXPECT_EQ(out.at("items")[0].at("timestamp_s"), 1783008527);
  EXPECT_EQ(out.at("items")[0].at("token_id"),
            "110474601866909537724044216141585040787927916157559633438159999666255694855775");
}

TEST(PolymarketParseCli, GammaResolutionAndCompactOutput) {
  const auto path = (fixtures_dir() / "gamma_markets/nautilus_sports_map_handicap.json").string();
  const auto r =
      run_polycopy({"polymarket", "parse", "--kind", "gamma_markets", "--compact", path});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1);
  const auto market = nlohmann::json::parse(r.out).at("items")[0];
  EXPECT_EQ(market.at("resolution").at("state"), "resolved");
  EXPECT_EQ(market.at("resolution").at("winner_outcome"), "FaZe");
}

TEST(PolymarketParseCli, EveryFixtureKindRunsThroughTheBinary) {
  for (const char* kind :
       {"gamma_events", "data_positions", "data_activity", "data_leaderboard", "clob_book",
        "clob_price", "clob_market", "clob_order_post", "clob_trades", "ws_market", "ws_user"}) {
    const auto dir = fixtures_dir() / kind;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      const auto r = run_polycopy({"polymarket", "parse", "--kind", kind, entry.path().string()});
      EXPECT_EQ(r.exit_code, 0) << entry.path() << ": " << r.err;
    }
  }
}

TEST(PolymarketParseCli, BadPayloadExitsTwoWithReasonCode) {
  const std::string bad =
      R"([{"proxyWallet":"0x0f3433d8b7596000bf1046aa822308d93cf67684","side":"BUY",)"
      R"("asset":"1","conditionId":"0xc5943cca27ce657f519619520b1664829b1209f9a5ef9266be7f2954be1b0260",)"
      R"("size":15,"price":1.5,"timestamp":1783008527}])";
  const auto r = run_polycopy({"polymarket", "parse", "--kind", "data_trades", "-"}, {}, bad);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(r.out.empty());
  const auto error = error_of(r);
  EXPECT_EQ(error.at("code"), "price_out_of_range");
  EXPECT_NE(error.at("message").get<std::string>().find("[0].price"), std::string::npos);

  const auto utf8 = run_polycopy({"polymarket", "parse", "--kind", "ws_market", "-"}, {},
                                 "{\"event_type\":\"b\xFF\"}");
  EXPECT_EQ(utf8.exit_code, 2);
  EXPECT_EQ(error_of(utf8).at("code"), "invalid_utf8");
}

TEST(PolymarketParseCli, UnknownKindAndMissingFile) {
  const auto kind = run_polycopy({"polymarket", "parse", "--kind", "nope", "/dev/null"});
  EXPECT_EQ(kind.exit_code, 2);
  EXPECT_EQ(error_of(kind).at("code"), "unknown_kind");

  const auto file = run_polycopy(
      {"polymarket", "parse", "--kind", "clob_book", "/nonexistent/polycopy/book.json"});
  EXPECT_EQ(file.exit_code, 2);
  EXPECT_EQ(error_of(file).at("code"), "file_not_readable");

  EXPECT_EQ(run_polycopy({"polymarket", "parse", "--kind", "clob_book"}).exit_code, 2);
}

}  // namespace
}  // namespace polycopy::test
