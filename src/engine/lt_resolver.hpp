#pragma once
// Settles live (LT) positions once their market has resolved (domain.md "Resolution and
// PnL"). One pass: paper (FT) positions first, so each LT position's twin result exists to be
// stored beside it; then, for every open LT position whose market resolved and whose order is
// final, the risk manager books the resolution (realised PnL, equity, peak, losing streak,
// breaker) and THEN the store settles the position and writes its redemption record. The risk
// call is idempotent per reservation, so a crash between the two is repaired by the next pass.
#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "risk/risk_manager.hpp"
#include "store/store.hpp"

namespace polycopy::engine {

struct LtResolveReport {
  std::int64_t paper_settled = 0;   // FT paper positions settled now
  int settled = 0;                  // LT positions settled now
  int won = 0;                      // of those, paid out (payout > 0; a 50/50 counts)
  int lost = 0;                     // of those, paid nothing
  int redemptions_pending = 0;      // winners' redemption records written now
  std::vector<std::string> errors;  // per position ("<position id>: code: message")
};

class LtResolver {
 public:
  LtResolver(store::Store& store, risk::RiskManager& risk, const core::Clock& clock);

  // One pass over at most `limit` positions. An error on one position is reported and the
  // others are still settled; a failed read of the work list fails the pass.
  core::Result<LtResolveReport> resolve_once(std::int64_t limit = 500);

 private:
  // Risk booking then store settlement of one position.
  core::Status settle(const store::LtPositionToSettle& item, LtResolveReport& report);
  // Offers the order's stored fills to the risk manager (each counted once) and ends the hold
  // of the final order, so it resolves exactly the shares and cost the position holds.
  core::Status sync_risk(const store::LtPositionRecord& position,
                         const store::BudgetReservation& reservation);

  store::Store& store_;
  risk::RiskManager& risk_;
  const core::Clock& clock_;
};

}  // namespace polycopy::engine
