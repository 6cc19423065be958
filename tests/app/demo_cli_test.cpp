// `polycopy demo`, the README's main job, run as a user runs it: it exits 0 and its report
// shows what the issue promises for the default scenario (orders and fills, a budget
// refusal, a breaker trip, LT beside FT PnL, pending redemptions), consistent with the
// database it leaves behind.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"
#include "store/store.hpp"

namespace polycopy::test {
namespace {

TEST(DemoCli, TheDefaultScenarioShowsEveryPartOfLiveTrading) {
  TempDir dir;
  const auto run = run_polycopy({"demo", "--dir", dir.path(), "--json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto report = nlohmann::json::parse(run.out);

  EXPECT_GT(report["source_trades"].get<std::int64_t>(), 0);
  EXPECT_GT(report["markets_resolved"].get<std::int64_t>(), 0);
  const auto& lt_reasons = report["evaluations"]["lt"]["by_reason"];
  EXPECT_GT(lt_reasons["accepted"].get<std::int64_t>(), 0);
  EXPECT_GT(report["orders"]["total"].get<std::int64_t>(), 0);
  EXPECT_GT(report["orders"]["fills"].get<std::int64_t>(), 0);
  EXPECT_TRUE(report["orders"]["fill_rate"].is_string());
  // The promised risk events: a budget refusal and a breaker trip, with its alert.
  EXPECT_GE(report["risk"]["budget_refusals"].get<std::int64_t>(), 1);
  ASSERT_FALSE(report["risk"]["breaker_trips"].empty());
  EXPECT_NE(report["risk"]["open_alerts"].dump().find("circuit_breaker_open"), std::string::npos);
  EXPECT_GT(report["pnl"]["lt"]["settled_positions"].get<std::int64_t>(), 0);
  EXPECT_TRUE(report["pnl"]["ft_same_trades"]["realised_pnl_usd"].is_string());
  EXPECT_TRUE(report["redemptions"]["pending"].is_number_integer());
  EXPECT_EQ(report["problems"].get<std::int64_t>(), 0) << run.err;
  EXPECT_NE(run.err.find("step"), std::string::npos) << "progress goes to stderr";

  // The report is read back from the database the demo leaves in --dir.
  auto store = store::open_sqlite_store(dir.file("polycopy.db")).value();
  const auto user = store->find_user_by_name("demo").value().value();
  const auto lt = store->list_lt_strategies(user.id).value();
  ASSERT_EQ(lt.size(), 1u);
  EXPECT_EQ(static_cast<std::int64_t>(store->list_orders(lt[0].id, {}).value().size()),
            report["orders"]["total"].get<std::int64_t>());
  EXPECT_TRUE(lt[0].paused) << "the breaker trip paused the live strategy";
}

TEST(DemoCli, RefusesAFolderThatAlreadyHoldsADatabase) {
  TempDir dir;
  ASSERT_EQ(run_polycopy({"migrate", "--db", dir.file("polycopy.db")}).exit_code, 0);
  const auto run = run_polycopy({"demo", "--dir", dir.path()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("exists"), std::string::npos) << run.err;
  EXPECT_EQ(run_polycopy({"demo", "--days", "0"}).exit_code, 2);
}

}  // namespace
}  // namespace polycopy::test
