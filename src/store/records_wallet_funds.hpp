#pragma once
// What a wallet's live strategies hold against its venue funds (the wallet funds health
// check, engine/wallet_funds_check).
#include <cstdint>
#include <string>

#include "store/records.hpp"

namespace polycopy::store {

// One wallet used by at least one LT strategy (paused ones included).
struct WalletCommitments {
  std::string wallet_id;
  // The sum of the strategies' risk_state.reserved: what their live budget reservations
  // still hold for orders not filled or ended yet.
  Usd reserved;
  std::int64_t lt_strategies = 0;  // how many LT strategies trade from it
};

}  // namespace polycopy::store
