#pragma once
// Redeems winning positions on chain (protocol doc 10.4): the pending redemption records of
// a strategy are grouped per (wallet, condition), since one call redeems everything the
// wallet holds of a condition. For each group:
//  * the condition must be resolved on chain (payoutDenominator > 0): else
//    `condition_unresolved`, the records wait;
//  * the wallet's balances of both outcome positions (ids derived from the collateral the
//    market's positions were created with: USDC.e, or the wrapped collateral for neg-risk
//    markets) give what the chain will pay;
//  * binary markets call the CTF's redeemPositions(collateral, 0, condition, [1, 2]) (or,
//    when configured, the V2 collateral adapter's redeemPositions(pUSD, 0, condition, [1, 2]));
//    neg-risk ones the NegRiskAdapter's redeemPositions(condition, [yes, no]);
//  * dry run: the call is only simulated (eth_call) and what it would pay is reported;
//  * else it goes through the transaction sender (one live transaction per (wallet,
//    condition): never two), the records become `submitted` with its hash, then `confirmed`
//    with what the chain paid (the PayoutRedemption event; a difference from the expected
//    amount raises a critical alert) or `failed` with the revert reason.
// Confirmation goes through the risk manager: each record gets its part of what was paid
// and the difference from what its resolution booked becomes PnL (alerted). A failed
// transaction fails its records, tried again after `retry_after` (doubling) up to
// `max_attempts`; then only `polycopy redeem --retry-failed` makes them due again.
// A target address without contract code waits (`no_contract_code`): such a call would
// "succeed" and redeem nothing. A mined transaction without a PayoutRedemption event books
// nothing (`payout_unknown`, the records stay submitted).
// Neg-risk positions are redeemed by the adapter as the wallet's approved ERC-1155 operator:
// without the approval the records wait (`adapter_not_approved`), nothing is sent.
// A Safe's positions (signature type 2) are redeemed by the Safe: the signer sends its
// execTransaction (engine/wallet_call). Proxy wallets (type 1) are not redeemed here yet
// (`proxy_wallet_unsupported`).
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "chain/eth_client.hpp"
#include "engine/chain_tx_sender.hpp"
#include "engine/wallet_access.hpp"
#include "risk/risk_manager.hpp"
#include "store/store.hpp"

namespace polycopy::engine {

struct RedeemerOptions {
  chain::Address conditional_tokens, neg_risk_adapter;
  chain::Address collateral;           // of binary positions (USDC.e)
  chain::Address neg_risk_collateral;  // of neg-risk positions (wcol)
  // Binary markets redeemed through the V2 collateral adapter (paid in pUSD) instead of the
  // CTF (paid in USDC.e); its ABI is unverified, so it is off unless configured.
  std::optional<chain::Address> collateral_adapter;
  chain::Address pusd;
  std::uint64_t chain_id = 137;             // signed into a Safe's transactions
  std::chrono::seconds retry_after{3'600};  // after the first failure; doubles each time
  std::int64_t max_attempts = 3;            // transactions per record before giving up
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
  Redeemer(store::Store& store, risk::RiskManager& risk, chain::EthClient& eth,
           ChainTxSender& sender, WalletAccess& wallets, const core::Clock& clock,
           RedeemerOptions options);

  // The due redemptions of one strategy (with the other strategies' records its calls
  // settle: same wallet and condition), or of all without one.
  core::Result<RedeemReport> run(const std::optional<std::string>& lt_strategy_id, bool dry_run);

 private:
  RedemptionGroupReport redeem_group(const std::vector<store::RedemptionDue>& group, bool dry_run);
  void finish(RedemptionGroupReport& report, const std::vector<store::RedemptionDue>& group,
              const store::ChainTransaction& tx);
  core::Result<chain::Uint256> read_uint(const chain::Address& to, const chain::Bytes& data);

  void fail(RedemptionGroupReport& report, const std::vector<store::RedemptionDue>& group);
  void book_payout(RedemptionGroupReport& report, const std::vector<store::RedemptionDue>& group,
                   unsigned __int128 paid);

  store::Store& store_;
  risk::RiskManager& risk_;
  chain::EthClient& eth_;
  ChainTxSender& sender_;
  WalletAccess& wallets_;
  const core::Clock& clock_;
  RedeemerOptions options_;
};

}  // namespace polycopy::engine
