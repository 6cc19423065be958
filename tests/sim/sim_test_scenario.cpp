#include "sim/sim_test_scenario.hpp"

#include "chain/address.hpp"
#include "chain/hex.hpp"

namespace polycopy::sim::testing {
namespace {

core::Price price(std::int64_t micros) {
  return core::Price::from_micros(micros).value();
}
core::Shares shares(std::int64_t units) {
  return core::Shares::from_micros(units * 1'000'000);
}

ScenarioMarket market(const char* gamma_id, const char* condition, const char* yes, const char* no,
                      polymarket::TickSize tick, bool neg_risk) {
  ScenarioMarket m;
  m.gamma_id = gamma_id;
  m.condition_id = chain::parse_bytes32(condition).value();
  m.question_id = m.condition_id;
  m.question = std::string("Will market ") + gamma_id + " resolve Yes?";
  m.slug = std::string("market-") + gamma_id;
  m.category = "politics";
  m.tick = tick;
  m.neg_risk = neg_risk;
  m.end_date = core::from_unix_ms(1'800'000'000'000);
  m.outcomes[0] = {"Yes", chain::Uint256::parse_decimal(yes).value(), price(500'000), {}, {}};
  m.outcomes[1] = {"No", chain::Uint256::parse_decimal(no).value(), price(500'000), {}, {}};
  for (int side = 0; side < 2; ++side) {
    auto& o = m.outcomes[static_cast<std::size_t>(side)];
    o.bids = {{price(490'000), shares(1000)}, {price(480'000), shares(2000)}};
    o.asks = {{price(510'000), shares(1000)}, {price(520'000), shares(2000)}};
  }
  return m;
}

}  // namespace

Scenario small_scenario() {
  Scenario s;
  s.seed = 7;
  s.start = core::from_unix_ms(1'790'000'000'000);
  s.speed = 1.0;
  s.events.push_back({"e1", "event-one", "Event one", true});
  s.markets.push_back(market("101", kPlainCondition, kPlainYesToken, kPlainNoToken,
                             polymarket::TickSize::t0_01, false));
  auto neg = market("102", kNegRiskCondition, kNegRiskYesToken, "2002",
                    polymarket::TickSize::t0_001, true);
  neg.event_id = "e1";
  s.markets.push_back(neg);
  auto resolved = market("103", kResolvedCondition, kResolvedYesToken, "3002",
                         polymarket::TickSize::t0_01, false);
  resolved.closed = true;
  resolved.winner = 0;
  resolved.end_date = core::from_unix_ms(1'780'000'000'000);
  s.markets.push_back(resolved);
  auto v3 = market("104", kV3Condition, kV3YesToken, "4002", polymarket::TickSize::t0_01, false);
  v3.order_version = 3;
  s.markets.push_back(v3);
  auto v1 = market("105", kV1Condition, kV1YesToken, "5002", polymarket::TickSize::t0_01, false);
  v1.order_version = 1;
  s.markets.push_back(v1);
  ScenarioTrader trader;
  trader.wallet = chain::parse_address(kTrader).value();
  trader.name = "alpha";
  trader.win_rate = core::Ratio::from_micros(600'000);
  trader.min_trade = core::Usd::from_micros(5'000'000);
  trader.max_trade = core::Usd::from_micros(100'000'000);
  trader.mean_interval = std::chrono::hours(1);
  s.traders.push_back(trader);
  for (int i = 0; i < 3; ++i) {
    TimelineTrade t;
    t.at = s.start - std::chrono::hours(3 - i);
    t.trader = trader.wallet;
    t.token_id = s.markets[0].outcomes[0].token_id;
    t.side = polymarket::Side::buy;
    t.price = price(450'000 + 10'000 * i);
    t.size = shares(10 + i);
    s.trades.push_back(t);
  }
  return s;
}

}  // namespace polycopy::sim::testing
