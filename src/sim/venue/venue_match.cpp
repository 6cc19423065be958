// Matching one taker order: price-time against the opposite side, each fill at the resting
// order's price, settled in both wallets at once; then the trade record and its events.
#include "sim/venue/random_ids.hpp"
#include "sim/venue/venue_state.hpp"

namespace polycopy::sim {

namespace {

using polymarket::Side;

// Moves one fill's shares and pUSD through a wallet, from its side's point of view.
void settle(Wallet& wallet, Side side, const chain::Uint256& token, std::int64_t shares,
            std::int64_t usd) {
  TokenHolding& holding = wallet.tokens[token];
  if (side == Side::buy) {
    wallet.collateral -= usd;
    holding.shares += shares;
  } else {
    holding.shares -= shares;
    wallet.collateral += usd;
  }
}

}  // namespace

MatchOutcome Venue::State::match(OrderState& taker, core::Timestamp now) {
  const OrderRecord& record = taker.record;
  const std::size_t book_index = taker.book;
  TokenBook& book = books[book_index];
  const Side book_side = opposite(record.side);
  Wallet& taker_funds = wallets.get(record.maker);
  MatchOutcome outcome;

  const auto crosses = [&taker](std::int64_t price) { return taker.terms.crosses(price); };
  const auto others = [&record](const BookEntry& entry) {
    return is_counterparty(entry, record.maker, record.owner);
  };
  const auto on_fill = [&](std::int64_t price, const BookEntry& entry, std::int64_t shares) {
    if (outcome.trade_id.empty()) {
      outcome.trade_id = random_uuid_v4();
      outcome.transaction_hash = random_bytes32();
    }
    // One rounding for both sides: what the buyer pays is what the seller gets.
    const std::int64_t usd = fill_cost(shares, price);
    settle(taker_funds, record.side, record.token_id, shares, usd);
    MakerFill fill;
    fill.matched_amount = core::Shares::from_micros(shares);
    fill.price = clamped_price(price);
    fill.token_id = record.token_id;
    fill.outcome_index = book.outcome;
    fill.side = book_side;
    if (entry.order != nullptr) {
      OrderState& maker = *entry.order;
      settle_resting_order(maker, shares, usd, outcome, now);
      fill.order_id = maker.record.id;
      fill.owner = maker.record.owner;
      fill.maker_address = maker.record.maker;
      outcome.makers_filled.push_back(&maker);
    } else {
      schedule_refill(book_index, book_side, price, now);
    }
    outcome.fills.push_back(std::move(fill));
    outcome.usd += usd;
    outcome.last_price = price;
  };
  outcome.shares =
      book.book.consume(book_side, taker.remaining, crosses, others, on_fill, outcome.touched);
  taker.remaining -= outcome.shares;
  return outcome;
}

void Venue::State::settle_resting_order(OrderState& maker, std::int64_t shares, std::int64_t usd,
                                        const MatchOutcome& outcome, core::Timestamp now) {
  OrderRecord& record = maker.record;
  Wallet& funds = wallets.get(record.maker);
  settle(funds, record.side, record.token_id, shares, usd);
  maker.remaining -= shares;
  if (record.side == Side::buy) {
    const std::int64_t still_reserved = buy_reserve(maker.terms, maker.remaining);
    funds.collateral_reserved -= maker.reserved - still_reserved;
    maker.reserved = still_reserved;
  } else {
    funds.tokens[record.token_id].reserved -= shares;
    maker.reserved -= shares;
  }
  record.size_matched += core::Shares::from_micros(shares);
  record.trade_ids.push_back(outcome.trade_id);
  if (maker.remaining == 0) {  // the book drops the entry itself
    maker.resting = false;
    record.status = OrderStatus::matched;
    auto live = live_by_owner.find(record.owner);
    if (live != live_by_owner.end()) {
      live->second.erase(maker.seq);
      if (live->second.empty()) live_by_owner.erase(live);
    }
  }
  // A resting order fills at its own price.
  ledger.record(DataTradeRow{record.maker, record.condition_id, record.token_id,
                             record.outcome_index, record.side, core::Shares::from_micros(shares),
                             record.price, now, outcome.transaction_hash},
                usd);
}

void Venue::State::record_trade(OrderState& taker, MatchOutcome& outcome, core::Timestamp now) {
  OrderRecord& record = taker.record;
  MarketState& market = markets[books[taker.book].market];
  record.size_matched = core::Shares::from_micros(outcome.shares);
  record.trade_ids.push_back(outcome.trade_id);
  // The taker's price is its average over the fills.
  const core::Price average = clamped_price(
      core::mul_div(outcome.usd, core::kMicrosPerUnit, outcome.shares, core::Rounding::nearest));
  const core::Price last_price = clamped_price(outcome.last_price);
  ledger.record(
      DataTradeRow{record.maker, record.condition_id, record.token_id, record.outcome_index,
                   record.side, record.size_matched, average, now, outcome.transaction_hash},
      outcome.usd);

  TradeRecord trade;
  trade.id = outcome.trade_id;
  trade.taker_order_id = record.id;
  trade.taker_owner = record.owner;
  trade.taker_address = record.maker;
  trade.condition_id = record.condition_id;
  trade.token_id = record.token_id;
  trade.outcome_index = record.outcome_index;
  trade.side = record.side;
  trade.size = record.size_matched;
  trade.price = average;
  trade.status = TradeStatus::matched;
  trade.match_time = now;
  trade.last_update = now;
  trade.transaction_hash = outcome.transaction_hash;
  trade.maker_orders = std::move(outcome.fills);
  const std::size_t index = trades.size();
  trades.push_back(std::move(trade));
  trade_by_id.emplace(outcome.trade_id, index);
  trades_by_owner[record.owner].push_back(index);
  for (const MakerFill& fill : trades.back().maker_orders) {
    if (fill.owner.empty()) continue;
    auto& owned = trades_by_owner[fill.owner];
    if (owned.empty() || owned.back() != index) owned.push_back(index);
  }
  schedule.emplace(now + kMineDelay, TradeStatusDue{index, TradeStatus::mined});
  market.last_trade_price[record.outcome_index] = last_price;

  // Makers hear of their fills, then the market of the levels and the price.
  const TokenBook& book = books[taker.book];
  for (const OrderState* maker : outcome.makers_filled)
    emit_order(OrderEventType::update, *maker, now);
  for (std::int64_t price : outcome.touched)
    emit(book_changed(book, opposite(record.side), price, now));
  emit(TradeEvent{trades.back(), now});
  emit(LastTrade{record.condition_id, record.token_id, last_price, record.size_matched, record.side,
                 now});
}

}  // namespace polycopy::sim
