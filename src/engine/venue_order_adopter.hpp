#pragma once
// Orders the venue has for a wallet that the store does not know (placed with the same
// wallet outside polycopy, or lost from the store): each open BUY order is adopted into the
// strategy, with its budget held by the risk manager whatever the rules say (it exists
// already) and a warning alert, so the tracker follows its fills and the risk state counts
// it. Other orders (SELLs, markets the store does not know) cannot be accounted for: they
// are reported, every pass, until someone looks.
//
// Steps, each safe to interrupt: hold the budget (with the alert), write the order bound to
// it (its hash is the venue's id), mark it submitted. A crash after the hold leaves an
// unbound reservation the reconciler releases; a crash after the write leaves an intent the
// reconciler adopts by its hash. The alert is deduplicated by the order's id.
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "engine/wallet_access.hpp"
#include "net/http_client.hpp"
#include "risk/risk_manager.hpp"
#include "store/store.hpp"

namespace polycopy::engine {

struct AdoptionReport {
  int venue_orders = 0;             // open orders of the wallet on the venue
  int adopted = 0;                  // unknown BUY orders adopted now
  std::vector<std::string> errors;  // unknown orders that could not be adopted, and why
};

class VenueOrderAdopter {
 public:
  VenueOrderAdopter(store::Store& store, risk::RiskManager& risk, WalletAccess& wallets,
                    net::HttpClient& http, std::string clob_url, const core::Clock& clock);

  core::Result<AdoptionReport> adopt(const store::LtStrategy& strategy,
                                     const store::Wallet& wallet);

 private:
  store::Store& store_;
  risk::RiskManager& risk_;
  WalletAccess& wallets_;
  net::HttpClient& http_;
  std::string clob_url_;
  const core::Clock& clock_;
};

}  // namespace polycopy::engine
