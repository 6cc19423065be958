#pragma once
// A redeemable LT position for the on-chain tests: the user, a wallet holding wallet 0 of the
// local EVM, the FT/LT pair, and per market a condition prepared on chain whose positions
// the wallet holds (split collateral), an order of an LT strategy filled for the Yes side,
// and the store's resolution settled by the resolver into a redemption record.
#include <string>

#include "chain/bytes.hpp"
#include "chain/eth_client.hpp"
#include "chain/private_key.hpp"
#include "core/clock.hpp"
#include "core/secret_box.hpp"
#include "engine/local_evm.hpp"
#include "risk/risk_manager.hpp"
#include "store/store.hpp"

namespace polycopy::engine::testing {

struct ChainMarket {
  std::string condition, yes, no;  // condition id; position ids (token ids) of Yes and No
};

// The question id of market n (0x + 64 hex digits).
std::string redemption_question(int n);
// usr_a, wal_1 (the local EVM's wallet 0, sealed with box), ft_a and lt_a; the wallet.
store::Wallet store_redeeming_strategy(store::Store& db, const core::SecretBox& box,
                                       core::Timestamp now, const LocalEvm& evm);
// Wallet `id` of usr_a whose signer (`private_key`) owns the Safe `safe` that holds its
// positions (signature type 2, funder = the Safe).
store::Wallet store_safe_wallet(store::Store& db, const core::SecretBox& box,
                                const std::string& private_key, const std::string& id,
                                const std::string& safe, core::Timestamp now);
// Market n prepared on chain and stored; wallet 0 split `split_units` of collateral into
// both of its positions.
ChainMarket chain_market(store::Store& db, const core::Clock& clock, const LocalEvm& evm, int n,
                         std::int64_t split_units);
// `shares` (micro-units) of Yes bought at 0.50 by `lt_strategy_id` (order ord_<seq>, filled,
// booked by the risk manager); `seq` keeps trades and orders apart.
void buy_yes(store::Store& db, risk::RiskManager& risk, const core::Clock& clock,
             const ChainMarket& market, const std::string& lt_strategy_id, int seq,
             std::int64_t shares);
// Market n: `shares` of Yes bought by lt_a, the wallet holding as many of each side; the
// condition id.
std::string market_with_position(store::Store& db, risk::RiskManager& risk,
                                 const core::Clock& clock, const LocalEvm& evm, int n,
                                 std::int64_t shares);
// The store learns the market resolved with these payout numerators and the resolver settles.
void settle_as(store::Store& db, risk::RiskManager& risk, const core::Clock& clock,
               const std::string& condition, std::int64_t yes, std::int64_t no);
// Yes won: a pending redemption.
void settle_as_won(store::Store& db, risk::RiskManager& risk, const core::Clock& clock,
                   const std::string& condition);
// Writes a signed transaction from `key` to `to` as the sender's submit would have (nonce from
// the chain, 300,000 gas), without estimating or sending it.
store::ChainTransaction write_ahead(store::Store& db, chain::EthClient& eth,
                                    const chain::PrivateKey& key, const core::Clock& clock,
                                    const std::string& id, const std::string& purpose,
                                    const chain::Address& to, const chain::Bytes& data,
                                    std::uint64_t max_fee, std::uint64_t priority_fee);

}  // namespace polycopy::engine::testing
