#pragma once
// Redeems winning positions on chain (protocol doc 10.4): the pending redemption records of
// a strategy are grouped per (wallet, condition), since one call redeems everything the
// wallet holds of a condition. For each group:
//  * the condition must be resolved on chain (payoutDenominator > 0): else
//    `condition_unresolved`, the records wait;
//  * the wallet's balances of both outcome positions (ids derived from the collateral the
//    market's positions were created with: USDC.e, or the wrapped collateral for neg-risk
//    markets) give what the chain will pay;
//  * binary markets call the CTF's redeemPositions(collateral, 0, condition, [1, 2]);
//    neg-risk ones the NegRiskAdapter's redeemPositions(condition, [yes, no]);
//  * dry run: the call is only simulated (eth_call) and what it would pay is reported;
//  * else it goes through the transaction sender (one live transaction per (wallet,
//    condition): never two), the records become `submitted` with its hash, then `confirmed`
//    with what the chain paid (the PayoutRedemption event; a difference from the expected
//    amount raises a critical alert) or `failed` with the revert reason.
// Wallets of signature type 2 (Safe) hold their tokens in the Safe: not redeemed here yet
// (`safe_wallet_unsupported`).
#include <optional>
#include <string>
#include <vector>

#include "chain/eth_client.hpp"
#include "engine/chain_tx_sender.hpp"
#include "engine/wallet_access.hpp"
#include "store/store.hpp"

namespace polycopy::engine {

struct RedeemerOptions {
  chain::Address conditional_tokens, neg_risk_adapter;
  chain::Address collateral;           // of binary positions (USDC.e)
  chain::Address neg_risk_collateral;  // of neg-risk positions (wcol)
};

struct RedemptionGroupReport {
  std::string wallet_id, condition_id;
  std::vector<std::string> redemption_ids;
  // dry_run | submitted | confirmed | failed | waiting (code says why)
  std::string outcome;
  std::optional<std::string> code, message;
  std::string expected_units;  // what the records expect (sum), 6-decimal units
  std::string payout_units;    // what the chain pays (dry run) or paid (confirmed)
  std::optional<std::string> tx_hash;
};

struct RedeemReport {
  std::vector<RedemptionGroupReport> groups;
  std::vector<std::string> problems;
};

class Redeemer {
 public:
  Redeemer(store::Store& store, chain::EthClient& eth, ChainTxSender& sender, WalletAccess& wallets,
           const core::Clock& clock, RedeemerOptions options);

  // The due redemptions of one strategy (of all without one).
  core::Result<RedeemReport> run(const std::optional<std::string>& lt_strategy_id, bool dry_run);

 private:
  RedemptionGroupReport redeem_group(const std::vector<store::RedemptionDue>& group, bool dry_run);
  void finish(RedemptionGroupReport& report, const std::vector<store::RedemptionDue>& group,
              const store::ChainTransaction& tx);
  core::Result<chain::Uint256> read_uint(const chain::Address& to, const chain::Bytes& data);

  store::Store& store_;
  chain::EthClient& eth_;
  ChainTxSender& sender_;
  WalletAccess& wallets_;
  const core::Clock& clock_;
  RedeemerOptions options_;
};

}  // namespace polycopy::engine
