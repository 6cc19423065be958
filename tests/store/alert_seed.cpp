#include "store/alert_seed.hpp"

#include <cstdio>

namespace polycopy::store::testing {

std::string hex64(int n) {
  char buffer[67];
  std::snprintf(buffer, sizeof buffer, "0x%064x", n);
  return buffer;
}

std::string market_id(int m) {
  return hex64(0x5000 + m);
}

std::string token(int m) {
  return std::to_string(100 * m + 10);
}

core::Shares shares(std::int64_t micros) {
  return core::Shares::from_micros(micros);
}

SourceTradeRecord seed_trade(int n) {
  const int m = 1 + (n - 1) % 3;
  SourceTradeRecord t;
  t.trader_address = address(1);
  t.tx_hash = hex64(n);
  t.condition_id = market_id(m);
  t.token_id = token(m);
  t.id = source_trade_id(t.tx_hash, t.token_id, t.trader_address);
  t.outcome_index = 0;
  t.side = TradeSide::buy;
  t.price = core::Price::from_micros(500'000).value();
  t.size = shares(10'000'000);
  t.usd = core::Usd::from_micros(5'000'000);
  t.traded_at = t.received_at = at_ms(1'000 + n);
  return t;
}

HealthCheckRecord health_check(const std::string& id, const std::string& component,
                               HealthStatus status, std::int64_t at) {
  HealthCheckRecord c;
  c.id = id;
  c.component = component;
  c.status = status;
  c.detail = id + " detail";
  c.latency_ms = 5;
  c.checked_at = at_ms(at);
  return c;
}

RaisedAlert raised(const std::string& id, const std::optional<std::string>& user_id,
                   const std::string& severity, const std::string& dedup_key) {
  RaisedAlert r;
  r.user_id = user_id;
  r.alert.id = id;
  r.alert.severity = severity;
  r.alert.code = "code_" + id;
  r.alert.message = "message of " + id;
  r.alert.dedup_key = dedup_key;
  return r;
}

void AlertSeedTest::SetUp() {
  StoreTest::SetUp();
  if (HasFatalFailure()) return;
  ASSERT_TRUE(store_->insert_user(make_user("usr_a", "alice")).ok());
  ASSERT_TRUE(store_->insert_user(make_user("usr_b", "bob")).ok());
  ASSERT_TRUE(store_->insert_wallet(make_wallet("wal_a", "usr_a", 11)).ok());
  ASSERT_TRUE(store_->insert_wallet(make_wallet("wal_b", "usr_b", 12)).ok());
  ASSERT_TRUE(store_->insert_ft_strategy(make_ft("ft_a", "usr_a", "paper a")).ok());
  ASSERT_TRUE(store_->insert_ft_strategy(make_ft("ft_b", "usr_b", "paper b")).ok());
  LtStrategy a = make_lt("lt_a", "usr_a", "ft_a", "live a");
  a.params.wallet_id = "wal_a";
  a.params.time_zone = "America/New_York";
  a.params.starting_equity = core::Usd::from_micros(1'000'000'000);
  ASSERT_TRUE(store_->insert_lt_strategy(a).ok());
  LtStrategy b = make_lt("lt_b", "usr_b", "ft_b", "live b");
  b.params.wallet_id = "wal_b";
  b.params.starting_equity = core::Usd::from_micros(1'000'000'000);
  ASSERT_TRUE(store_->insert_lt_strategy(b).ok());
  for (int m = 1; m <= 3; ++m) {
    MarketRecord market;
    market.condition_id = market_id(m);
    market.question = "Q" + std::to_string(m);
    market.updated_at = at_ms(1);
    ASSERT_TRUE(store_
                    ->upsert_market(market, {{token(m), market_id(m), 0, "Yes"},
                                             {token(m) + "1", market_id(m), 1, "No"}})
                    .ok());
  }
  std::vector<SourceTradeRecord> trades;
  for (int n = 1; n <= 6; ++n) trades.push_back(seed_trade(n));
  ASSERT_EQ(store_->insert_source_trades(trades).value().size(), trades.size());
}

void AlertSeedTest::intent(int n, const std::string& strategy, int m, std::int64_t created_ms,
                           std::int64_t size_micros) {
  const std::string reservation = "rsv_" + std::to_string(n);
  const auto price = core::Price::from_micros(600'000).value();
  const auto decided = store_->apply_risk_event(
      RiskEventScope{strategy, at_ms(created_ms), std::nullopt, std::nullopt, std::nullopt,
                     std::nullopt},
      [&](const RiskSnapshot& s) {
        RiskDecision d;
        d.transition.state = s.state;
        BudgetReservation r;
        r.id = reservation;
        r.lt_strategy_id = strategy;
        r.condition_id = market_id(m);
        r.token_id = token(m);
        r.limit_price = price;
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
  o.lt_strategy_id = strategy;
  o.idempotency_key = "key_" + std::to_string(n);
  o.token_id = token(m);
  o.limit_price = price;
  o.size = shares(size_micros);
  o.created_at = o.updated_at = at_ms(created_ms);
  auto inserted = store_->insert_order_intent(o, reservation);
  ASSERT_TRUE(inserted.ok()) << inserted.error().to_string();
  ASSERT_TRUE(inserted->second);
}

void AlertSeedTest::submit(int n, std::int64_t at) {
  const auto done = store_->mark_order_submitted("ord_" + std::to_string(n),
                                                 "0xvenue" + std::to_string(n), at_ms(at));
  ASSERT_TRUE(done.ok()) << done.error().to_string();
}

void AlertSeedTest::fill(int n, std::int64_t size_micros, std::int64_t at) {
  const std::string key = "vt_" + std::to_string(n) + "_" + std::to_string(++fills_);
  const auto done = store_->record_order_fill(
      "ord_" + std::to_string(n),
      VenueFill{"fil_" + key, key, core::Price::from_micros(500'000).value(), shares(size_micros),
                core::Usd::from_micros(0), at_ms(at), std::nullopt},
      at_ms(at));
  ASSERT_TRUE(done.ok()) << done.error().to_string();
  ASSERT_TRUE(done->applied);
}

void AlertSeedTest::end(int n, OrderState state, const std::optional<std::string>& message,
                        std::int64_t at) {
  const auto done = store_->end_order("ord_" + std::to_string(n), state, message, at_ms(at));
  ASSERT_TRUE(done.ok()) << done.error().to_string();
}

void AlertSeedTest::lt_signal(int n, const std::string& strategy,
                              const std::optional<std::string>& reason, std::int64_t at) {
  LtSignalRecord s;
  s.lt_strategy_id = strategy;
  s.outcome.id = "sig_" + strategy + "_" + std::to_string(n);
  s.outcome.source_trade_id = seed_trade(n).id;
  s.outcome.accepted = !reason;
  s.outcome.reason_code = reason;
  s.outcome.evaluated_at = at_ms(at);
  const auto done = store_->record_lt_signals({s});
  ASSERT_TRUE(done.ok()) << done.error().to_string();
}

void AlertSeedTest::ft_signal(int n, const std::string& strategy,
                              const std::optional<std::string>& reason, std::int64_t at) {
  FtOutcome o;
  o.signal.id = "sig_" + strategy + "_" + std::to_string(n);
  o.signal.ft_strategy_id = strategy;
  o.signal.source_trade_id = seed_trade(n).id;
  o.signal.accepted = !reason;
  o.signal.reason_code = reason;
  o.signal.evaluated_at = at_ms(at);
  const auto done = store_->record_ft_outcomes({o});
  ASSERT_TRUE(done.ok()) << done.error().to_string();
}

void AlertSeedTest::checks(const std::vector<HealthCheckRecord>& records) {
  const auto done = store_->record_health_checks(records, at_ms(0));
  ASSERT_TRUE(done.ok()) << done.error().to_string();
}

}  // namespace polycopy::store::testing
