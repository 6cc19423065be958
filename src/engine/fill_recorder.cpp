#include "engine/fill_recorder.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "chain/hex.hpp"
#include "core/ids.hpp"

namespace polycopy::engine {

std::optional<OurPart> our_part(const polymarket::parse::ClobTrade& trade,
                                const std::string& venue_order_id) {
  if (trade.taker_order_id && chain::to_hex(*trade.taker_order_id) == venue_order_id)
    return OurPart{trade.size, trade.price, trade.fee_rate_bps.value_or(0), true};
  for (const auto& maker : trade.maker_orders)
    if (chain::to_hex(maker.order_id) == venue_order_id)
      return OurPart{maker.matched_amount, maker.price, maker.fee_rate_bps.value_or(0), false};
  return std::nullopt;
}

std::string fill_key(const std::string& trade_id, const std::string& venue_order_id) {
  return trade_id + "/" + venue_order_id;
}

core::Usd trade_fee(core::Shares size, core::Price price, std::int64_t fee_rate_bps) {
  const std::int64_t bps = std::clamp<std::int64_t>(fee_rate_bps, 0, 10'000);
  if (bps == 0 || size <= core::Shares{}) return core::Usd{};
  // size_micros x bps x p_micros x (1 - p)_micros / (10 000 x 10^6 x 10^6): at most
  // 9.2e18 x 1e4 x 1e12, well inside 128 bits; the result is at most size / 4.
  using Wide = __int128;
  const Wide p = price.micros();
  const Wide numerator = Wide{size.micros()} * bps * p * (core::kMicrosPerUnit - p);
  const Wide divisor = Wide{10'000} * core::kMicrosPerUnit * core::kMicrosPerUnit;
  const Wide fee = (numerator + divisor - 1) / divisor;  // rounded up
  return core::Usd::from_micros(static_cast<std::int64_t>(fee));
}

bool is_failed(const polymarket::parse::ClobTrade& trade) {
  return trade.status == "FAILED";
}

FillRecorder::FillRecorder(store::Store& store, risk::RiskManager& risk, const core::Clock& clock)
    : store_(store), risk_(risk), clock_(clock) {}

core::Result<RecordedFill> FillRecorder::halt_on_failed_fill(
    const std::string& lt_strategy_id, const store::OrderRecord& order,
    const polymarket::parse::ClobTrade& trade, const OurPart& part) {
  RecordedFill result;
  result.order = order;
  const std::string key = fill_key(trade.trade_id, *order.venue_order_id);
  const auto fills = store_.list_order_fills(order.id);
  if (!fills) return fills.error();
  const auto recorded = std::find_if(fills->begin(), fills->end(),
                                     [&](const auto& fill) { return fill.venue_trade_id == key; });
  if (recorded == fills->end() || recorded->venue_failed_at) return result;
  // Halted before the flag is set: a crash between the two halts again, never not at all.
  risk::HaltEvent halt;
  halt.code = "fill_failed";
  halt.reason = "the venue reports trade " + trade.trade_id + " FAILED after its fill of order " +
                order.id + " (" + part.size.to_string() + " shares at " + part.price.to_string() +
                ") was recorded; the fill still counts in the position, budgets and PnL: check "
                "the wallet, correct, then resume";
  halt.dedup_key = "fill_failed:" + key;
  if (auto halted = risk_.halt(lt_strategy_id, halt); !halted) return halted.error();
  if (auto marked = store_.mark_fill_failed(key, clock_.now()); !marked) return marked.error();
  spdlog::error("LT strategy {}: {}", lt_strategy_id, halt.reason);
  result.failed_after_fill = true;
  return result;
}

core::Result<RecordedFill> FillRecorder::record(const std::string& lt_strategy_id,
                                                const store::OrderRecord& order,
                                                const polymarket::parse::ClobTrade& trade) {
  RecordedFill result;
  result.order = order;
  if (!order.venue_order_id) return result;
  const std::string& venue_id = *order.venue_order_id;
  const auto part = our_part(trade, venue_id);
  if (!part || part->size <= core::Shares{}) return result;
  if (is_failed(trade)) return halt_on_failed_fill(lt_strategy_id, order, trade, *part);
  result.ours = true;

  const auto bound = store_.find_reservation_by_order(order.id);
  if (!bound) return bound.error();
  if (!*bound) return core::Error{"reservation_missing", "no reservation is bound to the order"};
  const std::string key = fill_key(trade.trade_id, venue_id);
  const auto at =
      trade.match_time_s ? core::from_unix_ms(*trade.match_time_s * 1000) : clock_.now();
  store::VenueFill fill;
  fill.id = core::new_id("fil", clock_);
  fill.venue_trade_id = key;
  fill.price = part->price;
  fill.size = part->size;
  fill.fee = trade_fee(part->size, part->price, part->fee_rate_bps);
  fill.filled_at = at;
  auto stored = store_.record_order_fill(order.id, fill, clock_.now());
  if (!stored) return stored.error();
  result.stored_now = stored->applied;
  result.order = stored->order;

  // Always offered, even when the store had it: the risk manager counts each key once.
  risk::FillEvent event;
  event.reservation_id = (*bound)->id;
  event.fill_key = key;
  event.shares = part->size;
  event.price = part->price;
  event.completes_order = result.order.filled_size == result.order.size;
  event.filled_at = at;
  if (auto applied = risk_.record_fill(lt_strategy_id, event); !applied) return applied.error();
  return result;
}

}  // namespace polycopy::engine
