#pragma once
// A redeemable LT position for the on-chain tests: the user, a wallet holding wallet 0 of the
// local EVM, the FT/LT pair, and per market a condition prepared on chain whose positions
// the wallet holds (split collateral), an order of the LT strategy filled for the Yes side,
// and the store's resolution (Yes won) settled by the resolver into a pending redemption.
#include <string>

#include "core/clock.hpp"
#include "core/secret_box.hpp"
#include "engine/local_evm.hpp"
#include "risk/risk_manager.hpp"
#include "store/store.hpp"

namespace polycopy::engine::testing {

// The question id of market n (0x + 64 hex digits).
std::string redemption_question(int n);
// usr_a, wal_1 (the local EVM's wallet 0, sealed with box), ft_a and lt_a; the wallet.
store::Wallet store_redeeming_strategy(store::Store& db, const core::SecretBox& box,
                                       core::Timestamp now, const LocalEvm& evm);
// Market n: `shares` (micro-units) of Yes bought by lt_a; the condition id.
std::string market_with_position(store::Store& db, risk::RiskManager& risk,
                                 const core::Clock& clock, const LocalEvm& evm, int n,
                                 std::int64_t shares);
// The store learns Yes won and the resolver settles: a pending redemption.
void settle_as_won(store::Store& db, risk::RiskManager& risk, const core::Clock& clock,
                   const std::string& condition);

}  // namespace polycopy::engine::testing
