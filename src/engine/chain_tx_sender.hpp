#pragma once
// Sends the engine's on-chain transactions (redemptions) exactly once per purpose:
//  submit   the live transaction of a purpose if there is one; else estimate (a revert is
//           returned as execution_reverted and nothing is written), price (EIP-1559: the
//           node's priority fee, max fee = 2 x next base fee + priority), take the next
//           nonce, sign, write it ahead in the store, then broadcast.
//  advance  one step toward the end: broadcast what is signed but not sent (after a crash or
//           a lost answer the same bytes go again: the chain knows them by hash); look for a
//           receipt of any hash the transaction ever had; confirmed once `confirmations`
//           blocks deep, failed when it reverted (with the reason, replayed by eth_call); a
//           transaction pending (or refused, e.g. under the base fee) longer than bump_after
//           is re-priced with the same nonce, its old hashes kept.
#include <chrono>
#include <string>

#include "chain/eip1559.hpp"
#include "chain/eth_client.hpp"
#include "core/clock.hpp"
#include "store/store.hpp"

namespace polycopy::engine {

struct TxSenderOptions {
  std::uint64_t chain_id = 137;
  std::uint64_t confirmations = 3;  // blocks, the one that mined it included
  std::int64_t gas_margin_percent = 25;
  std::chrono::seconds bump_after{180};
  std::int64_t bump_percent = 25;  // nodes replace a transaction for 10 % more, at least
};

class ChainTxSender {
 public:
  // All must outlive the sender.
  ChainTxSender(store::Store& store, chain::EthClient& eth, const core::Clock& clock,
                TxSenderOptions options = {});

  // Errors: the node's ("execution_reverted" when the call would revert), "wrong_chain" (the
  // node serves another chain than configured), the store's.
  core::Result<store::ChainTransaction> submit(const std::string& purpose, const chain::Address& to,
                                               const chain::Bytes& data,
                                               const chain::PrivateKey& key);
  // The transaction as stored afterwards. A node that does not answer leaves it as it was.
  core::Result<store::ChainTransaction> advance(const std::string& tx_id,
                                                const chain::PrivateKey& key);

 private:
  core::Status check_chain();
  core::Status broadcast(const store::ChainTransaction& tx);
  core::Result<store::ChainTransaction> bump(const store::ChainTransaction& tx,
                                             const chain::PrivateKey& key);
  core::Result<store::ChainTransaction> reload(const std::string& id);

  store::Store& store_;
  chain::EthClient& eth_;
  const core::Clock& clock_;
  TxSenderOptions options_;
  bool chain_checked_ = false;
};

}  // namespace polycopy::engine
