// `polycopy lt orders|positions|performance|execution-quality|redemptions` end to end: the
// real binary on a database seeded through the Store port (and the risk manager's
// reservations, as the engine would), printing the API's JSON.
#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <tuple>

#include "app/cli_runner.hpp"
#include "core/clock.hpp"
#include "risk/risk_manager.hpp"
#include "store/store.hpp"

namespace polycopy::test {
namespace {

using nlohmann::json;

std::string hex64(int n) {
  char buffer[67];
  std::snprintf(buffer, sizeof buffer, "0x%064x", n);
  return buffer;
}

core::Timestamp at_ms(std::int64_t ms) {
  return core::from_unix_ms(1'795'635'000'000 + ms);
}

core::Price price(std::int64_t micros) {
  return core::Price::from_micros(micros).value();
}

class LtReportsCli : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("lt.db");
    ASSERT_EQ(run_polycopy({"user", "create", "alice", "--db", db_}).exit_code, 0);
    ASSERT_EQ(run_polycopy({"user", "create", "bob", "--db", db_}).exit_code, 0);
    const auto ft = run_polycopy({"strategy", "create", "--user", "alice", "--type", "ft", "--json",
                                  R"({"name":"whales"})", "--db", db_});
    ASSERT_EQ(ft.exit_code, 0) << ft.err;
    const std::string ft_id = json::parse(ft.out).at("id");
    const auto lt = run_polycopy({"strategy", "create", "--user", "alice", "--type", "lt", "--json",
                                  json{{"name", "live whales"}, {"ft_strategy_id", ft_id}}.dump(),
                                  "--db", db_});
    ASSERT_EQ(lt.exit_code, 0) << lt.err;
    lt_id_ = json::parse(lt.out).at("id");
    add_wallet();
    if (HasFatalFailure()) return;
    const auto resumed =
        run_polycopy({"strategy", "resume", lt_id_, "--user", "alice", "--db", db_});
    ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
    seed();
  }

  void add_wallet() {
    auto store = store::open_sqlite_store(db_).value();
    store::Wallet wallet;
    wallet.id = "wal_cli";
    wallet.user_id = store->find_user_by_name("alice").value()->id;
    wallet.address = "0x" + std::string(40, '1');
    wallet.created_at = at_ms(0);
    ASSERT_TRUE(store->insert_wallet(wallet).ok());
    const auto updated = run_polycopy({"strategy", "update", lt_id_, "--user", "alice", "--json",
                                       R"({"wallet_id":"wal_cli"})", "--db", db_});
    ASSERT_EQ(updated.exit_code, 0) << updated.err;
  }

  // ord_1: 10 @ limit 0.50 (signal 0.48): 2 @0.49 after 2 s, 3 @0.50 after 4 s (fee 0.02).
  // ord_2: 5 @ limit 0.50, cancelled unfilled.
  void seed() {
    auto opened = store::open_sqlite_store(db_);
    ASSERT_TRUE(opened.ok()) << opened.error().to_string();
    auto& store = **opened;
    const std::string market = hex64(1);
    store::MarketRecord record;
    record.condition_id = market;
    record.question = "Will it?";
    record.updated_at = at_ms(0);
    ASSERT_TRUE(
        store.upsert_market(record, {{"101", market, 0, "Yes"}, {"102", market, 1, "No"}}).ok());
    core::ManualClock clock(at_ms(0));
    risk::RiskManager manager(store, clock);
    for (int n = 1; n <= 2; ++n) {
      risk::OrderRequest request;
      request.condition_id = market;
      request.token_id = "101";
      request.limit_price = price(500'000);
      request.size = core::Shares::from_micros(n == 1 ? 10'000'000 : 5'000'000);
      request.asks = {
          risk::AskLevel{request.limit_price, core::Shares::from_micros(1'000'000'000)}};
      const auto reserved = manager.check_and_reserve(lt_id_, request);
      ASSERT_TRUE(reserved.ok()) << reserved.error().to_string();
      ASSERT_TRUE(reserved->reservation_id);
      store::OrderRecord o;
      o.id = "ord_" + std::to_string(n);
      o.lt_strategy_id = lt_id_;
      o.idempotency_key = store::order_idempotency_key(lt_id_, o.id);
      o.token_id = "101";
      o.limit_price = request.limit_price;
      o.size = request.size;
      o.signal_price = price(480'000);
      o.created_at = o.updated_at = at_ms(n * 60'000);
      ASSERT_TRUE(store.insert_order_intent(o, *reserved->reservation_id).ok());
      ASSERT_TRUE(store.mark_order_submitted(o.id, "0xv" + std::to_string(n), o.created_at).ok());
    }
    for (const auto& [trade, size, fill_price, after, fee] :
         {std::tuple{"vt_a", 2'000'000, 490'000, 2'000, 0},
          std::tuple{"vt_b", 3'000'000, 500'000, 4'000, 20'000}}) {
      store::VenueFill f;
      f.id = std::string("fil_") + trade;
      f.venue_trade_id = trade;
      f.price = price(fill_price);
      f.size = core::Shares::from_micros(size);
      f.fee = core::Usd::from_micros(fee);
      f.filled_at = at_ms(60'000 + after);
      const auto recorded = store.record_order_fill("ord_1", f, f.filled_at);
      ASSERT_TRUE(recorded.ok()) << recorded.error().to_string();
    }
    ASSERT_TRUE(
        store.end_order("ord_2", store::OrderState::cancelled, std::nullopt, at_ms(200'000)).ok());
  }

  CliResult run(std::vector<std::string> args) {
    args.insert(args.begin(), "lt");
    args.push_back("--db");
    args.push_back(db_);
    return run_polycopy(args);
  }

  TempDir dir_;
  std::string db_;
  std::string lt_id_;
};

TEST_F(LtReportsCli, OrdersPrintTheApiJson) {
  const auto result = run({"orders", lt_id_, "--user", "alice", "--state", "partially_filled"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json body = json::parse(result.out);
  EXPECT_EQ(body.at("total"), 1);
  ASSERT_EQ(body.at("orders").size(), 1u);
  const json& order = body.at("orders")[0];
  EXPECT_EQ(order.at("id"), "ord_1");
  EXPECT_EQ(order.at("filled_size"), "5");
  ASSERT_EQ(order.at("fills").size(), 2u);
  EXPECT_EQ(order.at("fills")[1].at("fee"), "0.02");
  EXPECT_NE(result.out.find("\n  \""), std::string::npos);  // indented like dump(2)

  const auto paged = run({"orders", lt_id_, "--user", "alice", "--limit", "1"});
  ASSERT_EQ(paged.exit_code, 0) << paged.err;
  EXPECT_EQ(json::parse(paged.out).at("orders")[0].at("id"), "ord_2");  // newest first
}

TEST_F(LtReportsCli, ExecutionQualityPrintsTheSummary) {
  const auto result = run({"execution-quality", lt_id_, "--user", "alice"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json body = json::parse(result.out);
  const json& summary = body.at("summary");
  EXPECT_EQ(summary.at("orders"), 2);
  EXPECT_EQ(summary.at("fill_rate"), "0.333333");  // 5 of 15 shares
  EXPECT_EQ(summary.at("filled_cost"), "2.48");    // 0.98 + 1.50
  EXPECT_EQ(summary.at("fees"), "0.02");
  // (2.48 - 0.48 x 5) / 5 = 0.016.
  EXPECT_EQ(summary.at("average_slippage_vs_signal"), "0.016");
  EXPECT_EQ(summary.at("latency_p50_ms"), 2'000);
  const json& first = body.at("orders")[1];
  EXPECT_EQ(first.at("order_id"), "ord_1");
  EXPECT_EQ(first.at("average_fill_price"), "0.496");
  EXPECT_EQ(first.at("fill_rate"), "0.5");
}

TEST_F(LtReportsCli, PositionsPerformanceAndRedemptions) {
  const auto positions = run({"positions", lt_id_, "--user", "alice", "--status", "open"});
  ASSERT_EQ(positions.exit_code, 0) << positions.err;
  const json open = json::parse(positions.out).at("positions");
  ASSERT_EQ(open.size(), 1u) << positions.out;
  EXPECT_EQ(open[0].at("shares"), "5");
  EXPECT_EQ(open[0].at("cost"), "2.48");

  const auto performance = run({"performance", lt_id_, "--user", "alice"});
  ASSERT_EQ(performance.exit_code, 0) << performance.err;
  const json body = json::parse(performance.out);
  EXPECT_EQ(body.at("lt").at("open_positions"), 1);
  EXPECT_EQ(body.at("lt").at("open_cost"), "2.48");
  EXPECT_EQ(body.at("ft").at("cash"), "1000");

  const auto redemptions = run({"redemptions", lt_id_, "--user", "alice"});
  ASSERT_EQ(redemptions.exit_code, 0) << redemptions.err;
  EXPECT_EQ(json::parse(redemptions.out).at("redemptions"), json::array());
}

TEST_F(LtReportsCli, ErrorsArePrintedWithTheirCode) {
  const auto foreign = run({"orders", lt_id_, "--user", "bob"});
  EXPECT_EQ(foreign.exit_code, 1);
  EXPECT_NE(foreign.err.find("error: strategy_not_found: "), std::string::npos) << foreign.err;
  EXPECT_TRUE(foreign.out.empty()) << foreign.out;

  const auto bad_state = run({"orders", lt_id_, "--user", "alice", "--state", "done"});
  EXPECT_EQ(bad_state.exit_code, 2);
  EXPECT_NE(bad_state.err.find("error: invalid_query: state"), std::string::npos) << bad_state.err;

  const auto bad_status = run({"positions", lt_id_, "--user", "alice", "--status", "won"});
  EXPECT_EQ(bad_status.exit_code, 2);
  EXPECT_NE(bad_status.err.find("error: invalid_query: status"), std::string::npos)
      << bad_status.err;

  const auto bad_limit = run({"execution-quality", lt_id_, "--user", "alice", "--limit", "0"});
  EXPECT_EQ(bad_limit.exit_code, 2);
  EXPECT_NE(bad_limit.err.find("error: invalid_query: limit"), std::string::npos) << bad_limit.err;

  const auto nobody = run({"redemptions", lt_id_, "--user", "nobody"});
  EXPECT_EQ(nobody.exit_code, 1);
  EXPECT_NE(nobody.err.find("user_not_found"), std::string::npos) << nobody.err;
}

}  // namespace
}  // namespace polycopy::test
