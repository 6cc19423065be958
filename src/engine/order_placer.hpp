#pragma once
// Places one live order for one accepted signal, write-ahead: read the book, plan the order,
// check and reserve its budget (one transaction), sign it, commit the intent bound to the
// reservation (keyed by hash(strategy, source trade)), and only then post it. A signal that
// already has an order is never posted again. A venue refusal ends the order and releases
// its reservation; a lost answer ("unknown_outcome") leaves the intent for the reconciler,
// its budget still held.
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "engine/wallet_access.hpp"
#include "net/http_client.hpp"
#include "risk/risk_manager.hpp"
#include "store/store.hpp"

namespace polycopy::engine {

struct PlacementRequest {
  std::string source_trade_id;
  std::string condition_id;
  std::string token_id;
  core::Price entry_price;   // evaluate()'s: the limit price ceiling
  core::Usd bet;             // evaluate()'s sized bet
  core::Price signal_price;  // the source trade's price
};

enum class Placement {
  posted,           // the venue took it (submitted)
  already_placed,   // this signal has an order already: nothing sent
  not_placeable,    // refused before any reservation (below_min_order_size, price_below_tick)
  refused_by_risk,  // a risk rule failed: nothing reserved, nothing sent
  rejected,         // refused locally while signing, or by the venue: order ended, budget freed
  unknown_outcome,  // sent, answer lost: the intent and its hold stay for the reconciler
};
std::string_view to_string(Placement placement);

struct PlacementOutcome {
  Placement placement = Placement::posted;
  std::optional<std::string> order_id;        // ours ("ord_…")
  std::optional<std::string> venue_order_id;  // the venue's (the order hash)
  std::optional<std::string> code;            // why, when not posted
  std::string message;
};

class OrderPlacer {
 public:
  // All must outlive the placer.
  OrderPlacer(store::Store& store, risk::RiskManager& risk, WalletAccess& wallets,
              net::HttpClient& http, std::string clob_url, const core::Clock& clock,
              std::uint64_t chain_id = 137);

  core::Result<PlacementOutcome> place(const store::LtStrategy& strategy,
                                       const store::Wallet& wallet,
                                       const PlacementRequest& request);

 private:
  store::Store& store_;
  risk::RiskManager& risk_;
  WalletAccess& wallets_;
  net::HttpClient& http_;
  std::string clob_url_;
  const core::Clock& clock_;
  std::uint64_t chain_id_;
};

}  // namespace polycopy::engine
