// The Venue's public face: each method takes the lock, brings the simulation up to date where
// it changes state, delegates to State, then delivers the events with the lock released.
#include "sim/venue/venue.hpp"

#include "sim/venue/venue_errors.hpp"
#include "sim/venue/venue_state.hpp"

namespace polycopy::sim {

Venue::Venue(Scenario scenario, const core::Clock& clock)
    : scenario_(std::move(scenario)),
      clock_(clock),
      state_(std::make_unique<State>(scenario_, clock_)) {
  // Events of the history have no audience: nobody could subscribe yet.
  state_->events.deliver();
}

Venue::~Venue() = default;

void Venue::advance() {
  {
    std::lock_guard lock(state_->mutex);
    state_->run_due(now());
  }
  state_->events.deliver();
}

std::vector<MarketState> Venue::markets() const {
  std::lock_guard lock(state_->mutex);
  return state_->markets;
}

std::optional<MarketState> Venue::market_by_condition(const chain::Bytes32& condition_id) const {
  std::lock_guard lock(state_->mutex);
  auto it = state_->market_of_condition.find(condition_id);
  if (it == state_->market_of_condition.end()) return std::nullopt;
  return state_->markets[it->second];
}

std::optional<MarketState> Venue::market_by_token(const chain::Uint256& token_id) const {
  std::lock_guard lock(state_->mutex);
  auto it = state_->book_of_token.find(token_id);
  if (it == state_->book_of_token.end()) return std::nullopt;
  return state_->markets[state_->books[it->second].market];
}

std::optional<BookSnapshot> Venue::book(const chain::Uint256& token_id) const {
  std::lock_guard lock(state_->mutex);
  auto it = state_->book_of_token.find(token_id);
  if (it == state_->book_of_token.end()) return std::nullopt;
  const TokenBook& book = state_->books[it->second];
  const MarketState& market = state_->markets[book.market];
  BookSnapshot snapshot;
  snapshot.condition_id = market.market.condition_id;
  snapshot.token_id = token_id;
  snapshot.at = now();
  snapshot.bids = book.book.levels_best_first(polymarket::Side::buy);
  snapshot.asks = book.book.levels_best_first(polymarket::Side::sell);
  snapshot.tick = market.market.tick;
  snapshot.min_order_size = market.market.min_order_size;
  snapshot.neg_risk = market.market.neg_risk;
  snapshot.last_trade_price = market.last_trade_price[book.outcome];
  return snapshot;
}

PlaceResult Venue::place(const PlaceRequest& request) {
  PlaceResult result;
  {
    std::lock_guard lock(state_->mutex);
    const core::Timestamp at = now();
    state_->run_due(at);
    result = state_->place(request, at);
  }
  state_->events.deliver();
  return result;
}

CancelResult Venue::cancel(const std::string& owner, const std::vector<chain::Bytes32>& ids) {
  CancelResult result;
  {
    std::lock_guard lock(state_->mutex);
    const core::Timestamp at = now();
    state_->run_due(at);
    for (const chain::Bytes32& id : ids) {
      auto it = state_->orders.find(id);
      if (it == state_->orders.end() || it->second.record.owner != owner) {
        result.not_canceled.emplace_back(id, std::string(venue_errors::kOrderNotFound));
      } else if (!it->second.resting) {
        result.not_canceled.emplace_back(id, std::string(venue_errors::kAlreadyCanceledOrMatched));
      } else {
        state_->cancel_order(it->second, at);
        result.canceled.push_back(id);
      }
    }
  }
  state_->events.deliver();
  return result;
}

CancelResult Venue::cancel_all(const std::string& owner) {
  CancelResult result;
  {
    std::lock_guard lock(state_->mutex);
    const core::Timestamp at = now();
    state_->run_due(at);
    result = state_->cancel_where(
        owner, [](const OrderState&) { return true; }, at);
  }
  state_->events.deliver();
  return result;
}

CancelResult Venue::cancel_market(const std::string& owner, std::optional<chain::Bytes32> market,
                                  std::optional<chain::Uint256> asset_id) {
  CancelResult result;
  {
    std::lock_guard lock(state_->mutex);
    const core::Timestamp at = now();
    state_->run_due(at);
    result = state_->cancel_where(
        owner,
        [&](const OrderState& order) {
          return (!market || order.record.condition_id == *market) &&
                 (!asset_id || order.record.token_id == *asset_id);
        },
        at);
  }
  state_->events.deliver();
  return result;
}

std::optional<OrderRecord> Venue::order(const std::string& owner, const chain::Bytes32& id) const {
  std::lock_guard lock(state_->mutex);
  auto it = state_->orders.find(id);
  if (it == state_->orders.end() || it->second.record.owner != owner) return std::nullopt;
  return it->second.record;
}

std::vector<OrderRecord> Venue::open_orders(const std::string& owner, const OrderFilter& f) const {
  std::vector<OrderRecord> out;
  std::lock_guard lock(state_->mutex);
  auto live = state_->live_by_owner.find(owner);
  if (live == state_->live_by_owner.end()) return out;
  for (const auto& [seq, order] : live->second) {
    const OrderRecord& record = order->record;
    if (f.id && record.id != *f.id) continue;
    if (f.market && record.condition_id != *f.market) continue;
    if (f.asset_id && record.token_id != *f.asset_id) continue;
    out.push_back(record);
  }
  return out;
}

std::vector<TradeRecord> Venue::trades(const std::string& owner, const TradeFilter& f) const {
  std::vector<TradeRecord> out;
  std::lock_guard lock(state_->mutex);
  auto mine = state_->trades_by_owner.find(owner);
  if (mine == state_->trades_by_owner.end()) return out;
  for (auto index = mine->second.rbegin(); index != mine->second.rend(); ++index) {
    const TradeRecord& trade = state_->trades[*index];
    const std::int64_t match_s = core::to_unix_ms(trade.match_time) / 1000;
    if (f.id && trade.id != *f.id) continue;
    if (f.market && trade.condition_id != *f.market) continue;
    if (f.asset_id && trade.token_id != *f.asset_id) continue;
    if (f.before_s && !(match_s < *f.before_s)) continue;
    if (f.after_s && !(match_s > *f.after_s)) continue;
    out.push_back(trade);
  }
  return out;
}

Balance Venue::balance(const chain::Address& wallet) {
  std::lock_guard lock(state_->mutex);
  const Wallet& funds = state_->wallets.get(wallet);
  return Balance{core::Usd::from_micros(funds.collateral), core::Usd::from_micros(funds.allowance),
                 core::Usd::from_micros(funds.collateral_reserved)};
}

core::Shares Venue::token_balance(const chain::Address& wallet, const chain::Uint256& token_id) {
  std::lock_guard lock(state_->mutex);
  const Wallet& funds = state_->wallets.get(wallet);
  auto it = funds.tokens.find(token_id);
  return core::Shares::from_micros(it == funds.tokens.end() ? 0 : it->second.shares);
}

std::optional<chain::Address> Venue::funder_of(const chain::Address& eoa) const {
  std::lock_guard lock(state_->mutex);
  return state_->wallets.funder_of(eoa);
}

void Venue::fund(const chain::Address& wallet, core::Usd balance, core::Usd allowance) {
  std::lock_guard lock(state_->mutex);
  Wallet& funds = state_->wallets.get(wallet);
  funds.collateral = balance.micros();
  funds.allowance = allowance.micros();
}

core::Status Venue::resolve(const chain::Bytes32& condition_id, int winner) {
  core::Status status;
  {
    std::lock_guard lock(state_->mutex);
    const core::Timestamp at = now();
    state_->run_due(at);
    auto it = state_->market_of_condition.find(condition_id);
    if (it == state_->market_of_condition.end()) {
      status = core::Error{"unknown_market", "no market has this condition id"};
    } else {
      status = state_->resolve_market(it->second, winner, at);
    }
  }
  state_->events.deliver();
  return status;
}

core::Status Venue::set_tick_size(const chain::Bytes32& condition_id, polymarket::TickSize tick) {
  core::Status status;
  {
    std::lock_guard lock(state_->mutex);
    const core::Timestamp at = now();
    state_->run_due(at);
    auto it = state_->market_of_condition.find(condition_id);
    if (it == state_->market_of_condition.end()) {
      status = core::Error{"unknown_market", "no market has this condition id"};
    } else {
      // Resting orders stay: the venue only narrows a tick (near the extremes), so they
      // remain on the new grid.
      MarketState& market = state_->markets[it->second];
      const auto old_tick = market.market.tick;
      market.market.tick = tick;
      for (const auto& outcome : market.market.outcomes)
        state_->emit(TickSizeChanged{condition_id, outcome.token_id, old_tick, tick, at});
    }
  }
  state_->events.deliver();
  return status;
}

core::Status Venue::trader_trade(const chain::Address& wallet, const chain::Uint256& token_id,
                                 polymarket::Side side, core::Price price, core::Shares size) {
  core::Status status;
  {
    std::lock_guard lock(state_->mutex);
    const core::Timestamp at = now();
    state_->run_due(at);
    auto it = state_->book_of_token.find(token_id);
    if (it == state_->book_of_token.end()) {
      status = core::Error{"unknown_token", "no market has this token id"};
    } else if (size.micros() <= 0) {
      status = core::Error{"invalid_size", "a trade needs a positive size"};
    } else {
      state_->record_outside_trade(wallet, it->second, side, price, size, at, /*live=*/true);
    }
  }
  state_->events.deliver();
  return status;
}

int Venue::subscribe(Listener listener) {
  return state_->events.subscribe(std::move(listener));
}

void Venue::unsubscribe(int id) {
  state_->events.unsubscribe(id);
}

}  // namespace polycopy::sim
