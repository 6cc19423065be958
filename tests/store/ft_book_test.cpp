// Forward testing against a real SQLite file: evaluation outcomes stored all or nothing, the
// strategy's book, settling paper positions once their market resolves, the owner-scoped
// reports (positions, signals, performance) and the engine's market and strategy queries.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>

#include "store/sql/query.hpp"
#include "store/sqlite/sqlite_connection.hpp"
#include "store/store_fixture.hpp"

namespace polycopy::store {
namespace {

using core::Price;
using core::Ratio;
using core::Shares;
using core::Usd;
using testing::address;
using testing::at_ms;
using testing::make_ft;
using testing::make_user;

std::string hex64(int n) {
  char buffer[67];
  std::snprintf(buffer, sizeof buffer, "0x%064x", n);
  return buffer;
}

std::string market_id(int m) {
  return hex64(0x2000 + m);
}
std::string token(int m, int outcome) {
  return std::to_string(100 * m + 10 + outcome);
}

// Trade n buys outcome `outcome` of market m.
SourceTradeRecord trade(int n, int m, int outcome) {
  SourceTradeRecord t;
  t.trader_address = address(1);
  t.tx_hash = hex64(n);
  t.condition_id = market_id(m);
  t.token_id = token(m, outcome);
  t.id = source_trade_id(t.tx_hash, t.token_id, t.trader_address);
  t.outcome_index = outcome;
  t.side = TradeSide::buy;
  t.price = Price::from_micros(400'000).value();
  t.size = Shares::from_micros(10'000'000);
  t.usd = Usd::from_micros(4'000'000);
  t.traded_at = at_ms(1'000 + n);
  t.received_at = at_ms(2'000 + n);
  return t;
}

FtOutcome rejected(const std::string& id, const std::string& ft, const SourceTradeRecord& t,
                   const std::string& reason, std::int64_t at) {
  FtOutcome o;
  o.signal.id = id;
  o.signal.ft_strategy_id = ft;
  o.signal.source_trade_id = t.id;
  o.signal.accepted = false;
  o.signal.reason_code = reason;
  o.signal.detail = "why: " + reason;
  o.signal.evaluated_at = at_ms(at);
  return o;
}

// Accepted at entry price `price_micros` for `cost_micros`: shares = cost / price rounded down.
FtOutcome accepted(const std::string& id, const std::string& ft, const SourceTradeRecord& t,
                   std::int64_t price_micros, std::int64_t cost_micros, std::int64_t at) {
  FtOutcome o;
  o.signal.id = "sig_" + id;
  o.signal.ft_strategy_id = ft;
  o.signal.source_trade_id = t.id;
  o.signal.accepted = true;
  o.signal.entry_price = Price::from_micros(price_micros).value();
  o.signal.bet_usd = Usd::from_micros(cost_micros);
  o.signal.edge = Ratio::from_micros(-12'000);
  o.signal.conviction = Ratio::from_micros(1'500'000);
  o.signal.evaluated_at = at_ms(at);
  PaperPositionRecord p;
  p.id = "pp_" + id;
  p.ft_strategy_id = ft;
  p.source_trade_id = t.id;
  p.condition_id = t.condition_id;
  p.token_id = t.token_id;
  p.outcome_index = t.outcome_index.value();
  p.entry_price = *o.signal.entry_price;
  p.shares = core::shares_for(Usd::from_micros(cost_micros), p.entry_price, core::Rounding::down);
  p.cost = Usd::from_micros(cost_micros);
  p.opened_at = at_ms(at);
  o.position = p;
  return o;
}

ResolutionRecord resolution(int m, std::int64_t n0, std::int64_t n1, std::int64_t den) {
  std::optional<std::int64_t> winner;
  if (n0 == den) winner = 0;
  if (n1 == den) winner = 1;
  return ResolutionRecord{market_id(m), winner, n0, n1, den, at_ms(50'000), at_ms(50'001)};
}

class FtBookTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ASSERT_TRUE(store_->insert_user(make_user("usr_a", "alice")).ok());
    ASSERT_TRUE(store_->insert_user(make_user("usr_b", "bob")).ok());
    FtStrategy a = make_ft("ft_a", "usr_a", "alpha");
    a.params.starting_cash = Usd::from_micros(1'000'000'000);  // $1000
    ASSERT_TRUE(store_->insert_ft_strategy(a).ok());
    FtStrategy b = make_ft("ft_b", "usr_b", "beta");
    b.params.starting_cash = Usd::from_micros(500'000'000);
    ASSERT_TRUE(store_->insert_ft_strategy(b).ok());
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
    for (int n = 1; n <= 8; ++n) trades_.push_back(trade(n, 1 + (n - 1) % 3, n % 2));
    ASSERT_EQ(store_->insert_source_trades(trades_).value().size(), trades_.size());
  }

  void record(const std::vector<FtOutcome>& outcomes) {
    auto ok = store_->record_ft_outcomes(outcomes);
    ASSERT_TRUE(ok.ok()) << ok.error().to_string();
  }
  std::int64_t count(const std::string& table) {
    auto connection = sqlite::open_sqlite_connection(path_);
    auto rows = sql::query(**connection, "SELECT COUNT(*) FROM " + table);
    return rows->front().front().integer();
  }
  std::vector<std::string> position_ids(const std::string& user, const std::string& ft,
                                        const PaperPositionQuery& q) {
    auto found = store_->list_paper_positions(user, ft, q);
    std::vector<std::string> ids;
    if (!found.ok()) {
      ADD_FAILURE() << found.error().to_string();
      return ids;
    }
    for (const auto& p : *found) ids.push_back(p.id);
    return ids;
  }
  std::vector<std::string> signal_ids(const std::string& user, const std::string& ft,
                                      const SignalQuery& q) {
    auto found = store_->list_ft_signals(user, ft, q);
    std::vector<std::string> ids;
    if (!found.ok()) {
      ADD_FAILURE() << found.error().to_string();
      return ids;
    }
    for (const auto& s : *found) ids.push_back(s.id);
    return ids;
  }

  std::vector<SourceTradeRecord> trades_;  // trade n (1-based) is trades_[n - 1]
};

TEST_F(FtBookTest, OutcomesRoundTripAndMoveTheBook) {
  auto book = store_->get_ft_book("ft_a");
  ASSERT_TRUE(book.ok()) << book.error().to_string();
  EXPECT_EQ(book->cash, Usd::from_micros(1'000'000'000));
  EXPECT_TRUE(book->open_token_ids.empty());

  const auto a1 = accepted("1", "ft_a", trades_[0], 400'000, 10'000'000, 100);  // token 111
  const auto a2 = accepted("2", "ft_a", trades_[3], 300'000, 7'000'000, 200);   // token 110
  const auto a3 = accepted("3", "ft_a", trades_[6], 300'000, 1'000'000, 300);   // token 111
  record({a1, rejected("sig_r", "ft_a", trades_[1], "price_out_of_range", 150), a2, a3});

  book = store_->get_ft_book("ft_a");
  ASSERT_TRUE(book.ok());
  EXPECT_EQ(book->cash, Usd::from_micros(1'000'000'000 - 18'000'000));
  EXPECT_EQ(book->open_token_ids, (std::vector<std::string>{"110", "111"}));  // distinct, asc
  // Another strategy's book is untouched; an unknown one is not found.
  EXPECT_EQ(store_->get_ft_book("ft_b").value().cash, Usd::from_micros(500'000'000));
  EXPECT_EQ(store_->get_ft_book("ft_zz").error().code, "not_found");

  const auto positions = store_->list_paper_positions("usr_a", "ft_a", {}).value();
  ASSERT_EQ(positions.size(), 3u);
  const auto& p = positions.back();  // oldest last
  const auto& expected = *a1.position;
  EXPECT_EQ(p.id, expected.id);
  EXPECT_EQ(p.ft_strategy_id, "ft_a");
  EXPECT_EQ(p.source_trade_id, trades_[0].id);
  EXPECT_EQ(p.condition_id, expected.condition_id);
  EXPECT_EQ(p.token_id, expected.token_id);
  EXPECT_EQ(p.outcome_index, 1);
  EXPECT_EQ(p.entry_price, expected.entry_price);
  EXPECT_EQ(p.shares, Shares::from_micros(25'000'000));
  EXPECT_EQ(p.cost, Usd::from_micros(10'000'000));
  EXPECT_EQ(p.status, PaperPositionStatus::open);
  EXPECT_FALSE(p.payout.has_value());
  EXPECT_FALSE(p.pnl.has_value());
  EXPECT_EQ(p.opened_at, at_ms(100));
  EXPECT_FALSE(p.resolved_at.has_value());

  const auto signals = store_->list_ft_signals("usr_a", "ft_a", {}).value();
  ASSERT_EQ(signals.size(), 4u);
  const auto& r = signals[2];  // evaluated at 150: newest first
  EXPECT_EQ(r.id, "sig_r");
  EXPECT_FALSE(r.accepted);
  EXPECT_EQ(r.reason_code, "price_out_of_range");
  EXPECT_EQ(r.detail, "why: price_out_of_range");
  EXPECT_FALSE(r.entry_price.has_value());
  EXPECT_FALSE(r.bet_usd.has_value());
  const auto& s = signals[3];
  EXPECT_EQ(s.id, "sig_1");
  EXPECT_TRUE(s.accepted);
  EXPECT_FALSE(s.reason_code.has_value());
  EXPECT_EQ(s.entry_price, Price::from_micros(400'000).value());
  EXPECT_EQ(s.bet_usd, Usd::from_micros(10'000'000));
  EXPECT_EQ(s.edge, Ratio::from_micros(-12'000));
  EXPECT_EQ(s.conviction, Ratio::from_micros(1'500'000));
  EXPECT_EQ(s.evaluated_at, at_ms(100));

  // Evaluated trades leave the strategy's to-do list.
  EXPECT_EQ(store_->unprocessed_source_trades_for_ft("ft_a", 100).value().size(), 4u);
}

TEST_F(FtBookTest, ASecondEvaluationOfATradeRefusesTheWholeBatch) {
  record({accepted("1", "ft_a", trades_[0], 400'000, 10'000'000, 100)});
  const auto signals_before = count("strategy_signals");
  const auto positions_before = count("paper_positions");

  // A new outcome first, then one for an already evaluated trade (as a rejection now).
  auto fresh = accepted("2", "ft_a", trades_[1], 500'000, 5'000'000, 200);
  auto again = rejected("sig_again", "ft_a", trades_[0], "already_held", 210);
  auto refused = store_->record_ft_outcomes({fresh, again});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "conflict");
  EXPECT_EQ(count("strategy_signals"), signals_before);
  EXPECT_EQ(count("paper_positions"), positions_before);
  EXPECT_EQ(store_->get_ft_book("ft_a").value().cash, Usd::from_micros(990'000'000));

  // The same trade twice within one batch is refused as well.
  auto twice = rejected("sig_twice", "ft_a", trades_[1], "stale", 220);
  refused = store_->record_ft_outcomes({fresh, twice});
  EXPECT_EQ(refused.error().code, "conflict");
  EXPECT_EQ(count("strategy_signals"), signals_before);
  EXPECT_EQ(count("paper_positions"), positions_before);

  // Another strategy may evaluate the same trade.
  record({rejected("sig_b", "ft_b", trades_[0], "stale", 230)});
  EXPECT_EQ(count("strategy_signals"), signals_before + 1);
  // And the refused fresh outcome goes through alone.
  record({fresh});
  EXPECT_EQ(count("paper_positions"), positions_before + 1);
}

TEST_F(FtBookTest, MalformedOutcomesAreRefusedBeforeAnythingIsStored) {
  auto no_position = accepted("1", "ft_a", trades_[0], 400'000, 10'000'000, 100);
  no_position.position.reset();
  auto with_reason = accepted("2", "ft_a", trades_[1], 400'000, 10'000'000, 100);
  with_reason.signal.reason_code = "stale";
  auto rejected_with_position = accepted("3", "ft_a", trades_[2], 400'000, 10'000'000, 100);
  rejected_with_position.signal.accepted = false;
  rejected_with_position.signal.reason_code = "stale";
  auto no_reason = rejected("sig_4", "ft_a", trades_[3], "", 100);
  auto other_trade = accepted("5", "ft_a", trades_[4], 400'000, 10'000'000, 100);
  other_trade.position->source_trade_id = trades_[5].id;
  auto settled = accepted("6", "ft_a", trades_[5], 400'000, 10'000'000, 100);
  settled.position->status = PaperPositionStatus::resolved;
  const auto good = rejected("sig_ok", "ft_a", trades_[6], "stale", 100);
  for (const auto& bad :
       {no_position, with_reason, rejected_with_position, no_reason, other_trade, settled}) {
    auto refused = store_->record_ft_outcomes({good, bad});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "invalid_outcome") << refused.error().to_string();
  }
  EXPECT_EQ(count("strategy_signals"), 0);
  EXPECT_EQ(count("paper_positions"), 0);
  // An unknown strategy or trade is refused by the foreign keys, rolling back the batch.
  auto unknown = rejected("sig_u", "ft_zz", trades_[0], "stale", 100);
  EXPECT_EQ(store_->record_ft_outcomes({good, unknown}).error().code, "foreign_key");
  EXPECT_EQ(count("strategy_signals"), 0);
  EXPECT_TRUE(store_->record_ft_outcomes({}).ok());
}

TEST_F(FtBookTest, SettlingPaysOutRoundedDownAndIsIdempotent) {
  // trades_[0]: market 1 outcome 1; trades_[1]: market 2 outcome 0; trades_[2]: market 3
  // outcome 1; trades_[3]: market 1 outcome 0.
  record({accepted("1", "ft_a", trades_[0], 300'000, 1'000'000, 100),            // 3.333333 shares
          accepted("2", "ft_a", trades_[1], 700'000, 2'000'000, 110),            // 2.857142 shares
          accepted("3", "ft_a", trades_[2], 500'000, 4'000'000, 120),            // market 3: open
          accepted("4", "ft_a", trades_[3], 250'000, 1'000'000, 130),            // 4 shares, loses
          accepted("5", "ft_b", trades_[0], 400'000, 2'000'000, 140)});          // 5 shares
  EXPECT_EQ(store_->settle_resolved_paper_positions(at_ms(60'000)).value(), 0);  // none resolved

  ASSERT_TRUE(store_->record_resolution(resolution(1, 0, 1, 1)).ok());  // outcome 1 wins
  ASSERT_TRUE(store_->record_resolution(resolution(2, 1, 1, 2)).ok());  // 50/50
  auto settled = store_->settle_resolved_paper_positions(at_ms(60'000));
  ASSERT_TRUE(settled.ok()) << settled.error().to_string();
  EXPECT_EQ(*settled, 4);  // both strategies

  const auto all = store_->list_paper_positions("usr_a", "ft_a", {}).value();
  ASSERT_EQ(all.size(), 4u);
  std::map<std::string, PaperPositionRecord> by_id;
  for (const auto& p : all) by_id[p.id] = p;
  const auto& won = by_id.at("pp_1");
  EXPECT_EQ(won.status, PaperPositionStatus::resolved);
  EXPECT_EQ(won.shares, Shares::from_micros(3'333'333));
  EXPECT_EQ(won.payout, Usd::from_micros(3'333'333));
  EXPECT_EQ(won.pnl, Usd::from_micros(2'333'333));
  EXPECT_EQ(won.resolved_at, at_ms(60'000));
  const auto& half = by_id.at("pp_2");
  EXPECT_EQ(half.shares, Shares::from_micros(2'857'142));
  EXPECT_EQ(half.payout, Usd::from_micros(1'428'571));  // 2857142 / 2
  EXPECT_EQ(half.pnl, Usd::from_micros(1'428'571 - 2'000'000));
  const auto& lost = by_id.at("pp_4");
  EXPECT_EQ(lost.payout, Usd::from_micros(0));
  EXPECT_EQ(lost.pnl, Usd::from_micros(-1'000'000));
  const auto& open = by_id.at("pp_3");
  EXPECT_EQ(open.status, PaperPositionStatus::open);
  EXPECT_FALSE(open.payout.has_value());

  // cash = 1000 - (1 + 2 + 4 + 1) + (3.333333 + 1.428571 + 0)
  const auto book = store_->get_ft_book("ft_a").value();
  EXPECT_EQ(book.cash, Usd::from_micros(1'000'000'000 - 8'000'000 + 4'761'904));
  EXPECT_EQ(book.open_token_ids, std::vector<std::string>{token(3, 1)});
  EXPECT_EQ(store_->get_ft_book("ft_b").value().cash,
            Usd::from_micros(500'000'000 - 2'000'000 + 5'000'000));

  // Settling again changes nothing, not even the settlement time.
  EXPECT_EQ(store_->settle_resolved_paper_positions(at_ms(70'000)).value(), 0);
  const auto again = store_->list_paper_positions("usr_a", "ft_a", {}).value();
  for (const auto& p : again) {
    if (p.status == PaperPositionStatus::resolved) {
      EXPECT_EQ(p.resolved_at, at_ms(60'000)) << p.id;
    }
  }
  EXPECT_EQ(store_->get_ft_book("ft_a").value().cash, book.cash);

  // The last market resolves later: only its position is settled.
  ASSERT_TRUE(store_->record_resolution(resolution(3, 0, 1, 1)).ok());
  EXPECT_EQ(store_->settle_resolved_paper_positions(at_ms(80'000)).value(), 1);
  EXPECT_TRUE(store_->get_ft_book("ft_a").value().open_token_ids.empty());
}

TEST_F(FtBookTest, ReportsAreScopedToTheOwner) {
  record({accepted("1", "ft_a", trades_[0], 400'000, 1'000'000, 100)});
  EXPECT_EQ(store_->list_paper_positions("usr_b", "ft_a", {}).error().code, "not_found");
  EXPECT_EQ(store_->list_ft_signals("usr_b", "ft_a", {}).error().code, "not_found");
  EXPECT_EQ(store_->get_ft_performance("usr_b", "ft_a").error().code, "not_found");
  EXPECT_EQ(store_->list_paper_positions("usr_a", "ft_zz", {}).error().code, "not_found");
  EXPECT_EQ(store_->list_ft_signals("usr_a", "ft_zz", {}).error().code, "not_found");
  EXPECT_EQ(store_->get_ft_performance("usr_a", "ft_zz").error().code, "not_found");
  EXPECT_EQ(position_ids("usr_a", "ft_a", {}), std::vector<std::string>{"pp_1"});
  EXPECT_TRUE(position_ids("usr_b", "ft_b", {}).empty());  // own strategy, nothing yet
}

TEST_F(FtBookTest, ListsFilterAndPageNewestFirst) {
  // Positions opened at 100..500; two share a time (ties: id descending).
  record({accepted("1", "ft_a", trades_[0], 400'000, 1'000'000, 100),
          accepted("2", "ft_a", trades_[1], 400'000, 1'000'000, 300),
          accepted("3", "ft_a", trades_[2], 400'000, 1'000'000, 300),
          accepted("4", "ft_a", trades_[3], 400'000, 1'000'000, 400),
          rejected("sig_r1", "ft_a", trades_[4], "stale", 150),
          rejected("sig_r2", "ft_a", trades_[5], "price_out_of_range", 250),
          rejected("sig_r3", "ft_a", trades_[6], "stale", 350)});
  ASSERT_TRUE(store_->record_resolution(resolution(1, 1, 0, 1)).ok());  // pp_1, pp_4: market 1
  ASSERT_EQ(store_->settle_resolved_paper_positions(at_ms(1'000)).value(), 2);

  using Ids = std::vector<std::string>;
  EXPECT_EQ(position_ids("usr_a", "ft_a", {}), (Ids{"pp_4", "pp_3", "pp_2", "pp_1"}));
  EXPECT_EQ(position_ids("usr_a", "ft_a", {PaperPositionStatus::open, 100, 0}),
            (Ids{"pp_3", "pp_2"}));
  EXPECT_EQ(position_ids("usr_a", "ft_a", {PaperPositionStatus::resolved, 100, 0}),
            (Ids{"pp_4", "pp_1"}));
  EXPECT_EQ(position_ids("usr_a", "ft_a", {std::nullopt, 2, 1}), (Ids{"pp_3", "pp_2"}));
  EXPECT_EQ(position_ids("usr_a", "ft_a", {std::nullopt, 2, 3}), (Ids{"pp_1"}));
  EXPECT_TRUE(position_ids("usr_a", "ft_a", {std::nullopt, 2, 4}).empty());

  EXPECT_EQ(signal_ids("usr_a", "ft_a", {}),
            (Ids{"sig_4", "sig_r3", "sig_3", "sig_2", "sig_r2", "sig_r1", "sig_1"}));
  EXPECT_EQ(signal_ids("usr_a", "ft_a", {"stale", 100, 0}), (Ids{"sig_r3", "sig_r1"}));
  EXPECT_EQ(signal_ids("usr_a", "ft_a", {"accepted", 100, 0}),
            (Ids{"sig_4", "sig_3", "sig_2", "sig_1"}));
  EXPECT_EQ(signal_ids("usr_a", "ft_a", {"accepted", 2, 1}), (Ids{"sig_3", "sig_2"}));
  EXPECT_TRUE(signal_ids("usr_a", "ft_a", {"no_such_reason", 100, 0}).empty());
  EXPECT_EQ(signal_ids("usr_a", "ft_a", {std::nullopt, 3, 5}), (Ids{"sig_r1", "sig_1"}));

  EXPECT_EQ(store_->list_ft_signals("usr_a", "ft_a", {std::nullopt, 0, 0}).error().code,
            "invalid_limit");
  EXPECT_EQ(store_->list_paper_positions("usr_a", "ft_a", {std::nullopt, 10, -1}).error().code,
            "invalid_offset");
}

TEST_F(FtBookTest, PerformanceSumsPositionsAndCountsSignalsByReason) {
  auto perf = store_->get_ft_performance("usr_a", "ft_a");
  ASSERT_TRUE(perf.ok()) << perf.error().to_string();
  EXPECT_EQ(perf->starting_cash, Usd::from_micros(1'000'000'000));
  EXPECT_EQ(perf->cash, Usd::from_micros(1'000'000'000));
  EXPECT_EQ(perf->signals, 0);
  EXPECT_TRUE(perf->by_reason.empty());

  // trades_[0] and trades_[3] are market 1 (outcomes 1 and 0), trades_[6] market 1 outcome 1,
  // trades_[1] market 2.
  record({accepted("1", "ft_a", trades_[0], 500'000, 2'000'000, 100),  // wins 4
          accepted("2", "ft_a", trades_[3], 500'000, 3'000'000, 110),  // loses 3
          accepted("3", "ft_a", trades_[6], 1, 1, 120),                // 1 share, wins 1
          accepted("4", "ft_a", trades_[1], 500'000, 5'000'000, 130),  // open
          rejected("sig_r1", "ft_a", trades_[2], "stale", 140),
          rejected("sig_r2", "ft_a", trades_[4], "price_out_of_range", 150),
          rejected("sig_r3", "ft_a", trades_[5], "stale", 160),
          rejected("sig_rb", "ft_b", trades_[5], "zzz", 160)});  // another strategy
  ASSERT_TRUE(store_->record_resolution(resolution(1, 0, 1, 1)).ok());
  ASSERT_EQ(store_->settle_resolved_paper_positions(at_ms(1'000)).value(), 3);

  perf = store_->get_ft_performance("usr_a", "ft_a");
  ASSERT_TRUE(perf.ok()) << perf.error().to_string();
  EXPECT_EQ(perf->open_positions, 1);
  EXPECT_EQ(perf->open_cost, Usd::from_micros(5'000'000));
  EXPECT_EQ(perf->resolved_positions, 3);
  EXPECT_EQ(perf->resolved_cost, Usd::from_micros(5'000'001));
  EXPECT_EQ(perf->resolved_payout, Usd::from_micros(4'000'000 + 1'000'000));
  EXPECT_EQ(perf->realised_pnl, Usd::from_micros(-1));
  EXPECT_EQ(perf->winning_positions, 2);
  EXPECT_EQ(perf->losing_positions, 1);
  EXPECT_EQ(perf->cash, Usd::from_micros(1'000'000'000 - 10'000'001 + 5'000'000));
  EXPECT_EQ(perf->cash, store_->get_ft_book("ft_a").value().cash);
  EXPECT_EQ(perf->signals, 7);
  ASSERT_EQ(perf->by_reason.size(), 3u);
  EXPECT_EQ(perf->by_reason[0].reason, "accepted");
  EXPECT_EQ(perf->by_reason[0].count, 4);
  EXPECT_EQ(perf->by_reason[1].reason, "price_out_of_range");
  EXPECT_EQ(perf->by_reason[1].count, 1);
  EXPECT_EQ(perf->by_reason[2].reason, "stale");
  EXPECT_EQ(perf->by_reason[2].count, 2);

  const auto other = store_->get_ft_performance("usr_b", "ft_b").value();
  EXPECT_EQ(other.signals, 1);
  EXPECT_EQ(other.open_positions, 0);
  EXPECT_EQ(other.cash, Usd::from_micros(500'000'000));
}

TEST_F(FtBookTest, ActiveStrategiesAreTheUnpausedOnesOfEveryUser) {
  FtStrategy paused = make_ft("ft_p", "usr_a", "paused one");
  paused.paused = true;
  paused.params.target_traders = {address(9)};
  ASSERT_TRUE(store_->insert_ft_strategy(paused).ok());
  FtStrategy c = make_ft("ft_c", "usr_b", "gamma");
  c.params.target_traders = {address(4), address(2)};
  c.params.categories = {"sports"};
  ASSERT_TRUE(store_->insert_ft_strategy(c).ok());
  auto active = store_->list_active_ft_strategies();
  ASSERT_TRUE(active.ok()) << active.error().to_string();
  ASSERT_EQ(active->size(), 3u);
  EXPECT_EQ((*active)[0].id, "ft_a");  // same creation time: by id
  EXPECT_EQ((*active)[1].id, "ft_b");
  EXPECT_EQ((*active)[2].id, "ft_c");
  testing::expect_same((*active)[2], c);

  paused.paused = false;
  paused.updated_at = at_ms(1'700'000'009'000);
  ASSERT_TRUE(store_->update_ft_strategy(paused).ok());
  EXPECT_EQ(store_->list_active_ft_strategies().value().size(), 4u);
}

TEST_F(FtBookTest, MarketQueriesForTheMarketCache) {
  // Trades of two markets nobody stored yet (one twice), and of the three stored ones.
  auto unknown = [](int n, int m) { return trade(n, m, 0); };
  ASSERT_EQ(
      store_->insert_source_trades({unknown(20, 9), unknown(21, 7), unknown(22, 9), unknown(23, 8)})
          .value()
          .size(),
      4u);
  using Ids = std::vector<std::string>;
  EXPECT_EQ(store_->unknown_trade_conditions(10).value(),
            (Ids{market_id(7), market_id(8), market_id(9)}));
  EXPECT_EQ(store_->unknown_trade_conditions(2).value(), (Ids{market_id(7), market_id(8)}));
  EXPECT_EQ(store_->unknown_trade_conditions(0).error().code, "invalid_limit");

  EXPECT_EQ(store_->open_market_conditions().value(),
            (Ids{market_id(1), market_id(2), market_id(3)}));
  MarketRecord closed;
  closed.condition_id = market_id(2);
  closed.question = "Q2";
  closed.closed = true;
  closed.updated_at = at_ms(2);
  ASSERT_TRUE(store_->upsert_market(closed, {}).ok());
  MarketRecord learned;
  learned.condition_id = market_id(8);
  learned.question = "Q8";
  learned.updated_at = at_ms(2);
  ASSERT_TRUE(store_->upsert_market(learned, {}).ok());
  // Closed without a recorded resolution: still refreshed, so the resolution is not missed.
  EXPECT_EQ(store_->open_market_conditions().value(),
            (Ids{market_id(1), market_id(2), market_id(3), market_id(8)}));
  EXPECT_EQ(store_->unknown_trade_conditions(10).value(), (Ids{market_id(7), market_id(9)}));
  ResolutionRecord resolution;
  resolution.condition_id = market_id(2);
  resolution.winning_outcome_index = 0;
  resolution.payout_numerator_0 = 1;
  resolution.payout_denominator = 1;
  resolution.resolved_at = at_ms(3);
  resolution.recorded_at = at_ms(3);
  ASSERT_TRUE(store_->record_resolution(resolution).ok());
  EXPECT_EQ(store_->open_market_conditions().value(),
            (Ids{market_id(1), market_id(3), market_id(8)}));
}

}  // namespace
}  // namespace polycopy::store
