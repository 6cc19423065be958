#pragma once
// Orders the venue has for a wallet that the store does not know (placed with the same
// wallet outside polycopy, or lost from the store): each BUY order, open or named by one of
// the wallet's recent trades (one that filled completely is never open), is adopted into
// the strategy, with its budget held by the risk manager whatever the rules say (it exists
// already) and a warning alert, so the tracker follows its fills and the risk state counts
// it. Other orders (SELLs, markets the store does not know) cannot be accounted for: they
// are reported, every pass, until someone looks.
//
// Steps, each safe to interrupt: hold the budget with the alert and write the order bound
// to it (its hash is the venue's id) in one transaction, then mark it submitted. A crash
// before the mark leaves an intent the reconciler adopts by its hash. The alert is
// deduplicated by the order's id.
#include <chrono>
#include <map>
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
  int from_trades = 0;              // unknown orders found through the wallet's trades
  int adopted = 0;                  // unknown BUY orders adopted now
  std::vector<std::string> errors;  // unknown orders that could not be adopted, and why
};

struct AdoptionOptions {
  // How far back the first look at a wallet's trades reaches (after a start), and how much
  // each later look overlaps the one before.
  std::chrono::seconds first_lookback = std::chrono::hours(24 * 7);
  std::chrono::seconds overlap = std::chrono::minutes(10);
};

class VenueOrderAdopter {
 public:
  VenueOrderAdopter(store::Store& store, risk::RiskManager& risk, WalletAccess& wallets,
                    net::HttpClient& http, std::string clob_url, const core::Clock& clock,
                    AdoptionOptions options = {});

  core::Result<AdoptionReport> adopt(const store::LtStrategy& strategy,
                                     const store::Wallet& wallet);

 private:
  store::Store& store_;
  risk::RiskManager& risk_;
  WalletAccess& wallets_;
  net::HttpClient& http_;
  std::string clob_url_;
  const core::Clock& clock_;
  AdoptionOptions options_;
  // Per wallet id: when the last complete look at its trades started.
  std::map<std::string, core::Timestamp> trades_checked_through_;
};

}  // namespace polycopy::engine
