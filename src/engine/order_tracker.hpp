#pragma once
// Follows a strategy's live orders on the venue by polling (the fallback and periodic check
// beside the user websocket): each venue trade of an order goes through the FillRecorder
// (one stored fill and one risk fill, both keyed by trade and order, so replays after a
// crash or a fill already seen on the websocket count once), and an order the venue
// cancelled or expired ends, releasing what its reservation still holds.
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "engine/fill_recorder.hpp"
#include "engine/wallet_access.hpp"
#include "net/http_client.hpp"
#include "risk/risk_manager.hpp"
#include "store/store.hpp"

namespace polycopy::engine {

struct TrackReport {
  int orders_checked = 0;
  int fills_recorded = 0;           // new fills stored now
  int orders_ended = 0;             // cancelled or expired now
  std::vector<std::string> errors;  // per order; the others were still tracked
};

class OrderTracker {
 public:
  OrderTracker(store::Store& store, risk::RiskManager& risk, WalletAccess& wallets,
               net::HttpClient& http, std::string clob_url, const core::Clock& clock);

  // Every submitted or partially filled order of the strategy.
  core::Result<TrackReport> track(const store::LtStrategy& strategy, const store::Wallet& wallet);

 private:
  store::Store& store_;
  risk::RiskManager& risk_;
  WalletAccess& wallets_;
  net::HttpClient& http_;
  std::string clob_url_;
  const core::Clock& clock_;
  FillRecorder recorder_;
};

}  // namespace polycopy::engine
