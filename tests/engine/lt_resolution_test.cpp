// LT resolution with the real store, risk manager and resolver: PnL of winners and losers
// (fees included) equal on the position and in the risk manager, equity, peak and losing
// streak, the breaker tripping on a loss streak, a live order's position waiting, and the
// crashes the pass repairs (between the risk booking and the settlement; a fill or an order
// end the risk manager never saw).
#include <gtest/gtest.h>

#include <cstdio>

#include "engine/engine_fixture.hpp"
#include "engine/lt_resolver.hpp"
#include "risk/risk_manager.hpp"

namespace polycopy::engine {
namespace {

using core::Price;
using core::Shares;
using core::Usd;

std::string hex64(int n) {
  char buffer[67];
  std::snprintf(buffer, sizeof buffer, "0x%064x", n);
  return buffer;
}
std::string market_id(int m) {
  return hex64(0x4000 + m);
}
std::string token(int m, int outcome) {
  return std::to_string(1000 * m + outcome);
}
Price price(std::int64_t micros) {
  return Price::from_micros(micros).value();
}
Shares shares(std::int64_t micros) {
  return Shares::from_micros(micros);
}
Usd usd(std::int64_t micros) {
  return Usd::from_micros(micros);
}

// One order of the strategy: its id and the reservation holding its amount.
struct Placed {
  std::string order_id;
  std::string reservation_id;
  int market = 0;
};

class LtResolutionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store::Store& s = *fx_.store;
    ASSERT_TRUE(s.insert_user({"usr_a", "alice", clock_.now()}).ok());
    store::Wallet wallet;
    wallet.id = "wal_a";
    wallet.user_id = "usr_a";
    wallet.address = "0x" + std::string(39, '0') + "a";
    wallet.encrypted_private_key = "c2VhbGVk";
    wallet.created_at = clock_.now();
    ASSERT_TRUE(s.insert_wallet(wallet).ok());
    store::FtStrategy ft;
    ft.id = "ft_a";
    ft.user_id = "usr_a";
    ft.params.name = "paper";
    ft.created_at = ft.updated_at = clock_.now();
    ASSERT_TRUE(s.insert_ft_strategy(ft).ok());
    store::LtStrategy lt;
    lt.id = "lt_a";
    lt.user_id = "usr_a";
    lt.params.name = "live";
    lt.params.ft_strategy_id = "ft_a";
    lt.params.wallet_id = "wal_a";
    lt.params.starting_equity = usd(1'000'000'000);
    lt.params.risk.consecutive_loss_limit = 3;
    lt.paused = false;
    lt.created_at = lt.updated_at = clock_.now();
    ASSERT_TRUE(s.insert_lt_strategy(lt).ok());
    for (int m = 1; m <= 5; ++m) {
      store::MarketRecord market;
      market.condition_id = market_id(m);
      market.question = "Q" + std::to_string(m);
      market.updated_at = clock_.now();
      ASSERT_TRUE(s.upsert_market(market, {{token(m, 0), market_id(m), 0, "Yes"},
                                           {token(m, 1), market_id(m), 1, "No"}})
                      .ok());
    }
  }

  std::string trade_id(int m) const {
    return store::source_trade_id(hex64(m), token(m, 0), "0x" + std::string(39, '0') + "9");
  }

  // The source trade of market m (outcome 0) and, when `twin_cost_micros` > 0, the FT twin's
  // paper position for it at 0.5.
  void source_trade(int m, std::int64_t twin_cost_micros) {
    store::SourceTradeRecord t;
    t.trader_address = "0x" + std::string(39, '0') + "9";
    t.tx_hash = hex64(m);
    t.condition_id = market_id(m);
    t.token_id = token(m, 0);
    t.id = trade_id(m);
    t.outcome_index = 0;
    t.side = store::TradeSide::buy;
    t.price = price(500'000);
    t.size = shares(10'000'000);
    t.usd = usd(5'000'000);
    t.traded_at = t.received_at = clock_.now();
    ASSERT_EQ(fx_.store->insert_source_trades({t}).value().size(), 1u);
    if (twin_cost_micros <= 0) return;
    store::FtOutcome o;
    o.signal.id = "sig_" + std::to_string(m);
    o.signal.ft_strategy_id = "ft_a";
    o.signal.source_trade_id = t.id;
    o.signal.accepted = true;
    o.signal.entry_price = price(500'000);
    o.signal.bet_usd = usd(twin_cost_micros);
    o.signal.evaluated_at = clock_.now();
    store::PaperPositionRecord p;
    p.id = "pp_" + std::to_string(m);
    p.ft_strategy_id = "ft_a";
    p.source_trade_id = t.id;
    p.condition_id = t.condition_id;
    p.token_id = t.token_id;
    p.outcome_index = 0;
    p.entry_price = price(500'000);
    p.shares = core::shares_for(usd(twin_cost_micros), p.entry_price, core::Rounding::down);
    p.cost = usd(twin_cost_micros);
    p.opened_at = clock_.now();
    o.position = p;
    ASSERT_TRUE(fx_.store->record_ft_outcomes({o}).ok());
  }

  // Checked and reserved by the risk manager, written ahead and submitted: as the placer does.
  Placed place(int m, std::int64_t limit_micros, std::int64_t size_micros,
               std::int64_t twin_cost_micros = 0) {
    source_trade(m, twin_cost_micros);
    risk::OrderRequest request;
    request.condition_id = market_id(m);
    request.token_id = token(m, 0);
    request.limit_price = price(limit_micros);
    request.size = shares(size_micros);
    auto reserved = risk_.check_and_reserve("lt_a", request);
    EXPECT_TRUE(reserved.ok() && reserved->reservation_id);
    Placed placed;
    placed.market = m;
    placed.reservation_id = reserved.ok() ? reserved->reservation_id.value_or("") : "";
    store::OrderRecord o;
    o.id = "ord_" + std::to_string(m);
    o.lt_strategy_id = "lt_a";
    o.source_trade_id = trade_id(m);
    o.idempotency_key = store::order_idempotency_key("lt_a", trade_id(m));
    o.token_id = token(m, 0);
    o.limit_price = request.limit_price;
    o.size = request.size;
    o.created_at = clock_.now();
    auto written = fx_.store->insert_order_intent(o, placed.reservation_id);
    EXPECT_TRUE(written.ok()) << (written.ok() ? "" : written.error().to_string());
    EXPECT_TRUE(
        fx_.store->mark_order_submitted(o.id, "0xv" + std::to_string(m), clock_.now()).ok());
    placed.order_id = o.id;
    return placed;
  }

  // A venue fill reaching the store and (unless `risk_sees_it` is false: a crash between the
  // two writes) the risk manager, as the tracker records it.
  void fill(const Placed& placed, const std::string& key, std::int64_t size_micros,
            std::int64_t price_micros, std::int64_t fee_micros, bool risk_sees_it = true) {
    clock_.advance(std::chrono::seconds(1));
    auto stored = fx_.store->record_order_fill(
        placed.order_id,
        store::VenueFill{"fil_" + key, key, price(price_micros), shares(size_micros),
                         usd(fee_micros), clock_.now(), std::nullopt},
        clock_.now());
    ASSERT_TRUE(stored.ok()) << stored.error().to_string();
    if (!risk_sees_it) return;
    risk::FillEvent event;
    event.reservation_id = placed.reservation_id;
    event.fill_key = key;
    event.shares = shares(size_micros);
    event.price = price(price_micros);
    event.completes_order = stored->order.filled_size == stored->order.size;
    event.filled_at = clock_.now();
    auto applied = risk_.record_fill("lt_a", event);
    ASSERT_TRUE(applied.ok()) << applied.error().to_string();
  }

  void resolve_market(int m, int winner) {
    store::ResolutionRecord r;
    r.condition_id = market_id(m);
    r.winning_outcome_index = winner;
    r.payout_numerator_0 = winner == 0 ? 1 : 0;
    r.payout_numerator_1 = winner == 1 ? 1 : 0;
    r.payout_denominator = 1;
    r.resolved_at = r.recorded_at = clock_.now();
    ASSERT_TRUE(fx_.store->record_resolution(r).ok());
  }

  LtResolveReport pass() {
    clock_.advance(std::chrono::minutes(10));
    auto report = resolver_.resolve_once();
    EXPECT_TRUE(report.ok()) << report.error().to_string();
    if (!report) return {};
    for (const auto& error : report->errors) ADD_FAILURE() << error;
    return *report;
  }

  store::LtPositionRecord position(const Placed& placed) {
    const auto all = fx_.store->list_lt_positions("usr_a", "lt_a", {}).value();
    for (const auto& p : all)
      if (p.order_id == placed.order_id) return p;
    ADD_FAILURE() << "no position for " << placed.order_id;
    return {};
  }
  store::BudgetReservation reservation(const Placed& placed) {
    return fx_.store->find_reservation_by_order(placed.order_id).value().value();
  }
  store::RiskState risk_state() {
    const auto snapshot =
        fx_.store->get_risk_snapshot("usr_a", "lt_a", clock_.now()).value().value();
    return risk::current_state(snapshot);
  }

  testing::StoreFixture fx_;
  core::ManualClock clock_{core::from_unix_ms(1'772'463'600'000)};
  risk::RiskManager risk_{*fx_.store, clock_};
  LtResolver resolver_{*fx_.store, risk_, clock_};
};

TEST_F(LtResolutionTest, WinnerAndLoserPnlWithFeesAreTheSameInRiskAndOnThePosition) {
  const Placed win = place(1, 550'000, 10'000'000, 5'000'000);
  const Placed loss = place(2, 450'000, 8'000'000, 4'000'000);
  fill(win, "vt_1", 10'000'000, 550'000, 20'000);  // cost 5.5, fee 0.02
  // 5.000001 x 0.45 = 2.25000045 -> 2.250001; 2.999999 x 0.433333 = 1.2999985... -> 1.299999.
  fill(loss, "vt_2a", 5'000'001, 450'000, 6'000);
  fill(loss, "vt_2b", 2'999'999, 433'333, 4'000);
  resolve_market(1, 0);
  resolve_market(2, 1);

  const auto report = pass();
  EXPECT_EQ(report.paper_settled, 2);
  EXPECT_EQ(report.settled, 2);
  EXPECT_EQ(report.won, 1);
  EXPECT_EQ(report.lost, 1);
  EXPECT_EQ(report.redemptions_pending, 1);

  const auto won = position(win);
  EXPECT_EQ(won.status, store::LtPositionStatus::resolved);
  EXPECT_EQ(won.payout, usd(10'000'000));
  EXPECT_EQ(won.pnl, usd(10'000'000 - 5'500'000 - 20'000));  // 4.48
  EXPECT_EQ(won.ft_cost, usd(5'000'000));
  EXPECT_EQ(won.ft_pnl, usd(5'000'000));
  const auto lost = position(loss);
  EXPECT_EQ(lost.status, store::LtPositionStatus::closed);
  EXPECT_EQ(lost.cost, usd(3'550'000));
  EXPECT_EQ(lost.pnl, usd(-3'550'000 - 10'000));  // -3.56
  EXPECT_EQ(lost.ft_pnl, usd(-4'000'000));
  // The risk manager booked exactly the positions' PnL.
  EXPECT_EQ(reservation(win).pnl, won.pnl);
  EXPECT_EQ(reservation(loss).pnl, lost.pnl);
  EXPECT_EQ(reservation(loss).fees, usd(10'000));

  const auto state = risk_state();
  EXPECT_EQ(state.realised_pnl, usd(4'480'000 - 3'560'000));
  EXPECT_EQ(state.equity, usd(1'000'000'000 + 920'000));
  EXPECT_EQ(state.peak_equity, usd(1'004'480'000));  // the winner settled first
  EXPECT_EQ(state.consecutive_losses, 1);
  EXPECT_EQ(state.exposure, usd(0));
  EXPECT_EQ(state.reserved, usd(0));
  EXPECT_FALSE(state.breaker_open);

  const auto redemptions = fx_.store->list_redemptions("usr_a", "lt_a").value();
  ASSERT_EQ(redemptions.size(), 2u);
  const auto perf = fx_.store->get_lt_performance("usr_a", "lt_a").value();
  EXPECT_EQ(perf.realised_pnl, state.realised_pnl);
  EXPECT_EQ(perf.ft_realised_pnl, usd(1'000'000));
  EXPECT_EQ(perf.redemptions_pending, 1);
  EXPECT_EQ(perf.redemptions_pending_usd, usd(10'000'000));

  // A second pass finds nothing and books nothing twice.
  const auto again = pass();
  EXPECT_EQ(again.settled, 0);
  EXPECT_EQ(risk_state().equity, state.equity);
}

TEST_F(LtResolutionTest, ALossStreakTripsTheBreaker) {
  std::vector<Placed> placed;
  for (int m = 1; m <= 3; ++m) {
    placed.push_back(place(m, 400'000, 5'000'000));
    fill(placed.back(), "vt_" + std::to_string(m), 5'000'000, 400'000, 1'000);  // cost 2
    resolve_market(m, 1);
  }
  const auto report = pass();
  EXPECT_EQ(report.settled, 3);
  EXPECT_EQ(report.lost, 3);
  EXPECT_EQ(report.redemptions_pending, 0);
  const auto state = risk_state();
  EXPECT_EQ(state.consecutive_losses, 3);
  EXPECT_EQ(state.realised_pnl, usd(-3 * 2'001'000));
  EXPECT_EQ(state.equity, usd(1'000'000'000 - 6'003'000));
  EXPECT_EQ(state.peak_equity, usd(1'000'000'000));
  EXPECT_TRUE(state.breaker_open);
  const auto strategy = fx_.store->get_lt_strategy("usr_a", "lt_a").value().value();
  EXPECT_TRUE(strategy.paused);
  bool alerted = false;
  const auto alerts = fx_.store->list_open_alerts("usr_a").value();
  for (const auto& alert : alerts) alerted = alerted || alert.code == "circuit_breaker_open";
  EXPECT_TRUE(alerted);
  for (const auto& p : placed) EXPECT_EQ(reservation(p).pnl, position(p).pnl);
}

TEST_F(LtResolutionTest, ALiveOrderWaitsAndItsEndIsBookedBeforeTheResolution) {
  const Placed live = place(1, 500'000, 10'000'000);
  fill(live, "vt_1", 4'000'000, 500'000, 0);  // partially filled: may still fill
  resolve_market(1, 0);
  const auto waiting = pass();
  EXPECT_EQ(waiting.settled, 0);
  EXPECT_EQ(position(live).status, store::LtPositionStatus::open);
  EXPECT_FALSE(reservation(live).resolved_at);
  EXPECT_EQ(risk_state().reserved, usd(3'000'000));  // the unfilled 6 shares x 0.5

  // The order ends in the store, but the process dies before the risk manager hears of it:
  // the pass releases the hold first, then resolves.
  ASSERT_TRUE(
      fx_.store->end_order(live.order_id, store::OrderState::cancelled, std::nullopt, clock_.now())
          .ok());
  const auto report = pass();
  EXPECT_EQ(report.settled, 1);
  EXPECT_EQ(report.won, 1);
  EXPECT_EQ(position(live).pnl, usd(2'000'000));
  EXPECT_EQ(reservation(live).pnl, usd(2'000'000));
  const auto state = risk_state();
  EXPECT_EQ(state.reserved, usd(0));
  EXPECT_EQ(state.realised_pnl, usd(2'000'000));
}

TEST_F(LtResolutionTest, ACrashBetweenTheRiskBookingAndTheSettlementIsRepaired) {
  const Placed placed = place(1, 600'000, 10'000'000, 6'000'000);
  fill(placed, "vt_1a", 6'000'000, 600'000, 3'000);
  fill(placed, "vt_1b", 4'000'000, 590'000, 2'000);
  resolve_market(1, 0);

  // What the pass does first, then the process dies before the store settlement.
  ASSERT_TRUE(fx_.store->settle_resolved_paper_positions(clock_.now()).ok());
  risk::ResolveEvent event;
  event.reservation_id = placed.reservation_id;
  event.payout_per_share = Price::one();
  event.fees = usd(5'000);
  ASSERT_TRUE(risk_.record_resolution("lt_a", event).ok());
  const auto booked = risk_state();
  EXPECT_EQ(booked.realised_pnl, usd(10'000'000 - 3'600'000 - 2'360'000 - 5'000));
  EXPECT_EQ(position(placed).status, store::LtPositionStatus::open);

  const auto report = pass();
  EXPECT_EQ(report.settled, 1);
  EXPECT_EQ(report.redemptions_pending, 1);
  const auto settled = position(placed);
  EXPECT_EQ(settled.status, store::LtPositionStatus::resolved);
  EXPECT_EQ(settled.pnl, booked.realised_pnl);
  EXPECT_EQ(settled.ft_pnl, usd(6'000'000));
  const auto after = risk_state();
  EXPECT_EQ(after.realised_pnl, booked.realised_pnl);  // not booked twice
  EXPECT_EQ(after.equity, booked.equity);
  EXPECT_EQ(after.consecutive_losses, 0);
}

TEST_F(LtResolutionTest, AFillTheRiskManagerMissedIsBookedBeforeTheResolution) {
  const Placed placed = place(1, 600'000, 10'000'000);
  fill(placed, "vt_1a", 6'000'000, 600'000, 0);
  fill(placed, "vt_1b", 4'000'000, 590'000, 0, /*risk_sees_it=*/false);
  resolve_market(1, 1);
  const auto report = pass();
  EXPECT_EQ(report.settled, 1);
  const auto lost = position(placed);
  EXPECT_EQ(lost.pnl, usd(-3'600'000 - 2'360'000));
  const auto r = reservation(placed);
  EXPECT_EQ(r.filled, shares(10'000'000));
  EXPECT_EQ(r.pnl, lost.pnl);
  const auto state = risk_state();
  EXPECT_EQ(state.realised_pnl, lost.pnl.value());
  EXPECT_EQ(state.day_spent, usd(5'960'000));
  EXPECT_EQ(state.reserved, usd(0));
  EXPECT_EQ(state.exposure, usd(0));
}

}  // namespace
}  // namespace polycopy::engine
