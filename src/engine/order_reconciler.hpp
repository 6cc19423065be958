#pragma once
// Settles intents the process never heard back about (a lost answer, a crash between the
// intent and the post): each is looked up on the venue by its order hash before anything
// else happens. Found: adopted as submitted (the tracker follows its fills). Not found: it
// never reached the venue, so it ends cancelled and its reservation is released. Nothing is
// ever re-sent: the signal's idempotency key already has its order. A reservation no intent
// was ever bound to (a crash between the two) is released too, and so is the hold of an order
// that ended (filled, cancelled, expired, rejected) without its risk booking following (a
// crash between the two writes): its stored fills are offered again, then the rest released.
#include <chrono>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "engine/wallet_access.hpp"
#include "net/http_client.hpp"
#include "risk/risk_manager.hpp"
#include "store/store.hpp"

namespace polycopy::engine {

struct ReconcileReport {
  int intents_checked = 0;
  int adopted = 0;         // the venue has them: now submitted
  int abandoned = 0;       // the venue never got them: cancelled, budget released
  int holds_released = 0;  // reservations no intent was ever written for
  std::vector<std::string> errors;
};

class OrderReconciler {
 public:
  OrderReconciler(store::Store& store, risk::RiskManager& risk, WalletAccess& wallets,
                  net::HttpClient& http, std::string clob_url, const core::Clock& clock);

  // Intents and unbound reservations of the strategy made at least `grace` ago (a younger
  // one may still be on its way out in another thread).
  core::Result<ReconcileReport> reconcile(const store::LtStrategy& strategy,
                                          const store::Wallet& wallet,
                                          std::chrono::milliseconds grace);

 private:
  store::Store& store_;
  risk::RiskManager& risk_;
  WalletAccess& wallets_;
  net::HttpClient& http_;
  std::string clob_url_;
  const core::Clock& clock_;
};

}  // namespace polycopy::engine
