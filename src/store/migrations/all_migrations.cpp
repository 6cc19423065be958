#include <array>

#include "store/migrations/migration.hpp"

namespace polycopy::store::migrations {

std::span<const Migration> all() {
  static const std::array<Migration, 16> kAll{
      accounts(),          market_data(),        forward_testing(),    live_trading(),
      operations(),        trader_feed(),        trader_stats(),       evaluation_watermark(),
      risk_manager(),      wallet_credentials(), order_hash(),         lt_evaluation(),
      held_tokens_index(), fill_failures(),      chain_transactions(), alert_delivery_audit(),
  };
  return kAll;
}

}  // namespace polycopy::store::migrations
