#include "engine/redemption_setup.hpp"

#include <gtest/gtest.h>

#include "engine/live_setup.hpp"
#include "engine/lt_resolver.hpp"

namespace polycopy::engine::testing {

std::string redemption_question(int n) {
  const std::string digits = std::to_string(n);
  return "0x" + std::string(64 - digits.size(), 'c') + digits;
}

store::Wallet store_redeeming_strategy(store::Store& db, const core::SecretBox& box,
                                       core::Timestamp now, const LocalEvm& evm) {
  store_user(db, now);
  const auto key = evm.deployment()["wallets"][0]["private_key"].get<std::string>();
  auto wallet = store_wallet(db, box, key, now);
  store_live_pair(db, now);
  return wallet;
}

// A market on chain and in the store; wallet 0 holds `shares` of its Yes and its No
// positions (split collateral), and the LT strategy bought `shares` Yes at 0.50.
std::string market_with_position(store::Store& db, risk::RiskManager& risk,
                                 const core::Clock& clock, const LocalEvm& evm, int n,
                                 std::int64_t shares) {
  const auto condition =
      evm.run("prepare", "--question-id " + redemption_question(n))["condition_id"]
          .get<std::string>();
  const auto split = evm.run(
      "split", "--wallet 0 --condition " + condition + " --amount " + std::to_string(shares));
  const std::string yes = split["position_ids"][0].get<std::string>();
  const std::string no = split["position_ids"][1].get<std::string>();
  store::MarketRecord market;
  market.condition_id = condition;
  market.question = "Q" + std::to_string(n);
  market.updated_at = clock.now();
  EXPECT_TRUE(
      db.upsert_market(market, {{yes, condition, 0, "Yes"}, {no, condition, 1, "No"}}).ok());

  store::SourceTradeRecord t;
  t.trader_address = "0x" + std::string(39, '0') + "9";
  t.tx_hash = redemption_question(n);
  t.condition_id = condition;
  t.token_id = yes;
  t.id = store::source_trade_id(t.tx_hash, t.token_id, t.trader_address);
  t.outcome_index = 0;
  t.side = store::TradeSide::buy;
  t.price = core::Price::from_micros(500'000).value();
  t.size = core::Shares::from_micros(shares);
  t.usd = core::notional(t.size, t.price, core::Rounding::down);
  t.traded_at = t.received_at = clock.now();
  EXPECT_EQ(db.insert_source_trades({t}).value().size(), 1u);

  store::OrderRecord o;
  o.id = "ord_" + std::to_string(n);
  o.lt_strategy_id = "lt_a";
  o.source_trade_id = t.id;
  o.idempotency_key = store::order_idempotency_key("lt_a", t.id);
  o.token_id = yes;
  o.limit_price = t.price;
  o.size = t.size;
  o.created_at = clock.now();
  risk::OrderRequest request{condition, yes, t.price, t.size, {}};
  request.asks = {risk::AskLevel{t.price, core::Shares::from_micros(shares * 10)}};
  const auto reserved = risk.check_and_reserve("lt_a", request, o);
  EXPECT_TRUE(reserved.ok() && reserved->reservation_id);
  EXPECT_TRUE(db.mark_order_submitted(o.id, redemption_question(n + 100), clock.now()).ok());
  EXPECT_TRUE(db.record_order_fill(
                    o.id,
                    store::VenueFill{"fil_" + std::to_string(n), "vt_" + std::to_string(n), t.price,
                                     t.size, core::Usd{}, clock.now(), std::nullopt},
                    clock.now())
                  .ok());
  risk::FillEvent fill;
  fill.reservation_id = reserved->reservation_id.value();
  fill.fill_key = "vt_" + std::to_string(n);
  fill.shares = t.size;
  fill.price = t.price;
  fill.completes_order = true;
  fill.filled_at = clock.now();
  EXPECT_TRUE(risk.record_fill("lt_a", fill).ok());
  return condition;
}

// The store learns the market resolved (Yes won) and the resolver settles the position.
void settle_as_won(store::Store& db, risk::RiskManager& risk, const core::Clock& clock,
                   const std::string& condition) {
  store::ResolutionRecord r;
  r.condition_id = condition;
  r.winning_outcome_index = 0;
  r.payout_numerator_0 = 1;
  r.payout_numerator_1 = 0;
  r.payout_denominator = 1;
  r.resolved_at = r.recorded_at = clock.now();
  ASSERT_TRUE(db.record_resolution(r).ok());
  LtResolver resolver(db, risk, clock);
  const auto report = resolver.resolve_once();
  ASSERT_TRUE(report.ok()) << report.error().to_string();
  ASSERT_TRUE(report->errors.empty()) << report->errors.front();
}

}  // namespace polycopy::engine::testing
