#pragma once
// The on-chain redemption objects of one process, built from the [chain] configuration: the
// nodes in failover, the transaction sender (chain id and confirmation depth) and the
// redeemer (contract and collateral addresses).
#include "app/config.hpp"
#include "chain/eth_client.hpp"
#include "chain/json_rpc_client.hpp"
#include "engine/chain_tx_sender.hpp"
#include "engine/redeemer.hpp"

namespace polycopy::app {

// The addresses of `chain` (checked when the configuration was loaded).
engine::RedeemerOptions redeemer_options(const Config::Chain& chain);

class RedemptionStack {
 public:
  // Everything given must outlive the stack.
  RedemptionStack(const Config::Chain& chain, store::Store& store, risk::RiskManager& risk,
                  engine::WalletAccess& wallets, net::HttpClient& http, const core::Clock& clock);

  engine::Redeemer& redeemer() { return redeemer_; }

 private:
  chain::JsonRpcClient rpc_;
  chain::EthClient eth_;
  engine::ChainTxSender sender_;
  engine::Redeemer redeemer_;
};

}  // namespace polycopy::app
