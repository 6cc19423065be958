// LT positions against a real SQLite file: built from an order's fills (partial fills,
// replays, cost rounded up per fill as the risk reservation counts it), settled once the
// market resolved and the order is final (win, loss, 50/50, idempotent, the FT twin's result
// beside), one redemption record each, owner-scoped reads, and failed writes that leave
// nothing half-written.
#include <gtest/gtest.h>

#include <cstdio>

#include "store/sql/query.hpp"
#include "store/sqlite/sqlite_connection.hpp"
#include "store/store_fixture.hpp"

namespace polycopy::store {
namespace {

using core::Price;
using core::Shares;
using core::Usd;
using testing::address;
using testing::at_ms;

std::string hex64(int n) {
  char buffer[67];
  std::snprintf(buffer, sizeof buffer, "0x%064x", n);
  return buffer;
}
std::string market_id(int m) {
  return hex64(0x3000 + m);
}
std::string token(int m, int outcome) {
  return std::to_string(100 * m + 10 + outcome);
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

SourceTradeRecord trade(int n, int m, int outcome) {
  SourceTradeRecord t;
  t.trader_address = address(1);
  t.tx_hash = hex64(n);
  t.condition_id = market_id(m);
  t.token_id = token(m, outcome);
  t.id = source_trade_id(t.tx_hash, t.token_id, t.trader_address);
  t.outcome_index = outcome;
  t.side = TradeSide::buy;
  t.price = price(500'000);
  t.size = shares(10'000'000);
  t.usd = usd(5'000'000);
  t.traded_at = t.received_at = at_ms(1'000 + n);
  return t;
}

ResolutionRecord resolution(int m, std::int64_t n0, std::int64_t n1, std::int64_t den) {
  std::optional<std::int64_t> winner;
  if (n0 == den) winner = 0;
  if (n1 == den) winner = 1;
  return ResolutionRecord{market_id(m), winner, n0, n1, den, at_ms(90'000), at_ms(90'001)};
}

class LtPositionsTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ASSERT_TRUE(store_->insert_user(testing::make_user("usr_a", "alice")).ok());
    ASSERT_TRUE(store_->insert_user(testing::make_user("usr_b", "bob")).ok());
    ASSERT_TRUE(store_->insert_wallet(testing::make_wallet("wal_a", "usr_a", 11)).ok());
    ASSERT_TRUE(store_->insert_ft_strategy(testing::make_ft("ft_a", "usr_a", "paper")).ok());
    LtStrategy lt = testing::make_lt("lt_a", "usr_a", "ft_a", "live");
    lt.params.wallet_id = "wal_a";
    lt.params.starting_equity = usd(1'000'000'000);
    ASSERT_TRUE(store_->insert_lt_strategy(lt).ok());
    for (int m = 1; m <= 3; ++m) {
      MarketRecord market;
      market.condition_id = market_id(m);
      market.question = "Q" + std::to_string(m);
      market.updated_at = at_ms(1);
      ASSERT_TRUE(store_
                      ->upsert_market(market, {{token(m, 0), market_id(m), 0, "Yes"},
                                               {token(m, 1), market_id(m), 1, "No"}})
                      .ok());
    }
    std::vector<SourceTradeRecord> trades;
    for (int n = 1; n <= 6; ++n) trades.push_back(trade(n, 1 + (n - 1) % 3, 0));
    trades.push_back(trade(7, 1, 1));
    ASSERT_EQ(store_->insert_source_trades(trades).value().size(), trades.size());
  }

  // The FT twin's paper position for trade n: `cost_micros` at 0.5.
  void paper(int n, std::int64_t cost_micros) {
    const SourceTradeRecord t = trade(n, 1 + (n - 1) % 3, n == 7 ? 1 : 0);
    FtOutcome o;
    o.signal.id = "sig_ft_" + std::to_string(n);
    o.signal.ft_strategy_id = "ft_a";
    o.signal.source_trade_id = t.id;
    o.signal.accepted = true;
    o.signal.entry_price = price(500'000);
    o.signal.bet_usd = usd(cost_micros);
    o.signal.evaluated_at = at_ms(2'000 + n);
    PaperPositionRecord p;
    p.id = "pp_" + std::to_string(n);
    p.ft_strategy_id = "ft_a";
    p.source_trade_id = t.id;
    p.condition_id = t.condition_id;
    p.token_id = t.token_id;
    p.outcome_index = t.outcome_index.value();
    p.entry_price = price(500'000);
    p.shares = core::shares_for(usd(cost_micros), p.entry_price, core::Rounding::down);
    p.cost = usd(cost_micros);
    p.opened_at = at_ms(2'000 + n);
    o.position = p;
    ASSERT_TRUE(store_->record_ft_outcomes({o}).ok());
  }

  // A submitted order "ord_<n>" for trade n (or none), bound to a reservation made through
  // the store's risk transaction.
  void order(int n, int m, int outcome, std::int64_t size_micros, bool with_trade = true) {
    const std::string reservation = "rsv_" + std::to_string(n);
    const auto decided = store_->apply_risk_event(
        RiskEventScope{"lt_a", at_ms(3'000), std::nullopt, std::nullopt, std::nullopt,
                       std::nullopt},
        [&](const RiskSnapshot& s) {
          RiskDecision d;
          d.transition.state = s.state;
          BudgetReservation r;
          r.id = reservation;
          r.lt_strategy_id = "lt_a";
          r.condition_id = market_id(m);
          r.token_id = token(m, outcome);
          r.limit_price = price(600'000);
          r.size = shares(size_micros);
          r.amount = core::notional(r.size, r.limit_price, core::Rounding::up);
          r.day_window_start = s.state.day_window_start;
          r.week_window_start = s.state.week_window_start;
          r.month_window_start = s.state.month_window_start;
          r.created_at = r.updated_at = s.now;
          d.transition.state.reserved += r.amount;
          d.transition.reservation = r;
          return d;
        });
    ASSERT_TRUE(decided.ok()) << decided.error().to_string();
    OrderRecord o;
    o.id = "ord_" + std::to_string(n);
    o.lt_strategy_id = "lt_a";
    if (with_trade) o.source_trade_id = trade(n, m, outcome).id;
    o.idempotency_key = "key_" + std::to_string(n);
    o.token_id = token(m, outcome);
    o.limit_price = price(600'000);
    o.size = shares(size_micros);
    o.created_at = at_ms(3'000 + n);
    auto inserted = store_->insert_order_intent(o, reservation);
    ASSERT_TRUE(inserted.ok()) << inserted.error().to_string();
    ASSERT_TRUE(
        store_->mark_order_submitted(o.id, "0xvenue" + std::to_string(n), at_ms(3'100)).ok());
  }

  Result<FillOutcome> fill(int n, const std::string& key, std::int64_t size_micros,
                           std::int64_t price_micros, std::int64_t fee_micros, std::int64_t at) {
    return store_->record_order_fill(
        "ord_" + std::to_string(n),
        VenueFill{"fil_" + key, key, price(price_micros), shares(size_micros), usd(fee_micros),
                  at_ms(at), std::nullopt},
        at_ms(at + 1));
  }
  void fill_ok(int n, const std::string& key, std::int64_t size_micros, std::int64_t price_micros,
               std::int64_t fee_micros = 0, std::int64_t at = 4'000) {
    auto done = fill(n, key, size_micros, price_micros, fee_micros, at);
    ASSERT_TRUE(done.ok()) << done.error().to_string();
    EXPECT_TRUE(done->applied);
  }

  std::vector<LtPositionRecord> positions(const LtPositionQuery& q = {}) {
    return store_->list_lt_positions("usr_a", "lt_a", q).value();
  }
  LtPositionRecord position(int n) {
    for (const auto& p : positions())
      if (p.order_id == "ord_" + std::to_string(n)) return p;
    ADD_FAILURE() << "no position for ord_" << n;
    return {};
  }
  LtSettlementOutcome settle(int n, std::int64_t at = 100'000) {
    auto done = store_->settle_lt_position("ltp_" + std::to_string(n), "rdm_" + std::to_string(n),
                                           at_ms(at));
    if (!done) ADD_FAILURE() << done.error().to_string();
    return done ? *done : LtSettlementOutcome{};
  }
  std::vector<std::string> due() {
    std::vector<std::string> ids;
    const auto items = store_->list_lt_positions_to_settle(100).value();
    for (const auto& item : items) ids.push_back(item.position.id);
    return ids;
  }
  std::int64_t count(const std::string& table) {
    auto connection = sqlite::open_sqlite_connection(path_);
    auto rows = sql::query(**connection, "SELECT COUNT(*) FROM " + table);
    return rows->front().front().integer();
  }
};

TEST_F(LtPositionsTest, FillsBuildOnePositionWithCostRoundedUpPerFill) {
  paper(1, 10'000'000);
  order(1, 1, 0, 10'000'000);
  // 3.3 x 0.333333 = 1.0999989 -> 1.099999; 6.7 x 0.333334 = 2.2333378 -> 2.233338.
  fill_ok(1, "vt_1", 3'300'000, 333'333, 10'000, 4'000);
  auto first = position(1);
  EXPECT_EQ(first.id, "ltp_1");
  EXPECT_EQ(first.lt_strategy_id, "lt_a");
  EXPECT_EQ(first.condition_id, market_id(1));
  EXPECT_EQ(first.token_id, token(1, 0));
  EXPECT_EQ(first.outcome_index, 0);
  EXPECT_EQ(first.shares, shares(3'300'000));
  EXPECT_EQ(first.cost, usd(1'099'999));
  EXPECT_EQ(first.fees, usd(10'000));
  EXPECT_EQ(first.status, LtPositionStatus::open);
  EXPECT_EQ(first.ft_position_id, "pp_1");
  EXPECT_EQ(first.opened_at, at_ms(4'000));
  EXPECT_FALSE(first.payout || first.pnl || first.resolved_at || first.ft_cost || first.ft_pnl);

  // A replay (same venue trade) changes nothing.
  auto replay = fill(1, "vt_1", 3'300'000, 333'333, 10'000, 4'000);
  ASSERT_TRUE(replay.ok());
  EXPECT_FALSE(replay->applied);
  EXPECT_EQ(position(1).cost, usd(1'099'999));

  fill_ok(1, "vt_2", 6'700'000, 333'334, 5'000, 5'000);
  const auto full = position(1);
  EXPECT_EQ(full.shares, shares(10'000'000));
  EXPECT_EQ(full.cost, usd(1'099'999 + 2'233'338));
  EXPECT_EQ(full.fees, usd(15'000));
  EXPECT_EQ(full.opened_at, at_ms(4'000));
  EXPECT_EQ(positions().size(), 1u);

  // The No side of a market is outcome 1; an order without a source trade has no twin.
  order(7, 1, 1, 5'000'000, /*with_trade=*/false);
  fill_ok(7, "vt_7", 5'000'000, 400'000);
  const auto no_side = position(7);
  EXPECT_EQ(no_side.outcome_index, 1);
  EXPECT_EQ(no_side.cost, usd(2'000'000));
  EXPECT_FALSE(no_side.ft_position_id);
}

TEST_F(LtPositionsTest, AWinnerSettlesBesideItsTwinWithAPendingRedemption) {
  paper(1, 5'000'000);  // the twin: 10 shares for $5
  order(1, 1, 0, 10'000'000);
  fill_ok(1, "vt_1", 10'000'000, 550'001, 20'000);  // cost 5.50001
  EXPECT_TRUE(due().empty());                       // not resolved yet
  EXPECT_EQ(store_->settle_lt_position("ltp_1", "rdm_1", at_ms(9)).error().code, "not_resolved");

  ASSERT_TRUE(store_->record_resolution(resolution(1, 1, 0, 1)).ok());
  ASSERT_EQ(store_->settle_resolved_paper_positions(at_ms(99'000)).value(), 1);
  const auto items = store_->list_lt_positions_to_settle(10).value();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].payout_per_share, Price::one());
  EXPECT_EQ(items[0].resolution.winning_outcome_index, 0);

  const auto settled = settle(1, 100'000);
  EXPECT_TRUE(settled.applied);
  const auto& p = settled.position;
  EXPECT_EQ(p.status, LtPositionStatus::resolved);
  EXPECT_EQ(p.payout, usd(10'000'000));
  EXPECT_EQ(p.pnl, usd(10'000'000 - 5'500'010 - 20'000));
  EXPECT_EQ(p.resolved_at, at_ms(100'000));
  EXPECT_EQ(p.ft_position_id, "pp_1");
  EXPECT_EQ(p.ft_cost, usd(5'000'000));
  EXPECT_EQ(p.ft_pnl, usd(5'000'000));  // 10 shares pay 10, cost 5
  const auto& r = settled.redemption;
  EXPECT_EQ(r.id, "rdm_1");
  EXPECT_EQ(r.lt_position_id, "ltp_1");
  EXPECT_EQ(r.state, RedemptionState::pending);
  EXPECT_EQ(r.expected, usd(10'000'000));
  EXPECT_EQ(r.wallet_id, "wal_a");
  EXPECT_EQ(r.condition_id, market_id(1));
  EXPECT_EQ(r.attempts, 0);
  EXPECT_EQ(r.next_attempt_at, at_ms(100'000));
  EXPECT_FALSE(r.tx_hash);

  // Settling again changes nothing, whatever id and time it is given.
  auto again = store_->settle_lt_position("ltp_1", "rdm_other", at_ms(200'000));
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->applied);
  EXPECT_EQ(again->position.resolved_at, at_ms(100'000));
  EXPECT_EQ(again->redemption.id, "rdm_1");
  EXPECT_EQ(count("redemptions"), 1);
  EXPECT_TRUE(due().empty());
}

TEST_F(LtPositionsTest, ALoserIsClosedWithAClosedRedemption) {
  paper(2, 4'000'000);
  order(2, 2, 0, 8'000'000);
  fill_ok(2, "vt_2", 8'000'000, 450'000, 12'345);  // cost 3.6
  ASSERT_TRUE(store_->record_resolution(resolution(2, 0, 1, 1)).ok());
  ASSERT_EQ(store_->settle_resolved_paper_positions(at_ms(99'000)).value(), 1);
  const auto settled = settle(2);
  EXPECT_EQ(settled.position.status, LtPositionStatus::closed);
  EXPECT_EQ(settled.position.payout, usd(0));
  EXPECT_EQ(settled.position.pnl, usd(-3'600'000 - 12'345));
  EXPECT_EQ(settled.position.ft_cost, usd(4'000'000));
  EXPECT_EQ(settled.position.ft_pnl, usd(-4'000'000));
  EXPECT_EQ(settled.redemption.state, RedemptionState::closed);
  EXPECT_EQ(settled.redemption.expected, usd(0));
  EXPECT_FALSE(settled.redemption.next_attempt_at);
}

TEST_F(LtPositionsTest, AFiftyFiftyPaysHalfRoundedDown) {
  order(3, 3, 0, 3'000'001);
  fill_ok(3, "vt_3", 3'000'001, 500'000);  // cost 1.5000005 -> 1.500001
  ASSERT_TRUE(store_->record_resolution(resolution(3, 1, 1, 2)).ok());
  const auto items = store_->list_lt_positions_to_settle(10).value();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].payout_per_share, price(500'000));
  const auto settled = settle(3);
  EXPECT_EQ(settled.position.status, LtPositionStatus::resolved);
  EXPECT_EQ(settled.position.payout, usd(1'500'000));  // 1.5000005 rounded down
  EXPECT_EQ(settled.position.pnl, usd(-1));
  EXPECT_FALSE(settled.position.ft_position_id);  // the twin took no position
  EXPECT_FALSE(settled.position.ft_cost);
  EXPECT_EQ(settled.redemption.state, RedemptionState::pending);
  EXPECT_EQ(settled.redemption.expected, usd(1'500'000));
}

TEST_F(LtPositionsTest, APositionWaitsWhileItsOrderIsLive) {
  order(1, 1, 0, 10'000'000);
  fill_ok(1, "vt_1", 4'000'000, 500'000);  // partially filled: may still fill
  ASSERT_TRUE(store_->record_resolution(resolution(1, 1, 0, 1)).ok());
  EXPECT_TRUE(due().empty());
  EXPECT_EQ(store_->settle_lt_position("ltp_1", "rdm_1", at_ms(9)).error().code,
            "order_still_live");
  EXPECT_EQ(position(1).status, LtPositionStatus::open);
  ASSERT_TRUE(store_->end_order("ord_1", OrderState::expired, std::nullopt, at_ms(9)).ok());
  EXPECT_EQ(due(), std::vector<std::string>{"ltp_1"});
  EXPECT_EQ(settle(1).position.payout, usd(4'000'000));
  EXPECT_EQ(store_->settle_lt_position("ltp_none", "rdm_x", at_ms(9)).error().code, "not_found");
}

TEST_F(LtPositionsTest, AFailedSettlementOrFillLeavesNothingHalfWritten) {
  order(1, 1, 0, 10'000'000);
  order(4, 1, 0, 10'000'000);
  fill_ok(1, "vt_1", 10'000'000, 500'000);
  fill_ok(4, "vt_4", 10'000'000, 500'000);
  ASSERT_TRUE(store_->record_resolution(resolution(1, 1, 0, 1)).ok());
  EXPECT_TRUE(settle(1).applied);
  // The redemption insert fails (its id is taken): the position's settlement rolls back.
  const auto refused = store_->settle_lt_position("ltp_4", "rdm_1", at_ms(100'000));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "conflict");
  const auto still = position(4);
  EXPECT_EQ(still.status, LtPositionStatus::open);
  EXPECT_FALSE(still.payout || still.pnl || still.resolved_at);
  EXPECT_EQ(count("redemptions"), 1);
  EXPECT_EQ(due(), std::vector<std::string>{"ltp_4"});

  // A fill for a settled position: the fill row, the order and the position stay as they were.
  order(5, 1, 0, 10'000'000, /*with_trade=*/false);
  fill_ok(5, "vt_5a", 4'000'000, 500'000);
  ASSERT_TRUE(store_->end_order("ord_5", OrderState::cancelled, std::nullopt, at_ms(9)).ok());
  EXPECT_TRUE(settle(5).applied);
  const auto late = fill(5, "vt_5b", 1'000'000, 500'000, 0, 7'000);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, "position_settled");
  EXPECT_EQ(store_->list_order_fills("ord_5").value().size(), 1u);
  EXPECT_EQ(store_->find_order("ord_5").value()->filled_size, shares(4'000'000));
  EXPECT_EQ(position(5).shares, shares(4'000'000));
  EXPECT_EQ(position(5).payout, usd(4'000'000));
}

TEST_F(LtPositionsTest, ReadsAreScopedPagedAndNewestFirst) {
  for (int n = 1; n <= 3; ++n) {
    order(n, n, 0, 2'000'000);
    fill_ok(n, "vt_" + std::to_string(n), 2'000'000, 500'000, 0, 4'000 + n);
  }
  ASSERT_TRUE(store_->record_resolution(resolution(2, 1, 0, 1)).ok());
  EXPECT_TRUE(settle(2).applied);

  std::vector<std::string> ids;
  for (const auto& p : positions()) ids.push_back(p.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"ltp_3", "ltp_2", "ltp_1"}));
  LtPositionQuery open;
  open.status = LtPositionStatus::open;
  open.limit = 1;
  open.offset = 1;
  const auto page = positions(open);
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].id, "ltp_1");
  LtPositionQuery resolved;
  resolved.status = LtPositionStatus::resolved;
  ASSERT_EQ(positions(resolved).size(), 1u);
  LtPositionQuery bad;
  bad.limit = 0;
  EXPECT_EQ(store_->list_lt_positions("usr_a", "lt_a", bad).error().code, "invalid_limit");

  const auto redemptions = store_->list_redemptions("usr_a", "lt_a").value();
  ASSERT_EQ(redemptions.size(), 1u);
  EXPECT_EQ(redemptions[0].lt_position_id, "ltp_2");

  // Another user's strategy, or an unknown one, reads as absent.
  EXPECT_EQ(store_->list_lt_positions("usr_b", "lt_a", {}).error().code, "not_found");
  EXPECT_EQ(store_->get_lt_performance("usr_b", "lt_a").error().code, "not_found");
  EXPECT_EQ(store_->list_redemptions("usr_b", "lt_a").error().code, "not_found");
  EXPECT_EQ(store_->list_lt_positions("usr_a", "lt_none", {}).error().code, "not_found");
}

TEST_F(LtPositionsTest, PerformanceSumsLtBesideTheTwinWithSignalsAndRedemptions) {
  paper(1, 5'000'000);
  paper(2, 4'000'000);
  order(1, 1, 0, 10'000'000);                       // wins
  order(2, 2, 0, 8'000'000);                        // loses
  order(3, 3, 0, 6'000'000);                        // stays open
  fill_ok(1, "vt_1", 10'000'000, 550'000, 20'000);  // cost 5.5
  fill_ok(2, "vt_2", 8'000'000, 450'000, 10'000);   // cost 3.6
  fill_ok(3, "vt_3", 6'000'000, 500'000, 1'000);    // cost 3
  ASSERT_TRUE(store_->record_resolution(resolution(1, 1, 0, 1)).ok());
  ASSERT_TRUE(store_->record_resolution(resolution(2, 0, 1, 1)).ok());
  ASSERT_EQ(store_->settle_resolved_paper_positions(at_ms(99'000)).value(), 2);
  settle(1);
  settle(2);

  std::vector<LtSignalRecord> signals;
  const auto signal = [&](int n, const std::optional<std::string>& reason) {
    LtSignalRecord s;
    s.lt_strategy_id = "lt_a";
    s.outcome.id = "sig_lt_" + std::to_string(n);
    s.outcome.source_trade_id = trade(n, 1 + (n - 1) % 3, 0).id;
    s.outcome.accepted = !reason;
    s.outcome.reason_code = reason;
    s.outcome.evaluated_at = at_ms(2'500 + n);
    signals.push_back(s);
  };
  signal(1, std::nullopt);
  signal(2, std::nullopt);
  signal(3, std::nullopt);
  signal(4, "price_out_of_range");
  signal(5, "daily_budget_exceeded");
  signal(6, "price_out_of_range");
  ASSERT_TRUE(store_->record_lt_signals(signals).ok());

  const auto perf = store_->get_lt_performance("usr_a", "lt_a").value();
  EXPECT_EQ(perf.starting_equity, usd(1'000'000'000));
  EXPECT_EQ(perf.open_positions, 1);
  EXPECT_EQ(perf.open_cost, usd(3'000'000));
  EXPECT_EQ(perf.resolved_positions, 2);
  EXPECT_EQ(perf.winning_positions, 1);
  EXPECT_EQ(perf.losing_positions, 1);
  EXPECT_EQ(perf.resolved_cost, usd(5'500'000 + 3'600'000));
  EXPECT_EQ(perf.resolved_fees, usd(30'000));
  EXPECT_EQ(perf.resolved_payout, usd(10'000'000));
  EXPECT_EQ(perf.realised_pnl, usd(10'000'000 - 9'100'000 - 30'000));
  EXPECT_EQ(perf.ft_resolved_cost, usd(9'000'000));
  EXPECT_EQ(perf.ft_realised_pnl, usd(5'000'000 - 4'000'000));
  EXPECT_EQ(perf.signals, 6);
  ASSERT_EQ(perf.by_reason.size(), 3u);
  EXPECT_EQ(perf.by_reason[0].reason, "accepted");
  EXPECT_EQ(perf.by_reason[0].count, 3);
  EXPECT_EQ(perf.by_reason[1].reason, "daily_budget_exceeded");
  EXPECT_EQ(perf.by_reason[1].count, 1);
  EXPECT_EQ(perf.by_reason[2].reason, "price_out_of_range");
  EXPECT_EQ(perf.by_reason[2].count, 2);
  EXPECT_EQ(perf.redemptions_pending, 1);
  EXPECT_EQ(perf.redemptions_pending_usd, usd(10'000'000));

  // The FT signals of the twin are not the LT strategy's.
  const auto twin = store_->get_ft_performance("usr_a", "ft_a").value();
  EXPECT_EQ(twin.signals, 2);
}

}  // namespace
}  // namespace polycopy::store
