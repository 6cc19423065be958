// The live-trading reports (GET /api/lt/strategies/{id}/orders, /positions, /performance,
// /execution-quality, /redemptions) over a real socket, with a real SQLite store seeded
// through the Store port as the engine would: reservations from the risk manager, order
// intents bound to them, venue ids and fills.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>

#include "risk/risk_manager.hpp"
#include "service/api_fixture.hpp"

namespace polycopy::testing {
namespace {

using core::Price;
using core::Shares;
using core::Usd;
using nlohmann::json;
using store::OrderState;

constexpr std::int64_t kStartMs = 1'795'635'000'000;  // 2026-11-25T19:30:00Z

std::string hex64(int n) {
  char buffer[67];
  std::snprintf(buffer, sizeof buffer, "0x%064x", n);
  return buffer;
}

const std::string kTrader = "0x" + std::string(40, 'b');
const std::string kMarket = hex64(1);
const std::string kYes = "101";
const std::string kNo = "102";

core::Timestamp at_ms(std::int64_t ms) {
  return core::from_unix_ms(kStartMs + ms);
}
core::Timestamp at_minute(int minute) {
  return at_ms(std::int64_t{minute} * 60'000);
}

Price price(std::int64_t micros) {
  return Price::from_micros(micros).value();
}

class LtReportsApi : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    if (HasFatalFailure()) return;
    ft_id_ = create_ft(alice_key_)["id"];
    lt_id_ = create_lt(alice_key_, ft_id_)["id"];
    const std::string wallet = add_wallet(alice_id_);
    ASSERT_EQ(
        client_->patch("/api/lt/strategies/" + lt_id_, alice_key_, {{"wallet_id", wallet}}).status,
        200);
    ASSERT_EQ(client_
                  ->request("POST", "/api/lt/strategies/" + lt_id_ + "/resume", "",
                            {{"authorization", "Bearer " + alice_key_}})
                  .status,
              200);
    store::MarketRecord market;
    market.condition_id = kMarket;
    market.question = "Will it?";
    market.updated_at = at_minute(0);
    const auto upserted =
        store_->upsert_market(market, {{kYes, kMarket, 0, "Yes"}, {kNo, kMarket, 1, "No"}});
    ASSERT_TRUE(upserted.ok()) << upserted.error().to_string();
    seed();
  }

  store::SourceTradeRecord trade(int n) {
    store::SourceTradeRecord t;
    t.trader_address = kTrader;
    t.tx_hash = hex64(100 + n);
    t.condition_id = kMarket;
    t.token_id = kYes;
    t.id = store::source_trade_id(t.tx_hash, t.token_id, t.trader_address);
    t.outcome = "Yes";
    t.outcome_index = 0;
    t.price = price(490'000);
    t.size = Shares::from_micros(100'000'000);
    t.usd = Usd::from_micros(49'000'000);
    t.traded_at = t.received_at = at_minute(n);
    return t;
  }

  // Reserves through the risk manager and writes the intent bound to that reservation.
  void place(int n, const std::string& source_trade, const std::string& token,
             std::int64_t size_micros, std::int64_t limit_micros, std::int64_t signal_micros) {
    clock_.set(at_minute(n));
    risk::RiskManager manager(*store_, clock_);
    risk::OrderRequest request;
    request.condition_id = kMarket;
    request.token_id = token;
    request.limit_price = price(limit_micros);
    request.size = Shares::from_micros(size_micros);
    request.asks = {risk::AskLevel{request.limit_price, Shares::from_micros(1'000'000'000)}};
    const auto reserved = manager.check_and_reserve(lt_id_, request);
    ASSERT_TRUE(reserved.ok()) << reserved.error().to_string();
    ASSERT_TRUE(reserved->reservation_id) << reserved->refusal->message;
    store::OrderRecord o;
    o.id = "ord_" + std::to_string(n);
    o.lt_strategy_id = lt_id_;
    o.source_trade_id = source_trade;
    o.idempotency_key = store::order_idempotency_key(lt_id_, source_trade);
    o.token_id = token;
    o.limit_price = request.limit_price;
    o.size = request.size;
    o.signal_price = price(signal_micros);
    o.expires_at = at_minute(n + 10);
    o.created_at = o.updated_at = at_minute(n);
    const auto inserted = store_->insert_order_intent(o, *reserved->reservation_id);
    ASSERT_TRUE(inserted.ok()) << inserted.error().to_string();
    const auto submitted =
        store_->mark_order_submitted(o.id, "0xvenue" + std::to_string(n), at_minute(n));
    ASSERT_TRUE(submitted.ok()) << submitted.error().to_string();
  }

  void fill(int n, const std::string& trade_id, std::int64_t size_micros, std::int64_t price_micros,
            std::int64_t after_ms, std::int64_t fee_micros = 0) {
    store::VenueFill f;
    f.id = "fil_" + trade_id;
    f.venue_trade_id = trade_id;
    f.price = price(price_micros);
    f.size = Shares::from_micros(size_micros);
    f.fee = Usd::from_micros(fee_micros);
    f.filled_at = at_ms(std::int64_t{n} * 60'000 + after_ms);
    const auto recorded = store_->record_order_fill("ord_" + std::to_string(n), f, f.filled_at);
    ASSERT_TRUE(recorded.ok()) << recorded.error().to_string();
    ASSERT_TRUE(recorded->applied);
  }

  // The hand-computed book:
  //   ord_1 (minute 1): 10 @ limit 0.50, signal 0.495; 4 @0.49 after 1.5 s, fee 0.01
  //   ord_2 (minute 2): 10 of the other outcome (No) @ limit 0.51, signal 0.49;
  //                     3 @0.48 (2 s), 5 @0.50 (0.9 s), 2 @0.51 (3 s): filled, average
  //                     0.496, cost 4.96
  //   ord_3 (minute 3): 10 @ limit 0.50, signal 0.495; cancelled unfilled
  //   the FT twin holds one paper position (trade 1: 20.408163 shares for 10)
  void seed() {
    const std::vector<store::SourceTradeRecord> trades{trade(1), trade(2), trade(3)};
    const auto inserted = store_->insert_source_trades(trades);
    ASSERT_TRUE(inserted.ok()) << inserted.error().to_string();
    place(1, trades[0].id, kYes, 10'000'000, 500'000, 495'000);
    fill(1, "vt_1", 4'000'000, 490'000, 1'500, 10'000);
    place(2, trades[1].id, kNo, 10'000'000, 510'000, 490'000);
    fill(2, "vt_2a", 3'000'000, 480'000, 2'000);
    fill(2, "vt_2b", 5'000'000, 500'000, 900);
    fill(2, "vt_2c", 2'000'000, 510'000, 3'000);
    place(3, trades[2].id, kYes, 10'000'000, 500'000, 495'000);
    const auto ended =
        store_->end_order("ord_3", OrderState::cancelled, "user cancelled", at_minute(4));
    ASSERT_TRUE(ended.ok()) << ended.error().to_string();

    store::FtOutcome paper;
    auto& s = paper.signal;
    s.id = "sig_ft_1";
    s.ft_strategy_id = ft_id_;
    s.source_trade_id = trades[0].id;
    s.accepted = true;
    s.entry_price = trades[0].price;
    s.bet_usd = Usd::from_micros(10'000'000);
    s.evaluated_at = at_minute(1);
    store::PaperPositionRecord p;
    p.id = "pp_1";
    p.ft_strategy_id = ft_id_;
    p.source_trade_id = trades[0].id;
    p.condition_id = kMarket;
    p.token_id = kYes;
    p.entry_price = trades[0].price;
    p.shares = Shares::from_micros(20'408'163);
    p.cost = Usd::from_micros(10'000'000);
    p.opened_at = at_minute(1);
    paper.position = p;
    const auto recorded = store_->record_ft_outcomes({paper});
    ASSERT_TRUE(recorded.ok()) << recorded.error().to_string();
    clock_.set(at_minute(5));
  }

  // The market resolves Yes: ord_1 (its rest expired first) wins 4 x 1 - 1.96 - 0.01 = 2.03,
  // ord_2 (No) loses its 4.96. The paper twin settles first (20.408163 - 10 = 10.408163), then
  // each LT position, as the engine's resolver does.
  void settle_yes() {
    ASSERT_TRUE(store_->end_order("ord_1", OrderState::expired, std::nullopt, at_minute(11)).ok());
    store::ResolutionRecord resolution;
    resolution.condition_id = kMarket;
    resolution.winning_outcome_index = 0;
    resolution.payout_numerator_0 = 1;
    resolution.payout_numerator_1 = 0;
    resolution.payout_denominator = 1;
    resolution.resolved_at = resolution.recorded_at = at_minute(20);
    ASSERT_TRUE(store_->record_resolution(resolution).ok());
    ASSERT_EQ(store_->settle_resolved_paper_positions(at_minute(21)).value(), 1);
    const auto ready = store_->list_lt_positions_to_settle(100);
    ASSERT_TRUE(ready.ok()) << ready.error().to_string();
    ASSERT_EQ(ready->size(), 2u);
    int n = 0;
    for (const auto& item : *ready) {
      const auto settled =
          store_->settle_lt_position(item.position.id, "rdm_" + std::to_string(++n), at_minute(21));
      ASSERT_TRUE(settled.ok()) << settled.error().to_string();
    }
  }

  std::string path(const std::string& report, const std::string& query = "") const {
    return "/api/lt/strategies/" + lt_id_ + "/" + report + (query.empty() ? "" : "?" + query);
  }

  json get_ok(const std::string& target) {
    const auto response = client_->get(target, alice_key_);
    EXPECT_EQ(response.status, 200) << target << ": " << response.body;
    return response.status == 200 ? response.json() : json::object();
  }

  std::string ft_id_, lt_id_;
};

TEST_F(LtReportsApi, OrdersComeNewestFirstWithTheirFills) {
  const json body = get_ok(path("orders"));
  EXPECT_EQ(body.at("lt_strategy_id"), lt_id_);
  EXPECT_EQ(body.at("total"), 3);
  EXPECT_EQ(body.at("limit"), 100);
  EXPECT_EQ(body.at("offset"), 0);
  const json& orders = body.at("orders");
  ASSERT_EQ(orders.size(), 3u);
  EXPECT_EQ(orders[0].at("id"), "ord_3");
  EXPECT_EQ(orders[0].at("state"), "cancelled");
  EXPECT_EQ(orders[0].at("venue_message"), "user cancelled");
  EXPECT_EQ(orders[0].at("fills"), json::array());
  EXPECT_EQ(orders[2].at("id"), "ord_1");

  const json& first = orders[2];
  EXPECT_EQ(first.at("state"), "partially_filled");
  EXPECT_EQ(first.at("venue_order_id"), "0xvenue1");
  EXPECT_EQ(first.at("side"), "BUY");
  EXPECT_EQ(first.at("token_id"), kYes);
  EXPECT_EQ(first.at("order_type"), "GTC");
  EXPECT_EQ(first.at("signal_price"), "0.495");
  EXPECT_EQ(first.at("limit_price"), "0.5");
  EXPECT_EQ(first.at("size"), "10");
  EXPECT_EQ(first.at("filled_size"), "4");
  EXPECT_EQ(first.at("created_at"), "2026-11-25T19:31:00.000Z");
  EXPECT_EQ(first.at("expires_at"), "2026-11-25T19:41:00.000Z");
  EXPECT_FALSE(first.contains("signature"));
  EXPECT_FALSE(first.contains("salt"));
  ASSERT_EQ(first.at("fills").size(), 1u);
  const json& f = first.at("fills")[0];
  EXPECT_EQ(f.at("venue_trade_id"), "vt_1");
  EXPECT_EQ(f.at("price"), "0.49");
  EXPECT_EQ(f.at("size"), "4");
  EXPECT_EQ(f.at("fee"), "0.01");
  EXPECT_EQ(f.at("filled_at"), "2026-11-25T19:31:01.500Z");
}

TEST_F(LtReportsApi, OrdersFilterByStateAndPage) {
  const json filled = get_ok(path("orders", "state=filled"));
  EXPECT_EQ(filled.at("total"), 1);
  ASSERT_EQ(filled.at("orders").size(), 1u);
  const json& order = filled.at("orders")[0];
  EXPECT_EQ(order.at("id"), "ord_2");
  EXPECT_EQ(order.at("filled_size"), "10");
  ASSERT_EQ(order.at("fills").size(), 3u);  // by fill time
  EXPECT_EQ(order.at("fills")[0].at("venue_trade_id"), "vt_2b");
  EXPECT_EQ(order.at("fills")[1].at("venue_trade_id"), "vt_2a");
  EXPECT_EQ(order.at("fills")[2].at("venue_trade_id"), "vt_2c");

  const json page = get_ok(path("orders", "limit=1&offset=1"));
  EXPECT_EQ(page.at("total"), 3);
  EXPECT_EQ(page.at("limit"), 1);
  EXPECT_EQ(page.at("offset"), 1);
  ASSERT_EQ(page.at("orders").size(), 1u);
  EXPECT_EQ(page.at("orders")[0].at("id"), "ord_2");

  EXPECT_EQ(get_ok(path("orders", "offset=5")).at("orders"), json::array());
  EXPECT_EQ(get_ok(path("orders", "state=intent")).at("total"), 0);
}

TEST_F(LtReportsApi, ExecutionQualityPerOrderAndOverall) {
  const json body = get_ok(path("execution-quality"));
  EXPECT_EQ(body.at("total"), 3);
  const json& summary = body.at("summary");
  EXPECT_EQ(summary.at("orders"), 3);
  EXPECT_EQ(summary.at("by_state"),
            (json{{"cancelled", 1}, {"filled", 1}, {"partially_filled", 1}}));
  EXPECT_EQ(summary.at("orders_with_fills"), 2);
  EXPECT_EQ(summary.at("ordered_shares"), "30");
  EXPECT_EQ(summary.at("filled_shares"), "14");
  EXPECT_EQ(summary.at("fill_rate"), "0.466666");  // 14 / 30 rounded down
  EXPECT_EQ(summary.at("filled_cost"), "6.92");    // 1.96 + 4.96
  EXPECT_EQ(summary.at("fees"), "0.01");
  // (1.96 - 0.495 x 4) + (4.96 - 0.49 x 10) = 0.04 over 14 shares.
  EXPECT_EQ(summary.at("average_slippage_vs_signal"), "0.002857");
  // (1.96 - 0.50 x 4) + (4.96 - 0.51 x 10) = -0.18 over 14 shares.
  EXPECT_EQ(summary.at("average_slippage_vs_limit"), "-0.012857");
  EXPECT_EQ(summary.at("latency_p50_ms"), 900);
  EXPECT_EQ(summary.at("latency_p90_ms"), 1'500);

  const json& orders = body.at("orders");
  ASSERT_EQ(orders.size(), 3u);
  EXPECT_EQ(orders[0].at("order_id"), "ord_3");
  EXPECT_EQ(orders[0].at("fill_rate"), "0");
  EXPECT_EQ(orders[0].at("average_fill_price"), nullptr);
  EXPECT_EQ(orders[0].at("signal_to_first_fill_ms"), nullptr);
  const json& second = orders[1];
  EXPECT_EQ(second.at("order_id"), "ord_2");
  EXPECT_EQ(second.at("fills"), 3);
  EXPECT_EQ(second.at("fill_rate"), "1");
  EXPECT_EQ(second.at("average_fill_price"), "0.496");
  EXPECT_EQ(second.at("slippage_vs_signal"), "0.006");
  EXPECT_EQ(second.at("slippage_vs_limit"), "-0.014");
  EXPECT_EQ(second.at("signal_to_first_fill_ms"), 900);
  EXPECT_EQ(second.at("filled_cost"), "4.96");
  const json& first = orders[2];
  EXPECT_EQ(first.at("fill_rate"), "0.4");
  EXPECT_EQ(first.at("average_fill_price"), "0.49");
  EXPECT_EQ(first.at("slippage_vs_signal"), "-0.005");
  EXPECT_EQ(first.at("slippage_vs_limit"), "-0.01");
  EXPECT_EQ(first.at("signal_to_first_fill_ms"), 1'500);
  EXPECT_EQ(first.at("fees"), "0.01");

  // The summary covers every order whatever the page.
  const json page = get_ok(path("execution-quality", "limit=1"));
  ASSERT_EQ(page.at("orders").size(), 1u);
  EXPECT_EQ(page.at("summary"), summary);
}

// Positions are written by record_order_fill (the store's LT position work).
TEST_F(LtReportsApi, PositionsFollowTheFills) {
  const json body = get_ok(path("positions"));
  EXPECT_EQ(body.at("lt_strategy_id"), lt_id_);
  EXPECT_EQ(body.at("limit"), 100);
  const json& positions = body.at("positions");
  ASSERT_EQ(positions.size(), 2u) << body.dump();
  EXPECT_EQ(positions[0].at("order_id"), "ord_2");  // newest first
  EXPECT_EQ(positions[0].at("shares"), "10");
  EXPECT_EQ(positions[0].at("cost"), "4.96");
  EXPECT_EQ(positions[0].at("fees"), "0");
  EXPECT_EQ(positions[0].at("status"), "open");
  EXPECT_EQ(positions[0].at("condition_id"), kMarket);
  EXPECT_EQ(positions[0].at("token_id"), kNo);
  EXPECT_EQ(positions[0].at("outcome_index"), 1);
  EXPECT_EQ(positions[0].at("pnl"), nullptr);
  EXPECT_EQ(positions[1].at("order_id"), "ord_1");
  EXPECT_EQ(positions[1].at("shares"), "4");
  EXPECT_EQ(positions[1].at("cost"), "1.96");
  EXPECT_EQ(positions[1].at("fees"), "0.01");

  EXPECT_EQ(get_ok(path("positions", "status=open&limit=1")).at("positions").size(), 1u);
  EXPECT_EQ(get_ok(path("positions", "status=resolved")).at("positions"), json::array());
}

TEST_F(LtReportsApi, PerformanceSetsLiveBesideTheFtTwin) {
  const json body = get_ok(path("performance"));
  EXPECT_EQ(body.at("lt_strategy_id"), lt_id_);
  EXPECT_EQ(body.at("ft_strategy_id"), ft_id_);
  const json& lt = body.at("lt");
  EXPECT_EQ(lt.at("starting_equity"), "1000");
  EXPECT_EQ(lt.at("equity"), "1000");
  EXPECT_EQ(lt.at("open_positions"), 2);
  EXPECT_EQ(lt.at("open_cost"), "6.92");
  EXPECT_EQ(lt.at("resolved_positions"), 0);
  EXPECT_EQ(lt.at("realised_pnl"), "0");
  EXPECT_EQ(lt.at("win_rate"), nullptr);
  EXPECT_EQ(lt.at("roi"), nullptr);
  const json& ft = body.at("ft");
  EXPECT_EQ(ft.at("strategy_id"), ft_id_);
  EXPECT_EQ(ft.at("open_positions"), 1);
  EXPECT_EQ(ft.at("open_cost"), "10");
  EXPECT_EQ(ft.at("cash"), "990");
  EXPECT_EQ(ft.at("by_reason"), (json{{"accepted", 1}}));
  const json& matched = body.at("matched");
  EXPECT_EQ(matched.at("lt_realised_pnl"), "0");
  EXPECT_EQ(matched.at("ft_realised_pnl"), "0");
  EXPECT_EQ(matched.at("pnl_difference"), "0");
  EXPECT_EQ(matched.at("ft_roi"), nullptr);
}

TEST_F(LtReportsApi, SettledPositionsShowTheirResultBesideThePaperTwin) {
  settle_yes();
  if (HasFatalFailure()) return;
  const json resolved = get_ok(path("positions", "status=resolved"));
  ASSERT_EQ(resolved.at("positions").size(), 1u) << resolved.dump();
  const json& won = resolved.at("positions")[0];
  EXPECT_EQ(won.at("order_id"), "ord_1");
  EXPECT_EQ(won.at("payout"), "4");
  EXPECT_EQ(won.at("pnl"), "2.03");
  EXPECT_EQ(won.at("ft_position_id"), "pp_1");
  EXPECT_EQ(won.at("ft_cost"), "10");
  EXPECT_EQ(won.at("ft_pnl"), "10.408163");
  EXPECT_EQ(won.at("pnl_vs_ft"), "-8.378163");
  EXPECT_EQ(won.at("resolved_at"), "2026-11-25T19:51:00.000Z");
  const json closed = get_ok(path("positions", "status=closed"));
  ASSERT_EQ(closed.at("positions").size(), 1u);
  EXPECT_EQ(closed.at("positions")[0].at("order_id"), "ord_2");
  EXPECT_EQ(closed.at("positions")[0].at("payout"), "0");
  EXPECT_EQ(closed.at("positions")[0].at("pnl"), "-4.96");
  EXPECT_EQ(closed.at("positions")[0].at("ft_position_id"), nullptr);
  EXPECT_EQ(get_ok(path("positions", "status=open")).at("positions"), json::array());
}

TEST_F(LtReportsApi, PerformanceAfterSettlement) {
  settle_yes();
  if (HasFatalFailure()) return;
  const json body = get_ok(path("performance"));
  const json& lt = body.at("lt");
  EXPECT_EQ(lt.at("open_positions"), 0);
  EXPECT_EQ(lt.at("open_cost"), "0");
  EXPECT_EQ(lt.at("resolved_positions"), 2);
  EXPECT_EQ(lt.at("winning_positions"), 1);
  EXPECT_EQ(lt.at("losing_positions"), 1);
  EXPECT_EQ(lt.at("win_rate"), "0.5");
  EXPECT_EQ(lt.at("resolved_cost"), "6.92");
  EXPECT_EQ(lt.at("resolved_fees"), "0.01");
  EXPECT_EQ(lt.at("resolved_payout"), "4");
  EXPECT_EQ(lt.at("realised_pnl"), "-2.93");  // 4 - 6.92 - 0.01
  EXPECT_EQ(lt.at("equity"), "997.07");
  EXPECT_EQ(lt.at("roi"), "-0.42341");  // -2.93 / 6.92 = -0.4234104… toward zero
  EXPECT_EQ(lt.at("redemptions_pending"), 1);
  EXPECT_EQ(lt.at("redemptions_pending_usd"), "4");
  const json& ft = body.at("ft");
  EXPECT_EQ(ft.at("realised_pnl"), "10.408163");
  EXPECT_EQ(ft.at("resolved_positions"), 1);
  const json& matched = body.at("matched");
  EXPECT_EQ(matched.at("lt_resolved_cost"), "6.92");
  EXPECT_EQ(matched.at("lt_realised_pnl"), "-2.93");
  EXPECT_EQ(matched.at("lt_roi"), "-0.42341");
  EXPECT_EQ(matched.at("ft_resolved_cost"), "10");
  EXPECT_EQ(matched.at("ft_realised_pnl"), "10.408163");
  EXPECT_EQ(matched.at("ft_roi"), "1.040816");
  EXPECT_EQ(matched.at("pnl_difference"), "-13.338163");
}

TEST_F(LtReportsApi, RedemptionsListTheRecordsAndAPendingOneSaysWhy) {
  EXPECT_EQ(get_ok(path("redemptions")).at("redemptions"), json::array());  // none settled yet
  settle_yes();
  if (HasFatalFailure()) return;
  const json body = get_ok(path("redemptions"));
  EXPECT_EQ(body.at("lt_strategy_id"), lt_id_);
  const json& records = body.at("redemptions");
  ASSERT_EQ(records.size(), 2u) << body.dump();
  const auto pending = std::find_if(records.begin(), records.end(),
                                    [](const json& r) { return r.at("state") == "pending"; });
  const auto closed = std::find_if(records.begin(), records.end(),
                                   [](const json& r) { return r.at("state") == "closed"; });
  ASSERT_NE(pending, records.end());
  ASSERT_NE(closed, records.end());
  EXPECT_EQ(pending->at("expected"), "4");
  EXPECT_EQ(pending->at("condition_id"), kMarket);
  EXPECT_EQ(pending->at("tx_hash"), nullptr);
  EXPECT_NE(pending->at("note").get<std::string>().find("lt-redemptions"), std::string::npos);
  EXPECT_EQ(closed->at("expected"), "0");
  EXPECT_EQ(closed->at("note"), nullptr);
}

TEST_F(LtReportsApi, AnotherUsersOrAnUnknownStrategyIsNotFound) {
  for (const std::string report :
       {"orders", "positions", "performance", "execution-quality", "redemptions"}) {
    const auto foreign = client_->get(path(report), bob_key_);
    EXPECT_EQ(foreign.status, 404) << report << ": " << foreign.body;
    EXPECT_EQ(foreign.error_code(), "strategy_not_found") << report;
    const auto unknown = client_->get("/api/lt/strategies/lt_nope/" + report, alice_key_);
    EXPECT_EQ(unknown.status, 404) << report;
    EXPECT_EQ(unknown.error_code(), "strategy_not_found") << report;
    // An FT strategy id is not an LT strategy.
    EXPECT_EQ(client_->get("/api/lt/strategies/" + ft_id_ + "/" + report, alice_key_).status, 404);
    EXPECT_EQ(client_->get(path(report), "").status, 401) << report;
  }
}

TEST_F(LtReportsApi, BadQueriesAreRefusedWithTheirParameter) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {path("orders", "state=done"), "state must be"},
      {path("orders", "status=open"), "unknown query parameter status"},
      {path("orders", "limit=0"), "limit must be"},
      {path("orders", "limit=1001"), "limit must be"},
      {path("orders", "offset=-1"), "offset must be"},
      {path("orders", "limit=1&limit=2"), "given more than once"},
      {path("positions", "status=won"), "status must be"},
      {path("positions", "state=filled"), "unknown query parameter state"},
      {path("performance", "limit=5"), "takes none"},
      {path("execution-quality", "state=filled"), "unknown query parameter state"},
      {path("execution-quality", "limit=x"), "limit must be"},
      {path("redemptions", "offset=1"), "takes none"},
  };
  for (const auto& [target, message] : cases) {
    const auto response = client_->get(target, alice_key_);
    EXPECT_EQ(response.status, 400) << target << ": " << response.body;
    EXPECT_EQ(response.error_code(), "invalid_query") << target;
    EXPECT_NE(response.json()["error"]["message"].get<std::string>().find(message),
              std::string::npos)
        << target << ": " << response.body;
  }
}

}  // namespace
}  // namespace polycopy::testing
