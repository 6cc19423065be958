#include "app/redemption_cli_setup.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "engine/redemption_setup.hpp"

namespace polycopy::test {

std::string settled_winner_database(const std::string& db_path,
                                    const engine::testing::LocalEvm& evm, std::int64_t shares) {
  core::SystemClock clock;
  auto db = store::open_sqlite_store(db_path).value();
  EXPECT_TRUE(db->migrate().ok());
  const auto box = core::SecretBox::from_hex(kRedemptionWalletKey).value();
  engine::testing::store_redeeming_strategy(*db, box, clock.now(), evm);
  risk::RiskManager risk(*db, clock);
  const auto condition = engine::testing::market_with_position(*db, risk, clock, evm, 1, shares);
  evm.run("report", "--question-id " + engine::testing::redemption_question(1) + " --payouts 1,0");
  engine::testing::settle_as_won(*db, risk, clock, condition);
  return condition;
}

std::string local_chain_section(const engine::testing::LocalEvm& evm) {
  std::ostringstream out;
  out << "[chain]\nrpc_urls = \"" << evm.rpc_url() << "\"\nconfirmations = 1\n"
      << "conditional_tokens = \"" << evm.conditional_tokens() << "\"\n"
      << "neg_risk_adapter = \"" << evm.conditional_tokens() << "\"\n"
      << "collateral = \"" << evm.collateral() << "\"\n"
      << "neg_risk_collateral = \"" << evm.collateral() << "\"\n";
  return out.str();
}

}  // namespace polycopy::test
