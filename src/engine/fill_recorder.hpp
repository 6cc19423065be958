#pragma once
// The one place where our part of a venue trade becomes a stored fill (with its fee) and a
// risk fill. Polling (order_tracker) and the user websocket (user_fill_listener) both come
// here; both writes are keyed by trade and order, so the same trade seen twice (a replay, a
// later status, the other path) counts once.
#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "polymarket/parse/types.hpp"
#include "risk/risk_manager.hpp"
#include "store/store.hpp"

namespace polycopy::engine {

// Our order's part of a venue trade: all of it as the taker, the matched amount as a maker.
struct OurPart {
  core::Shares size;
  core::Price price;
  std::int64_t fee_rate_bps = 0;  // our side's: the trade's (taker) or the maker order's
  bool taker = false;
};
std::optional<OurPart> our_part(const polymarket::parse::ClobTrade& trade,
                                const std::string& venue_order_id);

// The key of one order's part of one venue trade (a trade can fill several of our orders).
std::string fill_key(const std::string& trade_id, const std::string& venue_order_id);

// Polymarket's trading fee (docs.polymarket.com "Trading > Fees"): fee = C x feeRate x p x
// (1 - p), C the shares, p the price, feeRate = fee_rate_bps / 10 000, in USD. The venue
// reports the rate that applied to each side (makers are charged 0 today), so it is applied
// as given. Exact with a 128-bit intermediate, then rounded UP to the micro-dollar (a cost
// is never understated). A negative rate counts as 0, one above 10 000 bps as 10 000.
core::Usd trade_fee(core::Shares size, core::Price price, std::int64_t fee_rate_bps);

// A trade that failed on chain never moved money: it is not a fill.
bool is_failed(const polymarket::parse::ClobTrade& trade);

struct RecordedFill {
  bool ours = false;         // the trade names the order (as taker or maker) and did not fail
  bool stored_now = false;   // a new fill; false for one seen before
  store::OrderRecord order;  // as stored afterwards (the input when not ours)
  // The trade is FAILED but its fill was recorded before (at MATCHED): the strategy was
  // stopped now with a critical `fill_failed` alert (once per fill).
  bool failed_after_fill = false;
};

class FillRecorder {
 public:
  // All must outlive this object. Thread-safe as far as the store and risk manager are.
  FillRecorder(store::Store& store, risk::RiskManager& risk, const core::Clock& clock);

  // Records the order's part of the trade: stores the fill once, then offers it to the risk
  // manager, which counts each key once (so a crash between the two writes is repaired the
  // next time the trade is seen). The order must carry its venue id. Errors: the store's,
  // "reservation_missing" (no reservation bound to the order), the risk manager's.
  // A FAILED trade is never recorded. One whose fill was recorded already is not undone
  // either (the position, budgets and PnL keep it): the strategy is paused with a critical
  // alert and the fill flagged (Store::mark_fill_failed), so that it happens once.
  core::Result<RecordedFill> record(const std::string& lt_strategy_id,
                                    const store::OrderRecord& order,
                                    const polymarket::parse::ClobTrade& trade);

 private:
  core::Result<RecordedFill> halt_on_failed_fill(const std::string& lt_strategy_id,
                                                 const store::OrderRecord& order,
                                                 const polymarket::parse::ClobTrade& trade,
                                                 const OurPart& part);

  store::Store& store_;
  risk::RiskManager& risk_;
  const core::Clock& clock_;
};

}  // namespace polycopy::engine
