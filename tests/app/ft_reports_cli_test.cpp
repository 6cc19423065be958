// `polycopy ft positions|signals|performance` end to end: the real binary on a database
// seeded through the Store port, printing the API's JSON.
#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "app/cli_runner.hpp"
#include "store/store.hpp"

namespace polycopy::test {
namespace {

using nlohmann::json;

std::string hex64(int n) {
  char buffer[67];
  std::snprintf(buffer, sizeof buffer, "0x%064x", n);
  return buffer;
}

core::Timestamp at_minute(int minute) {
  return core::from_unix_ms(1'795'635'000'000 + std::int64_t{minute} * 60'000);
}

class FtReportsCli : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("ft.db");
    ASSERT_EQ(run_polycopy({"user", "create", "alice", "--db", db_}).exit_code, 0);
    ASSERT_EQ(run_polycopy({"user", "create", "bob", "--db", db_}).exit_code, 0);
    const auto created = run_polycopy({"strategy", "create", "--user", "alice", "--type", "ft",
                                       "--json", R"({"name":"whales"})", "--db", db_});
    ASSERT_EQ(created.exit_code, 0) << created.err;
    ft_id_ = json::parse(created.out).at("id");
    seed();
  }

  // One accepted signal (A yes @0.40, bet 10 -> 25 shares, A resolves yes: +15) and one
  // trade_too_old rejection.
  void seed() {
    auto opened = store::open_sqlite_store(db_);
    ASSERT_TRUE(opened.ok()) << opened.error().to_string();
    auto& store = **opened;
    const std::string market = hex64(1);
    store::MarketRecord record;
    record.condition_id = market;
    record.question = "Will it?";
    record.updated_at = at_minute(0);
    ASSERT_TRUE(
        store.upsert_market(record, {{"101", market, 0, "Yes"}, {"102", market, 1, "No"}}).ok());
    std::vector<store::SourceTradeRecord> trades;
    for (int n = 1; n <= 2; ++n) {
      store::SourceTradeRecord t;
      t.trader_address = "0x" + std::string(40, 'c');
      t.tx_hash = hex64(100 + n);
      t.condition_id = market;
      t.token_id = "101";
      t.id = store::source_trade_id(t.tx_hash, t.token_id, t.trader_address);
      t.outcome_index = 0;
      t.price = core::Price::from_micros(400'000).value();
      t.size = core::Shares::from_micros(10'000'000);
      t.usd = core::Usd::from_micros(4'000'000);
      t.traded_at = t.received_at = at_minute(n);
      trades.push_back(t);
    }
    ASSERT_TRUE(store.insert_source_trades(trades).ok());
    store::FtOutcome accepted;
    accepted.signal = {
        "sig_1",      ft_id_,       trades[0].id,    true,
        std::nullopt, std::nullopt, trades[0].price, core::Usd::from_micros(10'000'000),
        std::nullopt, std::nullopt, at_minute(1)};
    store::PaperPositionRecord position;
    position.id = "pp_1";
    position.ft_strategy_id = ft_id_;
    position.source_trade_id = trades[0].id;
    position.condition_id = market;
    position.token_id = "101";
    position.entry_price = trades[0].price;
    position.shares = core::Shares::from_micros(25'000'000);
    position.cost = core::Usd::from_micros(10'000'000);
    position.opened_at = at_minute(1);
    accepted.position = position;
    store::FtOutcome rejected;
    rejected.signal = {"sig_2",         ft_id_,       trades[1].id, false,
                       "trade_too_old", "120 s old",  std::nullopt, std::nullopt,
                       std::nullopt,    std::nullopt, at_minute(2)};
    const auto recorded = store.record_ft_outcomes({accepted, rejected});
    ASSERT_TRUE(recorded.ok()) << recorded.error().to_string();
    ASSERT_TRUE(store.record_resolution({market, 0, 1, 0, 1, at_minute(10), at_minute(10)}).ok());
    ASSERT_TRUE(store.settle_resolved_paper_positions(at_minute(11)).ok());
  }

  CliResult run(std::vector<std::string> args) {
    args.insert(args.begin(), "ft");
    args.push_back("--db");
    args.push_back(db_);
    return run_polycopy(args);
  }

  TempDir dir_;
  std::string db_;
  std::string ft_id_;
};

TEST_F(FtReportsCli, PositionsPrintsTheApiJson) {
  const auto result = run({"positions", ft_id_, "--user", "alice", "--status", "resolved"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json body = json::parse(result.out);
  EXPECT_EQ(body.at("limit"), 100);
  EXPECT_EQ(body.at("offset"), 0);
  ASSERT_EQ(body.at("positions").size(), 1u);
  const json& position = body.at("positions")[0];
  EXPECT_EQ(position.at("id"), "pp_1");
  EXPECT_EQ(position.at("status"), "resolved");
  EXPECT_EQ(position.at("cost"), "10");
  EXPECT_EQ(position.at("payout"), "25");
  EXPECT_EQ(position.at("pnl"), "15");
  EXPECT_NE(result.out.find("\n  \""), std::string::npos);  // indented like dump(2)

  const auto open = run({"positions", ft_id_, "--user", "alice", "--status", "open"});
  ASSERT_EQ(open.exit_code, 0) << open.err;
  EXPECT_EQ(json::parse(open.out).at("positions"), json::array());
}

TEST_F(FtReportsCli, SignalsFiltersByReasonAndPages) {
  const auto result =
      run({"signals", ft_id_, "--user", "alice", "--reason", "trade_too_old", "--limit", "5"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json body = json::parse(result.out);
  EXPECT_EQ(body.at("limit"), 5);
  ASSERT_EQ(body.at("signals").size(), 1u);
  EXPECT_EQ(body.at("signals")[0].at("id"), "sig_2");
  EXPECT_EQ(body.at("signals")[0].at("reason"), "trade_too_old");
  EXPECT_EQ(body.at("signals")[0].at("detail"), "120 s old");

  const auto paged = run({"signals", ft_id_, "--user", "alice", "--limit", "1", "--offset", "1"});
  ASSERT_EQ(paged.exit_code, 0) << paged.err;
  ASSERT_EQ(json::parse(paged.out).at("signals").size(), 1u);
  EXPECT_EQ(json::parse(paged.out).at("signals")[0].at("id"), "sig_1");
}

TEST_F(FtReportsCli, PerformancePrintsTheSummary) {
  const auto result = run({"performance", ft_id_, "--user", "alice"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json body = json::parse(result.out);
  EXPECT_EQ(body.at("strategy_id"), ft_id_);
  EXPECT_EQ(body.at("cash"), "1015");
  EXPECT_EQ(body.at("realised_pnl"), "15");
  EXPECT_EQ(body.at("win_rate"), "1");
  EXPECT_EQ(body.at("roi"), "1.5");
  EXPECT_EQ(body.at("signals"), 2);
  EXPECT_EQ(body.at("by_reason"), (json{{"accepted", 1}, {"trade_too_old", 1}}));
}

TEST_F(FtReportsCli, ErrorsArePrintedWithTheirCode) {
  const auto foreign = run({"performance", ft_id_, "--user", "bob"});
  EXPECT_EQ(foreign.exit_code, 1);
  EXPECT_NE(foreign.err.find("error: strategy_not_found: "), std::string::npos) << foreign.err;
  EXPECT_TRUE(foreign.out.empty()) << foreign.out;

  const auto bad_reason = run({"signals", ft_id_, "--user", "alice", "--reason", "nope"});
  EXPECT_EQ(bad_reason.exit_code, 2);
  EXPECT_NE(bad_reason.err.find("error: invalid_query: reason"), std::string::npos)
      << bad_reason.err;

  const auto bad_limit = run({"positions", ft_id_, "--user", "alice", "--limit", "0"});
  EXPECT_EQ(bad_limit.exit_code, 2);
  EXPECT_NE(bad_limit.err.find("error: invalid_query: limit"), std::string::npos) << bad_limit.err;

  const auto nobody = run({"positions", ft_id_, "--user", "nobody"});
  EXPECT_EQ(nobody.exit_code, 1);
  EXPECT_NE(nobody.err.find("user_not_found"), std::string::npos) << nobody.err;
}

}  // namespace
}  // namespace polycopy::test
