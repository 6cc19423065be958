#include "engine/live_setup.hpp"

#include <gtest/gtest.h>

#include "chain/hex.hpp"
#include "engine/engine_fixture.hpp"

namespace polycopy::engine::testing {

const sim::ScenarioMarket* open_market(const sim::Scenario& scenario, bool cent_tick) {
  for (const auto& m : scenario.markets)
    if (!m.closed && m.order_version == scenario.server_version && !m.winner &&
        (!cent_tick || m.tick == polymarket::TickSize::t0_01))
      return &m;
  return nullptr;
}

void store_market(store::Store& store, const sim::ScenarioMarket& market, core::Timestamp now) {
  store::MarketRecord record;
  record.condition_id = hex32(market.condition_id);
  record.question = market.question;
  record.updated_at = now;
  const auto token = [&](std::size_t i) { return market.outcomes[i].token_id.to_decimal(); };
  EXPECT_TRUE(store
                  .upsert_market(record, {{token(0), record.condition_id, 0, "Yes"},
                                          {token(1), record.condition_id, 1, "No"}})
                  .ok());
}

}  // namespace polycopy::engine::testing
