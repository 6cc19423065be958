#include "engine/redemption_setup.hpp"

#include <gtest/gtest.h>

#include "chain/address.hpp"
#include "chain/eip1559.hpp"
#include "chain/hex.hpp"
#include "engine/live_setup.hpp"
#include "engine/lt_resolver.hpp"
#include "store/wallet_secret_context.hpp"

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

store::Wallet store_safe_wallet(store::Store& db, const core::SecretBox& box,
                                const std::string& private_key, const std::string& id,
                                const std::string& safe, core::Timestamp now) {
  store::Wallet wallet;
  wallet.id = id;
  wallet.user_id = "usr_a";
  wallet.address = chain::to_hex(chain::PrivateKey::parse(private_key).value().address());
  wallet.signature_type = 2;
  wallet.funder = chain::to_hex(chain::parse_address(safe).value());
  wallet.encrypted_private_key =
      box.seal(private_key, store::wallet_secret_context(id, store::kPrivateKeySecret));
  wallet.created_at = now;
  EXPECT_TRUE(db.insert_wallet(wallet).ok());
  return db.find_wallet(id).value().value();
}

ChainMarket chain_market(store::Store& db, const core::Clock& clock, const LocalEvm& evm, int n,
                         std::int64_t split_units) {
  ChainMarket out;
  out.condition = evm.run("prepare", "--question-id " + redemption_question(n))["condition_id"]
                      .get<std::string>();
  const auto split = evm.run("split", "--wallet 0 --condition " + out.condition + " --amount " +
                                          std::to_string(split_units));
  out.yes = split["position_ids"][0].get<std::string>();
  out.no = split["position_ids"][1].get<std::string>();
  store::MarketRecord market;
  market.condition_id = out.condition;
  market.question = "Q" + std::to_string(n);
  market.updated_at = clock.now();
  EXPECT_TRUE(db.upsert_market(
                    market, {{out.yes, out.condition, 0, "Yes"}, {out.no, out.condition, 1, "No"}})
                  .ok());
  return out;
}

void buy_yes(store::Store& db, risk::RiskManager& risk, const core::Clock& clock,
             const ChainMarket& market, const std::string& lt_strategy_id, int seq,
             std::int64_t shares) {
  store::SourceTradeRecord t;
  t.trader_address = "0x" + std::string(39, '0') + "9";
  t.tx_hash = redemption_question(1000 + seq);
  t.condition_id = market.condition;
  t.token_id = market.yes;
  t.id = store::source_trade_id(t.tx_hash, t.token_id, t.trader_address);
  t.outcome_index = 0;
  t.side = store::TradeSide::buy;
  t.price = core::Price::from_micros(500'000).value();
  t.size = core::Shares::from_micros(shares);
  t.usd = core::notional(t.size, t.price, core::Rounding::down);
  t.traded_at = t.received_at = clock.now();
  EXPECT_EQ(db.insert_source_trades({t}).value().size(), 1u);

  const std::string n = std::to_string(seq);
  store::OrderRecord o;
  o.id = "ord_" + n;
  o.lt_strategy_id = lt_strategy_id;
  o.source_trade_id = t.id;
  o.idempotency_key = store::order_idempotency_key(lt_strategy_id, t.id);
  o.token_id = market.yes;
  o.limit_price = t.price;
  o.size = t.size;
  o.created_at = clock.now();
  risk::OrderRequest request{market.condition, market.yes, t.price, t.size, {}};
  request.asks = {risk::AskLevel{t.price, core::Shares::from_micros(shares * 10)}};
  const auto reserved = risk.check_and_reserve(lt_strategy_id, request, o);
  ASSERT_TRUE(reserved.ok() && reserved->reservation_id);
  EXPECT_TRUE(db.mark_order_submitted(o.id, redemption_question(2000 + seq), clock.now()).ok());
  EXPECT_TRUE(db.record_order_fill(o.id,
                                   store::VenueFill{"fil_" + n, "vt_" + n, t.price, t.size,
                                                    core::Usd{}, clock.now(), std::nullopt},
                                   clock.now())
                  .ok());
  risk::FillEvent fill;
  fill.reservation_id = reserved->reservation_id.value();
  fill.fill_key = "vt_" + n;
  fill.shares = t.size;
  fill.price = t.price;
  fill.completes_order = true;
  fill.filled_at = clock.now();
  EXPECT_TRUE(risk.record_fill(lt_strategy_id, fill).ok());
}

std::string market_with_position(store::Store& db, risk::RiskManager& risk,
                                 const core::Clock& clock, const LocalEvm& evm, int n,
                                 std::int64_t shares) {
  const auto market = chain_market(db, clock, evm, n, shares);
  buy_yes(db, risk, clock, market, "lt_a", n, shares);
  return market.condition;
}

void settle_as(store::Store& db, risk::RiskManager& risk, const core::Clock& clock,
               const std::string& condition, std::int64_t yes, std::int64_t no) {
  store::ResolutionRecord r;
  r.condition_id = condition;
  if (yes != no) r.winning_outcome_index = yes > no ? 0 : 1;
  r.payout_numerator_0 = yes;
  r.payout_numerator_1 = no;
  r.payout_denominator = yes + no;
  r.resolved_at = r.recorded_at = clock.now();
  ASSERT_TRUE(db.record_resolution(r).ok());
  LtResolver resolver(db, risk, clock);
  const auto report = resolver.resolve_once();
  ASSERT_TRUE(report.ok()) << report.error().to_string();
  ASSERT_TRUE(report->errors.empty()) << report->errors.front();
}

void settle_as_won(store::Store& db, risk::RiskManager& risk, const core::Clock& clock,
                   const std::string& condition) {
  settle_as(db, risk, clock, condition, 1, 0);
}

store::ChainTransaction write_ahead(store::Store& db, chain::EthClient& eth,
                                    const chain::PrivateKey& key, const core::Clock& clock,
                                    const std::string& id, const std::string& purpose,
                                    const chain::Address& to, const chain::Bytes& data,
                                    std::uint64_t max_fee, std::uint64_t priority_fee) {
  chain::Eip1559Transaction tx;
  tx.chain_id = 137;
  tx.nonce = eth.transaction_count(key.address(), "latest").value();
  tx.max_priority_fee_per_gas = chain::Uint256(priority_fee);
  tx.max_fee_per_gas = chain::Uint256(max_fee);
  tx.gas = 300'000;
  tx.to = to;
  tx.data = data;
  const auto signed_tx = chain::sign_transaction(tx, key);
  store::ChainTransaction record;
  record.id = id;
  record.chain_id = 137;
  record.from_address = chain::to_hex(key.address());
  record.nonce = tx.nonce;
  record.purpose = purpose;
  record.to_address = chain::to_hex(to);
  record.data = chain::to_hex(data);
  record.value = "0";
  record.gas = tx.gas;
  record.max_fee_per_gas = std::to_string(max_fee);
  record.max_priority_fee_per_gas = std::to_string(priority_fee);
  record.tx_hash = chain::to_hex(signed_tx.hash);
  record.raw = chain::to_hex(signed_tx.raw);
  record.created_at = clock.now();
  EXPECT_TRUE(db.insert_chain_transaction(record).ok());
  return record;
}

}  // namespace polycopy::engine::testing
