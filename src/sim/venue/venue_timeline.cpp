// Time-driven changes: the scenario's timeline (trader trades, resolutions), trade status
// progression, market-maker refills and GTD expiry. Each is applied at the simulated time it
// was due, in time order, so calling advance() late gives the same history as calling it
// often.
#include <algorithm>
#include <chrono>

#include "sim/venue/random_ids.hpp"
#include "sim/venue/venue_state.hpp"

namespace polycopy::sim {

namespace {
// How long the market maker takes to put a consumed level back (sim time).
constexpr std::chrono::seconds kRefillDelay{60};

constexpr std::size_t side_index(polymarket::Side side) {
  return static_cast<std::size_t>(side);
}

template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;
}  // namespace

void Venue::State::run_due(core::Timestamp now) {
  while (!schedule.empty() && schedule.begin()->first <= now) {
    auto node = schedule.extract(schedule.begin());
    run_task(node.key(), node.mapped());
  }
}

void Venue::State::run_task(core::Timestamp at, const DueTask& task) {
  std::visit(Overloaded{
                 [&](const TimelineTradeDue& due) {
                   const TimelineTrade& trade = scenario.trades[due.index];
                   auto book = book_of_token.find(trade.token_id);
                   if (book == book_of_token.end() || trade.size.micros() <= 0) return;
                   record_outside_trade(trade.trader, book->second, trade.side, trade.price,
                                        trade.size, at, /*live=*/true);
                 },
                 [&](const ResolutionDue& due) {
                   const TimelineResolution& resolution = scenario.resolutions[due.index];
                   auto market = market_of_condition.find(resolution.condition_id);
                   if (market == market_of_condition.end()) return;
                   // A control may have resolved it first; the timeline then has nothing to do.
                   (void)resolve_market(market->second, resolution.winner, at);
                 },
                 [&](const TradeStatusDue& due) { advance_trade_status(due, at); },
                 [&](const RefillDue& due) { refill(due, at); },
                 [&](const ExpiryDue& due) {
                   auto order = orders.find(due.order);
                   if (order != orders.end() && order->second.resting)
                     cancel_order(order->second, at);
                 },
             },
             task);
}

void Venue::State::schedule_refill(std::size_t book, polymarket::Side side, std::int64_t price,
                                   core::Timestamp now) {
  if (!books[book].refill_pending[side_index(side)].insert(price).second) return;
  schedule.emplace(now + kRefillDelay, RefillDue{book, side, price});
}

void Venue::State::refill(const RefillDue& due, core::Timestamp at) {
  TokenBook& book = books[due.book];
  book.refill_pending[side_index(due.side)].erase(due.price);
  if (!markets[book.market].accepting_orders) return;
  const auto& targets = book.maker_target[side_index(due.side)];
  auto target = targets.find(due.price);
  if (target == targets.end()) return;
  book.book.set_market_maker(due.side, due.price, target->second);
  emit(book_changed(book, due.side, due.price, at));
}

void Venue::State::advance_trade_status(const TradeStatusDue& due, core::Timestamp at) {
  TradeRecord& trade = trades[due.trade];
  trade.status = due.next;
  trade.last_update = at;
  emit(TradeEvent{trade, at});
  if (due.next == TradeStatus::mined) {
    schedule.emplace(at + kConfirmDelay, TradeStatusDue{due.trade, TradeStatus::confirmed});
  }
}

void Venue::State::record_outside_trade(const chain::Address& wallet, std::size_t book_index,
                                        polymarket::Side side, core::Price price, core::Shares size,
                                        core::Timestamp at, bool live) {
  TokenBook& book = books[book_index];
  MarketState& market = markets[book.market];
  const chain::Uint256& token_id =
      market.market.outcomes[static_cast<std::size_t>(book.outcome)].token_id;
  DataTradeRow row;
  row.wallet = wallet;
  row.condition_id = market.market.condition_id;
  row.token_id = token_id;
  row.outcome_index = book.outcome;
  row.side = side;
  row.size = size;
  row.price = price;
  row.at = at;
  row.transaction_hash = random_bytes32();
  ledger.record(row, fill_cost(size.micros(), price.micros()));
  if (!live) return;  // history leaves books and prices as the scenario sets them

  // A trade that happened on the venue moves its last price, whether or not it crossed the
  // simulated book (its counterparty may be anyone).
  market.last_trade_price[book.outcome] = price;
  if (market.accepting_orders) {
    // It takes only the market maker's liquidity: users' orders need a real counterparty.
    const polymarket::Side book_side = opposite(side);
    std::vector<std::int64_t> touched;
    book.book.consume(
        book_side, size.micros(),
        [&](std::int64_t level) {
          return side == polymarket::Side::buy ? level <= price.micros() : level >= price.micros();
        },
        [](const BookEntry& entry) { return entry.order == nullptr; },
        [&](std::int64_t level, const BookEntry&, std::int64_t) {
          schedule_refill(book_index, book_side, level, at);
        },
        touched);
    for (std::int64_t level : touched) emit(book_changed(book, book_side, level, at));
  }
  emit(LastTrade{market.market.condition_id, token_id, price, size, side, at});
}

core::Status Venue::State::resolve_market(std::size_t market_index, int winner,
                                          core::Timestamp at) {
  MarketState& market = markets[market_index];
  if (market.market.winner) return core::Error{"already_resolved", "the market is resolved"};
  if (winner != 0 && winner != 1) return core::Error{"invalid_winner", "winner must be 0 or 1"};
  market.market.closed = true;
  market.market.winner = winner;
  market.accepting_orders = false;
  for (const ScenarioOutcome& outcome : market.market.outcomes) {
    auto found = book_of_token.find(outcome.token_id);
    if (found == book_of_token.end()) continue;
    TokenBook& book = books[found->second];
    // Users' orders first, in placement order, each with its cancellation event.
    std::vector<OrderState*> resting;
    for (auto side : {polymarket::Side::buy, polymarket::Side::sell}) {
      for (const auto& [key, level] : book.book.levels(side)) {
        for (const BookEntry& entry : level.queue)
          if (entry.order != nullptr) resting.push_back(entry.order);
      }
    }
    std::sort(resting.begin(), resting.end(),
              [](const OrderState* a, const OrderState* b) { return a->seq < b->seq; });
    for (OrderState* order : resting) cancel_order(*order, at);
    // Then the market maker leaves: every remaining level goes to zero.
    std::vector<std::pair<polymarket::Side, std::int64_t>> removed;
    for (auto side : {polymarket::Side::buy, polymarket::Side::sell}) {
      for (const auto& [key, level] : book.book.levels(side))
        removed.emplace_back(side, OrderBook::price_of(side, key));
    }
    book.book.clear();
    for (const auto& [side, price] : removed) emit(book_changed(book, side, price, at));
  }
  emit(MarketResolved{market.market.condition_id, winner, at});
  return core::Status::success();
}

}  // namespace polycopy::sim
