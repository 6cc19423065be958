#pragma once
// The health check "wallet funds": for every wallet at least one LT strategy trades from
// (paused ones included), the venue's collateral balance and allowance against the wallet's
// open commitments, the USD its strategies' live budget reservations still hold. One check
// per wallet, component "wallet_funds:<wallet id>":
//   failing   the balance or the allowance is below the commitments (which, both amounts in
//             USD), or the venue could not be asked (the error code only);
//   degraded  the balance is below the commitments plus a margin: little headroom;
//   ok        otherwise, with the balance, allowance and commitments.
// Latency is that of the venue's GET /balance-allowance. Details never carry credentials
// or venue texts. Usable as a HealthProbe: run() never throws.
#include <chrono>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/money.hpp"
#include "engine/wallet_access.hpp"
#include "net/http_client.hpp"
#include "store/store.hpp"

namespace polycopy::engine {

struct WalletFundsOptions {
  // Degraded while the balance is below the open commitments plus this.
  core::Usd margin = core::Usd::from_micros(10 * core::kMicrosPerUnit);
};

class WalletFundsCheck {
 public:
  // `clob_url` is the CLOB's base URL (as WalletAccess's); all must outlive this object.
  WalletFundsCheck(store::Store& store, WalletAccess& wallets, net::HttpClient& http,
                   std::string clob_url, const core::Clock& clock, WalletFundsOptions options = {});

  // One check per wallet (id and time are left to the monitor); a single failing
  // "wallet_funds" check when the store cannot say which wallets to check.
  std::vector<store::HealthCheckRecord> run();

 private:
  store::HealthCheckRecord check(const store::WalletCommitments& commitments);

  store::Store& store_;
  WalletAccess& wallets_;
  net::HttpClient& http_;
  std::string clob_url_;
  const core::Clock& clock_;
  WalletFundsOptions options_;
};

}  // namespace polycopy::engine
