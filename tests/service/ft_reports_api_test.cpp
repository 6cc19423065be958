// The forward-testing reports (GET /api/ft/strategies/{id}/positions, /signals,
// /performance) over a real socket, with a real SQLite store seeded through the Store port.
#include <gtest/gtest.h>

#include <cstdio>

#include "service/api_fixture.hpp"
#include "service/ft_report_service.hpp"

namespace polycopy::testing {
namespace {

using core::Price;
using core::Ratio;
using core::Shares;
using core::Usd;
using nlohmann::json;

constexpr std::int64_t kStartMs = 1'795'635'000'000;  // 2026-11-25T19:30:00Z

std::string hex64(int n) {
  char buffer[67];
  std::snprintf(buffer, sizeof buffer, "0x%064x", n);
  return buffer;
}

const std::string kTrader = "0x" + std::string(40, 'b');

core::Timestamp at_minute(int minute) {
  return core::from_unix_ms(kStartMs + std::int64_t{minute} * 60'000);
}

Usd usd(std::int64_t micros) {
  return Usd::from_micros(micros);
}

Price price(std::int64_t micros) {
  return Price::from_micros(micros).value();
}

// Markets A, B, C (condition hex64(1..3)), each with tokens "<n>01" (index 0) and "<n>02".
std::string market_id(int n) {
  return hex64(n);
}
std::string token_id(int market, int index) {
  return std::to_string(market) + "0" + std::to_string(index + 1);
}

class FtReportsApi : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    if (HasFatalFailure()) return;
    ft_id_ = create_ft(alice_key_)["id"];
    for (int n = 1; n <= 3; ++n) {
      store::MarketRecord market;
      market.condition_id = market_id(n);
      market.question = "Market " + std::to_string(n) + "?";
      market.updated_at = at_minute(0);
      const auto upserted =
          store_->upsert_market(market, {{token_id(n, 0), market.condition_id, 0, "Yes"},
                                         {token_id(n, 1), market.condition_id, 1, "No"}});
      ASSERT_TRUE(upserted.ok()) << upserted.error().to_string();
    }
    seed();
  }

  // One source trade per signal, tx hash hex64(100 + n).
  store::SourceTradeRecord trade(int n, int market, int index, std::int64_t price_micros) {
    store::SourceTradeRecord t;
    t.trader_address = kTrader;
    t.tx_hash = hex64(100 + n);
    t.condition_id = market_id(market);
    t.token_id = token_id(market, index);
    t.id = store::source_trade_id(t.tx_hash, t.token_id, t.trader_address);
    t.outcome = index == 0 ? "Yes" : "No";
    t.outcome_index = index;
    t.price = price(price_micros);
    t.size = Shares::from_micros(100'000'000);
    t.usd = usd(100 * price_micros);
    t.traded_at = at_minute(n);
    t.received_at = at_minute(n);
    return t;
  }

  store::FtOutcome accepted(const store::SourceTradeRecord& t, int minute, std::int64_t bet_micros,
                            std::int64_t shares_micros) {
    store::FtOutcome outcome;
    auto& s = outcome.signal;
    s.id = "sig_" + std::to_string(minute);
    s.ft_strategy_id = ft_id_;
    s.source_trade_id = t.id;
    s.accepted = true;
    s.entry_price = t.price;
    s.bet_usd = usd(bet_micros);
    s.edge = Ratio::from_micros(50'000);
    s.conviction = Ratio::from_micros(1'500'000);
    s.evaluated_at = at_minute(minute);
    store::PaperPositionRecord p;
    p.id = "pp_" + std::to_string(minute);
    p.ft_strategy_id = ft_id_;
    p.source_trade_id = t.id;
    p.condition_id = t.condition_id;
    p.token_id = t.token_id;
    p.outcome_index = *t.outcome_index;
    p.entry_price = t.price;
    p.shares = Shares::from_micros(shares_micros);
    p.cost = usd(bet_micros);
    p.opened_at = at_minute(minute);
    outcome.position = p;
    return outcome;
  }

  store::FtOutcome rejected(const store::SourceTradeRecord& t, int minute, std::string reason) {
    store::FtOutcome outcome;
    auto& s = outcome.signal;
    s.id = "sig_" + std::to_string(minute);
    s.ft_strategy_id = ft_id_;
    s.source_trade_id = t.id;
    s.accepted = false;
    s.reason_code = std::move(reason);
    s.detail = "detail " + std::to_string(minute);
    s.entry_price = t.price;
    s.evaluated_at = at_minute(minute);
    return outcome;
  }

  // The hand-computed book (starting cash 1000):
  //   minute 1: A yes @0.40, bet 10 -> 25 shares; A resolves yes: payout 25, pnl +15
  //   minute 2: A no  @0.50, bet 6  -> 12 shares; loses: payout 0, pnl -6
  //   minute 3: B yes @0.25, bet 4  -> 16 shares; stays open
  //   minute 4: C yes @0.30, bet 3  -> 10 shares; C resolves no: payout 0, pnl -3
  //   minutes 5, 6: trade_too_old; minute 7: price_out_of_range
  void seed() {
    const std::vector<store::SourceTradeRecord> trades{
        trade(1, 1, 0, 400'000), trade(2, 1, 1, 500'000), trade(3, 2, 0, 250'000),
        trade(4, 3, 0, 300'000), trade(5, 2, 1, 700'000), trade(6, 3, 1, 650'000),
        trade(7, 2, 0, 990'000)};
    const auto inserted = store_->insert_source_trades(trades);
    ASSERT_TRUE(inserted.ok()) << inserted.error().to_string();
    const auto recorded = store_->record_ft_outcomes({
        accepted(trades[0], 1, 10'000'000, 25'000'000),
        accepted(trades[1], 2, 6'000'000, 12'000'000),
        accepted(trades[2], 3, 4'000'000, 16'000'000),
        accepted(trades[3], 4, 3'000'000, 10'000'000),
        rejected(trades[4], 5, "trade_too_old"),
        rejected(trades[5], 6, "trade_too_old"),
        rejected(trades[6], 7, "price_out_of_range"),
    });
    ASSERT_TRUE(recorded.ok()) << recorded.error().to_string();
    for (const auto& [market, winner] : {std::pair{1, 0}, std::pair{3, 1}}) {
      const auto resolved =
          store_->record_resolution({market_id(market), winner, winner == 0 ? 1 : 0,
                                     winner == 1 ? 1 : 0, 1, at_minute(30), at_minute(31)});
      ASSERT_TRUE(resolved.ok()) << resolved.error().to_string();
    }
    const auto settled = store_->settle_resolved_paper_positions(at_minute(32));
    ASSERT_TRUE(settled.ok()) << settled.error().to_string();
    EXPECT_EQ(*settled, 3);
  }

  ClientResponse get(const std::string& report, const std::string& query = "",
                     const std::string& key = "") {
    const std::string target =
        "/api/ft/strategies/" + ft_id_ + "/" + report + (query.empty() ? "" : "?" + query);
    return client_->get(target, key.empty() ? alice_key_ : key);
  }

  static std::vector<std::string> ids(const json& items) {
    std::vector<std::string> out;
    for (const auto& item : items) out.push_back(item.at("id"));
    return out;
  }

  std::string ft_id_;
};

TEST_F(FtReportsApi, PositionsRenderEveryFieldNewestFirst) {
  const auto response = get("positions");
  ASSERT_EQ(response.status, 200) << response.body;
  const json body = response.json();
  EXPECT_EQ(body.at("limit"), 100);
  EXPECT_EQ(body.at("offset"), 0);
  EXPECT_EQ(ids(body.at("positions")), (std::vector<std::string>{"pp_4", "pp_3", "pp_2", "pp_1"}));
  const auto t1 = trade(1, 1, 0, 400'000);
  EXPECT_EQ(body.at("positions")[3], (json{{"id", "pp_1"},
                                           {"source_trade_id", t1.id},
                                           {"condition_id", market_id(1)},
                                           {"token_id", "101"},
                                           {"outcome_index", 0},
                                           {"entry_price", "0.4"},
                                           {"shares", "25"},
                                           {"cost", "10"},
                                           {"status", "resolved"},
                                           {"payout", "25"},
                                           {"pnl", "15"},
                                           {"opened_at", "2026-11-25T19:31:00.000Z"},
                                           {"resolved_at", "2026-11-25T20:02:00.000Z"}}));
  const json open = body.at("positions")[1];
  EXPECT_EQ(open.at("status"), "open");
  EXPECT_EQ(open.at("entry_price"), "0.25");
  EXPECT_EQ(open.at("shares"), "16");
  EXPECT_EQ(open.at("payout"), nullptr);
  EXPECT_EQ(open.at("pnl"), nullptr);
  EXPECT_EQ(open.at("resolved_at"), nullptr);
  const json lost = body.at("positions")[2];
  EXPECT_EQ(lost.at("outcome_index"), 1);
  EXPECT_EQ(lost.at("payout"), "0");
  EXPECT_EQ(lost.at("pnl"), "-6");
}

TEST_F(FtReportsApi, PositionsFilterByStatusAndPage) {
  const auto open = get("positions", "status=open");
  ASSERT_EQ(open.status, 200) << open.body;
  EXPECT_EQ(ids(open.json().at("positions")), (std::vector<std::string>{"pp_3"}));
  const auto resolved = get("positions", "status=resolved");
  ASSERT_EQ(resolved.status, 200) << resolved.body;
  EXPECT_EQ(ids(resolved.json().at("positions")),
            (std::vector<std::string>{"pp_4", "pp_2", "pp_1"}));
  const auto page = get("positions", "status=resolved&limit=2&offset=1");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(ids(page.json().at("positions")), (std::vector<std::string>{"pp_2", "pp_1"}));
  EXPECT_EQ(page.json().at("limit"), 2);
  EXPECT_EQ(page.json().at("offset"), 1);
  const auto past_end = get("positions", "offset=10");
  ASSERT_EQ(past_end.status, 200);
  EXPECT_EQ(past_end.json().at("positions"), json::array());
}

TEST_F(FtReportsApi, SignalsRenderEveryFieldNewestFirst) {
  const auto response = get("signals");
  ASSERT_EQ(response.status, 200) << response.body;
  const json body = response.json();
  EXPECT_EQ(ids(body.at("signals")), (std::vector<std::string>{"sig_7", "sig_6", "sig_5", "sig_4",
                                                               "sig_3", "sig_2", "sig_1"}));
  EXPECT_EQ(body.at("signals")[6], (json{{"id", "sig_1"},
                                         {"source_trade_id", trade(1, 1, 0, 400'000).id},
                                         {"accepted", true},
                                         {"reason", nullptr},
                                         {"detail", nullptr},
                                         {"entry_price", "0.4"},
                                         {"bet", "10"},
                                         {"edge", "0.05"},
                                         {"conviction", "1.5"},
                                         {"evaluated_at", "2026-11-25T19:31:00.000Z"}}));
  EXPECT_EQ(body.at("signals")[0], (json{{"id", "sig_7"},
                                         {"source_trade_id", trade(7, 2, 0, 990'000).id},
                                         {"accepted", false},
                                         {"reason", "price_out_of_range"},
                                         {"detail", "detail 7"},
                                         {"entry_price", "0.99"},
                                         {"bet", nullptr},
                                         {"edge", nullptr},
                                         {"conviction", nullptr},
                                         {"evaluated_at", "2026-11-25T19:37:00.000Z"}}));
}

TEST_F(FtReportsApi, SignalsFilterByReasonAndPage) {
  const auto too_old = get("signals", "reason=trade_too_old");
  ASSERT_EQ(too_old.status, 200) << too_old.body;
  EXPECT_EQ(ids(too_old.json().at("signals")), (std::vector<std::string>{"sig_6", "sig_5"}));
  const auto accepted = get("signals", "reason=accepted&limit=3");
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(ids(accepted.json().at("signals")),
            (std::vector<std::string>{"sig_4", "sig_3", "sig_2"}));
  const auto next = get("signals", "reason=accepted&limit=3&offset=3");
  ASSERT_EQ(next.status, 200) << next.body;
  EXPECT_EQ(ids(next.json().at("signals")), (std::vector<std::string>{"sig_1"}));
  const auto none = get("signals", "reason=insufficient_cash");
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_EQ(none.json().at("signals"), json::array());
  const auto page = get("signals", "limit=2&offset=2");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(ids(page.json().at("signals")), (std::vector<std::string>{"sig_5", "sig_4"}));
}

TEST_F(FtReportsApi, PerformanceMatchesTheHandComputedBook) {
  const auto response = get("performance");
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(
      response.json(),
      (json{{"strategy_id", ft_id_},
            {"starting_cash", "1000"},
            {"cash", "1002"},  // 1000 - 23 + 25
            {"open_cost", "4"},
            {"realised_pnl", "6"},  // 15 - 6 - 3
            {"resolved_cost", "19"},
            {"resolved_payout", "25"},
            {"open_positions", 1},
            {"resolved_positions", 3},
            {"winning_positions", 1},
            {"losing_positions", 2},
            {"win_rate", "0.333333"},  // 1/3 rounded down
            {"roi", "0.315789"},       // 6/19 = 0.3157894...
            {"signals", 7},
            {"by_reason", {{"accepted", 4}, {"price_out_of_range", 1}, {"trade_too_old", 2}}}}));
}

TEST_F(FtReportsApi, PerformanceOfAFreshStrategyHasNullRatios) {
  const std::string fresh = create_ft(alice_key_, "Fresh")["id"];
  const auto response = client_->get("/api/ft/strategies/" + fresh + "/performance", alice_key_);
  ASSERT_EQ(response.status, 200) << response.body;
  const json body = response.json();
  EXPECT_EQ(body.at("cash"), "1000");
  EXPECT_EQ(body.at("resolved_positions"), 0);
  EXPECT_EQ(body.at("win_rate"), nullptr);
  EXPECT_EQ(body.at("roi"), nullptr);
  EXPECT_EQ(body.at("signals"), 0);
  EXPECT_EQ(body.at("by_reason"), json::object());
}

TEST_F(FtReportsApi, AnotherUsersOrAnUnknownStrategyIsNotFound) {
  for (const char* report : {"positions", "signals", "performance"}) {
    const auto foreign = get(report, "", bob_key_);
    EXPECT_EQ(foreign.status, 404) << report;
    EXPECT_EQ(foreign.error_code(), "strategy_not_found") << report;
    const auto unknown =
        client_->get(std::string("/api/ft/strategies/ft_nope/") + report, alice_key_);
    EXPECT_EQ(unknown.status, 404) << report;
    EXPECT_EQ(unknown.error_code(), "strategy_not_found") << report;
  }
}

TEST_F(FtReportsApi, ReportsNeedAnApiKey) {
  const auto response = client_->request("GET", "/api/ft/strategies/" + ft_id_ + "/performance");
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(response.error_code(), "unauthorized");
}

TEST_F(FtReportsApi, BadQueriesAreRefusedNamingTheParameter) {
  const std::vector<std::tuple<std::string, std::string, std::string>> cases{
      {"positions", "limit=0", "limit"},
      {"positions", "limit=1001", "limit"},
      {"positions", "limit=abc", "limit"},
      {"positions", "limit=-1", "limit"},
      {"positions", "limit=", "limit"},
      {"positions", "limit=99999999999999999999999", "limit"},
      {"signals", "offset=-1", "offset"},
      {"signals", "offset=1.5", "offset"},
      {"positions", "status=closed", "status"},
      {"signals", "reason=no_such_reason", "reason"},
      {"signals", "reason=ACCEPTED", "reason"},
      {"signals", "status=open", "status"},
      {"positions", "reason=accepted", "reason"},
      {"positions", "sort=asc", "sort"},
      {"performance", "limit=5", "limit"},
      {"signals", "limit=2&limit=3", "limit"},
  };
  for (const auto& [report, query, parameter] : cases) {
    const auto response = get(report, query);
    EXPECT_EQ(response.status, 400) << report << "?" << query << ": " << response.body;
    EXPECT_EQ(response.error_code(), "invalid_query") << report << "?" << query;
    EXPECT_NE(response.json()["error"]["message"].get<std::string>().find(parameter),
              std::string::npos)
        << report << "?" << query << ": " << response.body;
  }
  EXPECT_EQ(get("positions", "limit=1000").status, 200);
  EXPECT_EQ(get("positions", "limit=1").status, 200);
}

TEST(FtReportJson, RoiRoundsTowardZeroAndWinRateDown) {
  store::FtPerformanceRecord record;
  record.starting_cash = Usd::from_micros(100'000'000);
  record.resolved_cost = Usd::from_micros(3'000'000);
  record.resolved_payout = Usd::from_micros(2'000'000);
  record.realised_pnl = Usd::from_micros(-1'000'000);
  record.resolved_positions = 3;
  record.winning_positions = 2;
  record.losing_positions = 1;
  const json body = service::to_json("ft_x", record);
  EXPECT_EQ(body.at("roi"), "-0.333333");  // -1/3: toward zero, not -0.333334
  EXPECT_EQ(body.at("win_rate"), "0.666666");
  record.realised_pnl = Usd::from_micros(2'000'000);
  EXPECT_EQ(service::to_json("ft_x", record).at("roi"), "0.666666");
}

TEST(FtReportQuery, KnowsEveryReasonCodeAndAccepted) {
  EXPECT_TRUE(service::is_known_signal_reason("accepted"));
  EXPECT_TRUE(service::is_known_signal_reason("trade_too_old"));
  EXPECT_TRUE(service::is_known_signal_reason("insufficient_cash"));
  EXPECT_FALSE(service::is_known_signal_reason("rejected"));
  EXPECT_FALSE(service::is_known_signal_reason(""));
}

}  // namespace
}  // namespace polycopy::testing
